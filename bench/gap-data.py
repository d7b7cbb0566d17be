#!/usr/bin/env python3
"""Fills a tansiq data directory's store with a synthetic organisation for bench/gap.sh.

    bench/gap-data.py DATA_DIR/tansiq.db [--years 50] [--seed 1] [--today YYYY-MM-DD]

The store must come from `tansiq init` (the default data: 62 states, 13 organs, 7 resolution
categories, one contact group, ten partner organisations). Added, with plain INSERTs in one
transaction (no audit log entries: the implementation index is built from the tables on the
first request, and bench/gap.sh writes one report through the CLI to move the audit log's head):

  - one ordinary session of the CFM each year (ids bench-cfm-N, session numbers 101..150, so
    no clash with cfm-45), one of the Summit every 3 years (bench-summit-N, 101..117), all held,
    three days each;
  - about 470 adopted resolutions per CFM session and 330 per Summit (about 30,000), coded
    N/SS-CAT like the product codes them (id N-SS-cat, -is for the Summit), adopted on the
    session's last day (8 in 10), in its month (1 in 10) or on no day given (1 in 10);
  - 3 to 6 operative paragraphs each; 1 to 4 mandates per paragraph (about 300,000) to the 57
    member and suspended states, all member states, the Secretary-General, the OIC, organs,
    contact groups (five added) and partners; most once with a deadline (a year, a month or a
    day), some standing, yearly or each session of the CFM / Summit; 1 in 20 with a start of
    its own (a day, a month, or a 29 February for some yearly ones);
  - 0 to 6 implementation reports per mandate (about 400,000), oldest first, the latest
    deciding the status; five member states never report on mandates to all member states.

Every row is 'public' and satisfies the schema's CHECK constraints and references. Prints the
counts and the time taken on standard error. Deterministic for a given seed and today.
"""
import argparse
import datetime as dt
import random
import sqlite3
import sys
import time

CATS = [  # (id, code, weight): the default data's categories
    ("pol", "POL", 30), ("org", "ORG", 8), ("e", "E", 18), ("c", "C", 14), ("s-t", "S&T", 10),
    ("p", "P", 14), ("poa", "PoA", 6)]
LETTER_AR = {"pol": "س"}  # the default data's letter_ar: the Arabic form of the code uses it


def slug(number, session, code, summit):
    s = "%d-%d-" % (number, session)
    out = []
    for ch in code:
        c = ch.lower() if ch.isalnum() else "-"
        if c == "-" and (out[-1:] == ["-"] or s.endswith("-") and not out):
            continue
        out.append(c)
    s += "".join(out).rstrip("-")
    return s + ("-is" if summit else "")


def main():
    ap = argparse.ArgumentParser()
    ap.add_argument("db")
    ap.add_argument("--years", type=int, default=50)
    ap.add_argument("--seed", type=int, default=1)
    ap.add_argument("--today", default=dt.datetime.now(dt.timezone.utc).strftime("%Y-%m-%d"))
    a = ap.parse_args()
    t0 = time.time()
    rnd = random.Random(a.seed)
    today = dt.date.fromisoformat(a.today)
    con = sqlite3.connect(a.db, isolation_level=None)
    con.execute("PRAGMA foreign_keys = ON")
    con.execute("PRAGMA synchronous = OFF")
    con.execute("PRAGMA cache_size = -400000")  # 400 MB: the indexes of random text keys stay in memory
    con.execute("BEGIN")

    states = [r[0] for r in con.execute(
        "SELECT id FROM states WHERE status IN ('member', 'suspended') ORDER BY id")]
    members = [r[0] for r in con.execute("SELECT id FROM states WHERE status = 'member' ORDER BY id")]
    organs = [r[0] for r in con.execute("SELECT id FROM organs ORDER BY id")]
    partners = [r[0] for r in con.execute("SELECT id FROM organisations ORDER BY id")]
    if len(states) < 50 or "cfm" not in organs or "summit" not in organs:
        sys.exit("gap-data: %s does not hold tansiq's default data (run tansiq init first)" % a.db)
    for i in range(1, 6):
        con.execute("INSERT INTO contact_groups (id, name_en, organ, level) VALUES (?, ?, 'cfm', 'public')",
                    ("bench-cg-%d" % i, "Benchmark contact group %d" % i))
    groups = [r[0] for r in con.execute("SELECT id FROM contact_groups ORDER BY id")]
    silent_members = set(rnd.sample(members, 5))  # never report on mandates to all member states
    reporting_members = [s for s in members if s not in silent_members]

    # --- meetings: a CFM session every year, a Summit every 3 years, ending this year
    first = today.year - a.years + 1
    meetings = []  # (id, organ, session, start date, summit)
    for k in range(a.years):
        y = first + k
        start = dt.date(y, rnd.randint(3, 10), rnd.randint(1, 28))
        if start > today:
            start = today - dt.timedelta(days=30)
        meetings.append(("bench-cfm-%d" % (101 + k), "cfm", 101 + k, start, 0))
        if k % 3 == 0:
            s = 101 + k // 3
            meetings.append(("bench-summit-%d" % s, "summit", s, start - dt.timedelta(days=40), 1))
    con.executemany(
        "INSERT INTO meetings (id, organ, kind, session_number, title_en, start, \"end\", status, level) "
        "VALUES (?, ?, 'ordinary', ?, ?, ?, ?, 'held', 'public')",
        [(m[0], m[1], m[2], "Benchmark %s session %d" % (m[1].upper(), m[2]), m[3].isoformat(),
          (m[3] + dt.timedelta(days=2)).isoformat()) for m in meetings])

    res_rows, para_rows, mand_rows, rep_rows = [], [], [], []
    cat_ids = [c[0] for c in CATS]
    cat_w = [c[2] for c in CATS]
    cat_code = {c[0]: c[1] for c in CATS}
    addr_kinds = ["state", "all_states", "secretary_general", "organ", "contact_group", "oic", "partner"]
    addr_w = [35, 12, 20, 15, 5, 8, 5]
    statuses_last = ["implemented", "in_progress", "not_started", "not_implemented"]
    statuses_last_w = [40, 35, 10, 15]

    def pdate(d, precision):
        return d.strftime("%Y") if precision == 0 else d.strftime("%Y-%m") if precision == 1 else d.isoformat()

    for (mid, organ, session, start, summit) in meetings:
        nres = rnd.randint(280, 380) if summit else rnd.randint(420, 520)
        numbers = {c: 0 for c in cat_ids}
        for _ in range(nres):
            cat = rnd.choices(cat_ids, cat_w)[0]
            numbers[cat] += 1
            n = numbers[cat]
            code = "%d/%d-%s%s" % (n, session, cat_code[cat], "(IS)" if summit else "")
            letter = LETTER_AR.get(cat)
            code_ar = ("%d/%d-%s" % (session, n, letter) if letter else
                       "%d/%d-%s" % (n, session, cat_code[cat])) + ("(IS)" if summit else "")
            rid = slug(n, session, cat_code[cat], summit)
            # adopted on the session's last day; some only to the month (as the sources often give
            # it), some not given (the meeting's end then counts)
            u = rnd.random()
            adopted = start + dt.timedelta(days=2)
            adopted_on = adopted.isoformat() if u < 0.8 else adopted.strftime("%Y-%m") if u < 0.9 else None
            res_rows.append((rid, code, code_ar, n, session, cat, summit, "Benchmark resolution " + code, mid,
                             adopted_on))
            for p in range(1, rnd.randint(3, 6) + 1):
                pid = "%s-op-%d" % (rid, p)
                para_rows.append((pid, rid, p, "Operative paragraph %d of %s" % (p, code)))
                for mk in range(1, rnd.choices([1, 2, 3, 4], [30, 30, 25, 15])[0] + 1):
                    mand_id = "%s-m%d" % (pid, mk)
                    kind = rnd.choices(addr_kinds, addr_w)[0]
                    a_organ = rnd.choice(organs) if kind == "organ" else None
                    a_state = rnd.choice(states) if kind == "state" else None
                    a_group = rnd.choice(groups) if kind == "contact_group" else None
                    a_partner = rnd.choice(partners) if kind == "partner" else None
                    u = rnd.random()
                    due, rec, report_to = None, "none", None
                    if u < 0.70:  # once, with a deadline 1 to 3 years on
                        d = start + dt.timedelta(days=rnd.randint(200, 1100))
                        due = pdate(d, rnd.choices([0, 1, 2], [40, 30, 30])[0])
                    elif u < 0.80:  # standing, no deadline
                        pass
                    elif u < 0.92:  # yearly, without end or for 3 to 8 years
                        rec = "yearly"
                        if rnd.random() < 0.5:
                            due = str(start.year + rnd.randint(3, 8))
                    else:  # at each session of the organ that adopted it
                        rec, report_to = "each_session", organ
                        if rnd.random() < 0.5:
                            due = str(start.year + rnd.randint(3, 8))
                    # a few run from a start of their own: a later day or month, or a 29 February
                    own = None
                    if rnd.random() < 0.05:
                        later = start + dt.timedelta(days=rnd.randint(30, 400))
                        own = later.isoformat() if rnd.random() < 0.5 else later.strftime("%Y-%m")
                        if rec == "yearly" and rnd.random() < 0.5:
                            y = start.year + 1
                            while y % 4 or (y % 100 == 0 and y % 400):
                                y += 1
                            own = "%d-02-29" % y
                    mand_rows.append((mand_id, pid, kind, a_organ, a_state, a_group, a_partner,
                                      "Mandate %d of paragraph %d of %s" % (mk, p, code), own, due, rec, report_to,
                                      rnd.choice([1, 1, 1, 2, 3])))
                    # reports: none for about a quarter, more for recurring mandates
                    if rec == "none":
                        nrep = rnd.choices([0, 1, 2, 3, 4], [30, 34, 20, 10, 6])[0]
                    else:
                        nrep = rnd.choices([0, 1, 2, 3, 4, 5, 6], [25, 15, 15, 15, 15, 10, 5])[0]
                    if not nrep:
                        continue
                    horizon = min(today, start + dt.timedelta(days=365 * (8 if rec != "none" else 4)))
                    span = (horizon - start).days
                    if span < 2:
                        continue
                    # filed in that order: of two reports of the same day, the later filed is the latest
                    days = sorted(start + dt.timedelta(days=rnd.randint(1, span)) for _ in range(nrep))
                    last = rnd.choices(statuses_last, statuses_last_w)[0]
                    for rk, d in enumerate(days, 1):
                        st = last if rk == nrep else "in_progress"
                        prog = 100 if st == "implemented" else 0 if st == "not_started" else \
                            rnd.randint(0, 60) if st == "not_implemented" else rnd.randint(10, 90)
                        state = a_state if kind == "state" else rnd.choice(reporting_members) if kind == "all_states" \
                            else None
                        rep_rows.append(("%s-r%d" % (mand_id, rk), mand_id, state, st, prog,
                                         pdate(d, 1 if rnd.random() < 0.1 else 2),
                                         "%sT%02d:%02d:00Z" % (d.isoformat(), 8 + rk, rnd.randint(0, 59))))
    t1 = time.time()
    con.executemany(
        "INSERT INTO resolutions (id, code, code_ar, number, session, category, summit, status, title_en, meeting, "
        "adopted_on, level) VALUES (?, ?, ?, ?, ?, ?, ?, 'adopted', ?, ?, ?, 'public')", res_rows)
    con.executemany(
        "INSERT INTO paragraphs (id, resolution, kind, number, text_en, weight, level) "
        "VALUES (?, ?, 'operative', ?, ?, 1, 'public')", para_rows)
    con.executemany(
        "INSERT INTO mandates (id, paragraph, addressee, addressee_organ, addressee_state, addressee_group, "
        "addressee_partner, action_en, start, due, recurrence, report_to, weight, level) "
        "VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, 'public')", mand_rows)
    con.executemany(
        "INSERT INTO implementation_reports (id, mandate, state, status, progress, reported_on, filed_at, level) "
        "VALUES (?, ?, ?, ?, ?, ?, ?, 'public')", rep_rows)
    con.execute("COMMIT")
    con.execute("PRAGMA wal_checkpoint(TRUNCATE)")
    con.close()
    t2 = time.time()
    print("gap-data: %d meetings, %d resolutions, %d paragraphs, %d mandates, %d reports; "
          "generated in %.1f s, written in %.1f s" % (len(meetings), len(res_rows), len(para_rows), len(mand_rows),
                                                      len(rep_rows), t1 - t0, t2 - t1), file=sys.stderr)


if __name__ == "__main__":
    main()
