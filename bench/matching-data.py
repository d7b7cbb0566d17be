#!/usr/bin/env python3
"""Fills a tansiq data directory's store with a synthetic network of mediators for bench/matching.sh.

    bench/matching-data.py DATA_DIR/tansiq.db [--candidates 100000] [--seed 1] [--today YYYY-MM-DD]

The store must come from `tansiq init` (the default data: the countries and their regions, the
member states, the areas of expertise, the trainings, the weights of the matching, version 1 of
the code of conduct, pending). Added, with plain INSERTs in one transaction (statuses and
signatures are derived fields, which only the module's actions write through the API; 100,000
decisions through it would take the benchmark's whole time):

  - version 1 of the code of conduct adopted (its text a placeholder);
  - the process matched, mp-bench: Sudan, state party SDN, parties "Sudanese Armed Forces; Rapid
    Support Forces", languages ar en, expertise ceasefire-security process-design; and 300 other
    processes on member states (one in five closed);
  - N approved members of the network (mb-000001...), nominated by member states, of member
    states' nationalities (so about 1 in 57 is Sudanese), speaking 1 to 4 of 10 languages at
    random levels, with 1 to 4 areas of expertise, 1 to 2 regions, 1 to 4 countries of experience,
    0 to 40 years, available (8 in 10), partly available (1 in 8) or unavailable, a maximum load
    of 1 to 4 open processes, 9 in 10 having signed the code; and 2,000 more nominated or
    declined (not in the roster);
  - about N/5 places on teams (one in six ended), N/5 declared interests (1 in 20 touching
    Sudan or a party named, written in varied case and spacing), and N/2 participations in the
    trainings (a third certified).

Every row satisfies the schema's CHECK constraints and references. Prints the counts and the
time taken on standard error. Deterministic for a given seed and today.
"""
import argparse
import datetime as dt
import random
import sqlite3
import sys
import time

LANGS = ["ar", "en", "fr", "tr", "ur", "ms", "fa", "so", "ha", "sw"]
LEVELS = ["native", "fluent", "working", "basic", ""]
REGIONS = ["africa", "americas", "asia", "europe", "middle_east"]
PARTIES_TOUCHING = ["Rapid Support Forces", " rapid support forces ", "SUDANESE ARMED FORCES", "Sudanese Armed Forces"]
PARTIES_OTHER = ["Al-Shabaab", "Houthis", "Taliban", "Another Front", "Coastal Alliance", "Northern Movement"]


def main():
    ap = argparse.ArgumentParser()
    ap.add_argument("db")
    ap.add_argument("--candidates", type=int, default=100000)
    ap.add_argument("--seed", type=int, default=1)
    ap.add_argument("--today", default=dt.date.today().isoformat())
    a = ap.parse_args()
    rnd = random.Random(a.seed)
    t0 = time.time()
    db = sqlite3.connect(a.db)
    db.execute("PRAGMA foreign_keys = ON")
    q = lambda sql: [r[0] for r in db.execute(sql)]
    states = q("SELECT id FROM states WHERE status = 'member' ORDER BY id")
    expertise = q("SELECT id FROM expertise_areas ORDER BY id")
    trainings = q("SELECT id FROM trainings ORDER BY id")
    code = q("SELECT id FROM codes_of_conduct ORDER BY version LIMIT 1")
    if "SDN" not in states or not expertise or not trainings or not code:
        sys.exit("matching-data: the store lacks the default data (run tansiq init first)")
    code = code[0]
    stamp = a.today + "T09:00:00Z"

    with db:
        db.execute("UPDATE codes_of_conduct SET status = 'adopted', adopted_on = ?, text_en = "
                   "'The benchmark code of conduct.' WHERE id = ?", (a.today, code))
        proc = ("INSERT INTO processes (id, title_en, country, authority, sg_decision, party_states, parties, "
                "languages, expertise, stage, stage_on, opened_on, level) VALUES (?,?,?,?,?,?,?,?,?,?,?,?,?)")
        db.execute(proc, ("mp-bench", "Benchmark: Sudan talks", "SDN", "secretary_general", "Benchmark letter", "SDN",
                          "Sudanese Armed Forces; Rapid Support Forces", "ar en",
                          "ceasefire-security process-design", "exploration", a.today, a.today, "members"))
        procs = []
        for i in range(300):
            pid = "mp-other-%03d" % i
            c = rnd.choice(states)
            db.execute(proc, (pid, "Benchmark process %d" % i, c, "secretary_general", "Benchmark letter", c, None,
                              "ar", None, "closed" if i % 5 == 0 else "ceasefire", a.today, a.today, "members"))
            procs.append(pid)

        n = a.candidates
        rows = []
        for i in range(1, n + 2001):
            mid = "mb-%06d" % i
            langs = rnd.sample(LANGS, rnd.randint(1, 4))
            if rnd.random() < 0.5 and "ar" not in langs:
                langs[0] = "ar"
            lang = " ".join(l + (":" + lv if lv else "") for l in langs for lv in [rnd.choice(LEVELS)])
            r = rnd.random()
            avail = "available" if r < 0.8 else "limited" if r < 0.925 else "unavailable"
            status = "approved" if i <= n else rnd.choice(["nominated", "declined"])
            rows.append((mid, "Candidate %d" % i, "مرشح %d" % i, rnd.choice(["mediator", "special_envoy", "expert"]),
                         "state", rnd.choice(states), status, stamp if status != "nominated" else None,
                         "bench" if status != "nominated" else None, rnd.choice(states), lang,
                         " ".join(rnd.sample(expertise, rnd.randint(1, 4))), " ".join(rnd.sample(REGIONS, rnd.randint(1, 2))),
                         " ".join(rnd.sample(states, rnd.randint(1, 4))), rnd.randint(0, 40), avail, rnd.randint(1, 4),
                         code if rnd.random() < 0.9 else None, stamp, "members"))
        db.executemany("INSERT INTO mediators (id, name_en, name_ar, kind, nominated_by, nominating_state, status, "
                       "decided_at, decided_by, nationality, languages, expertise, regions, countries, experience_years, "
                       "availability, max_load, code_signed, code_signed_at, level) "
                       "VALUES (?,?,?,?,?,?,?,?,?,?,?,?,?,?,?,?,?,?,?,?)", rows)

        places = set()
        while len(places) < n // 5:
            places.add(("mb-%06d" % rnd.randint(1, n), rnd.choice(procs)))
        # a few on the matched process itself
        for k in range(50):
            places.add(("mb-%06d" % rnd.randint(1, n), "mp-bench"))
        db.executemany("INSERT INTO process_team (id, process, mediator, role, since, until, level) VALUES "
                       "(?,?,?,'member',?,?, 'members')",
                       [("pt-%06d" % k, p, m, a.today, a.today if rnd.random() < 1 / 6 else None)
                        for k, (m, p) in enumerate(sorted(places))])

        interests = []
        for k in range(n // 5):
            m = "mb-%06d" % rnd.randint(1, n)
            touching = rnd.random() < 0.05
            if rnd.random() < 0.5:
                c = "SDN" if touching else rnd.choice([s for s in states if s != "SDN"])
                interests.append(("in-%06d" % k, m, "state", c, None, "Adviser to the government"))
            else:
                p = rnd.choice(PARTIES_TOUCHING if touching else PARTIES_OTHER)
                interests.append(("in-%06d" % k, m, "party", None, p, "Adviser to the party's delegation"))
        db.executemany("INSERT INTO interests (id, mediator, kind, country, party, description, declared_on, level) "
                       "VALUES (?,?,?,?,?,?,'%s','members')" % a.today, interests)

        trained = set()
        while len(trained) < min(n // 2, n * len(trainings)):
            trained.add(("mb-%06d" % rnd.randint(1, n), rnd.choice(trainings)))
        parts = []
        for k, (m, t) in enumerate(sorted(trained)):
            res = rnd.choice(["attended", "completed", "certified"])
            parts.append(("tp-%06d" % k, t, m, res, "Mediation for Peace" if res == "certified" else None))
        db.executemany("INSERT INTO training_participants (id, training, mediator, result, certificate, level) VALUES "
                       "(?,?,?,?,?,'members')", parts)

    print("matching-data: %d approved candidates (+2000 not approved), %d places on teams, %d interests, %d training "
          "participations, in %.1f s" % (n, len(places), len(interests), len(parts), time.time() - t0), file=sys.stderr)


if __name__ == "__main__":
    main()
