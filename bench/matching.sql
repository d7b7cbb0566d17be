-- The matching of bench/matching.sh as ONE query in the sqlite3 shell: the hard rules, then the
-- weighted scores, the ranking (score, then id) and the first 20, with the number of eligible
-- candidates on each row. Run with a temp table match_args(process) and .timer on:
--
--   sqlite3 -readonly DB -cmd "CREATE TEMP TABLE match_args AS SELECT 'mp-bench' AS process" \
--       -cmd ".timer on" <bench/matching.sql
--
-- The rules and shares are those of lib/mediation/match.c (see include/tansiq/mediation.h);
-- each criterion's points are rounded to 2 decimals and summed, as the library does, so that the
-- two rankings can be compared row by row. Lists are read as separated by single spaces (as the
-- benchmark's generator writes them; the library also takes commas and runs of spaces).
-- A criterion of weight 0 or skipped (no languages, no expertise on the process) gives 0.
WITH RECURSIVE
p AS (
  SELECT q."id", q."country", coalesce(c."region", '') AS region, coalesce(q."party_states", '') AS states,
         coalesce(q."parties", '') AS parties, coalesce(q."languages", '') AS langs, coalesce(q."expertise", '') AS exp
  FROM "processes" q LEFT JOIN "countries" c ON c."id" = q."country"
  WHERE q."id" = (SELECT process FROM match_args)),
w AS (
  SELECT coalesce(max(CASE "id" WHEN 'languages' THEN "weight" END), 0) AS languages,
         coalesce(max(CASE "id" WHEN 'region' THEN "weight" END), 0) AS region,
         coalesce(max(CASE "id" WHEN 'country' THEN "weight" END), 0) AS country,
         coalesce(max(CASE "id" WHEN 'expertise' THEN "weight" END), 0) AS expertise,
         coalesce(max(CASE "id" WHEN 'certificates' THEN "weight" END), 0) AS certificates,
         coalesce(max(CASE "id" WHEN 'seniority' THEN "weight" END), 0) AS seniority,
         coalesce(max(CASE "id" WHEN 'load' THEN "weight" END), 0) AS load
  FROM "match_weights"),
code AS (SELECT "id" FROM "codes_of_conduct" WHERE "status" = 'adopted' ORDER BY "version" DESC LIMIT 1),
-- the process's lists as rows
sl(item, rest) AS (SELECT NULL, (SELECT langs FROM p) || ' ' UNION ALL
  SELECT substr(rest, 1, instr(rest, ' ') - 1), substr(rest, instr(rest, ' ') + 1) FROM sl WHERE rest <> ''),
plang AS MATERIALIZED (SELECT CASE WHEN instr(item, ':') THEN substr(item, 1, instr(item, ':') - 1) ELSE item END AS code
          FROM sl WHERE item <> ''),
se(item, rest) AS (SELECT NULL, (SELECT exp FROM p) || ' ' UNION ALL
  SELECT substr(rest, 1, instr(rest, ' ') - 1), substr(rest, instr(rest, ' ') + 1) FROM se WHERE rest <> ''),
pexp AS MATERIALIZED (SELECT item AS area FROM se WHERE item <> ''),
ss(item, rest) AS (SELECT NULL, (SELECT states FROM p) || ' ' UNION ALL
  SELECT substr(rest, 1, instr(rest, ' ') - 1), substr(rest, instr(rest, ' ') + 1) FROM ss WHERE rest <> ''),
pstate AS MATERIALIZED (SELECT item AS state FROM ss WHERE item <> ''),
sp(item, rest) AS (SELECT NULL, (SELECT parties FROM p) || ';' UNION ALL
  SELECT lower(trim(substr(rest, 1, instr(rest, ';') - 1))), substr(rest, instr(rest, ';') + 1) FROM sp WHERE rest <> ''),
pparty AS MATERIALIZED (SELECT item AS name FROM sp WHERE item <> ''),
-- the interests touching a party, this process's team
touch AS (SELECT "mediator" FROM "interests" WHERE "country" IN (SELECT state FROM pstate)
          OR lower(trim("party")) IN (SELECT name FROM pparty)),
team AS (SELECT "mediator" FROM "process_team" WHERE "process" = (SELECT "id" FROM p) AND "until" IS NULL),
-- each member's open places (processes not closed, places not ended) and certificates, looked up
-- by the indexes on mediator (a LEFT JOIN of grouped counts gets no automatic index from SQLite's
-- planner here, and runs for minutes)
counted AS (
  SELECT m.*,
    (SELECT count(*) FROM "process_team" t JOIN "processes" q ON q."id" = t."process"
     WHERE t."mediator" = m."id" AND t."until" IS NULL AND q."stage" <> 'closed') AS places,
    (SELECT count(*) FROM "training_participants" t WHERE t."mediator" = m."id" AND t."result" = 'certified') AS certs
  FROM "mediators" m WHERE m."status" = 'approved'),
-- the hard rules
cand AS (
  SELECT m."id", ' ' || coalesce(m."languages", '') || ' ' AS mlangs, ' ' || coalesce(m."expertise", '') || ' ' AS mexp,
         ' ' || coalesce(m."regions", '') || ' ' AS regions, ' ' || coalesce(m."countries", '') || ' ' AS countries,
         coalesce(m."experience_years", 0) AS years, m."availability", coalesce(m."max_load", 2) AS max_load,
         places, certs
  FROM counted m
  WHERE m."availability" <> 'unavailable'
    AND ((SELECT "id" FROM code) IS NULL OR m."code_signed" = (SELECT "id" FROM code))
    AND m."nationality" NOT IN (SELECT state FROM pstate)
    AND m."id" NOT IN (SELECT "mediator" FROM touch)
    AND places < coalesce(m."max_load", 2)
    AND m."id" NOT IN (SELECT "mediator" FROM team)),
-- the points of each criterion
scored AS (
  SELECT cand."id",
    round(w.languages * coalesce((SELECT avg(CASE
        WHEN instr(mlangs, ' ' || code || ':native ') OR instr(mlangs, ' ' || code || ':fluent ') THEN 1.0
        WHEN instr(mlangs, ' ' || code || ':basic ') THEN 0.25
        WHEN instr(mlangs, ' ' || code || ':') OR instr(mlangs, ' ' || code || ' ') THEN 0.5
        ELSE 0 END) FROM plang), 0), 2)
    + round(w.region * (p.region <> '' AND instr(regions, ' ' || p.region || ' ') > 0), 2)
    + round(w.country * (instr(countries, ' ' || p.country || ' ') > 0
        OR EXISTS (SELECT 1 FROM pstate WHERE instr(countries, ' ' || state || ' '))), 2)
    + round(w.expertise * coalesce((SELECT avg(instr(mexp, ' ' || area || ' ') > 0) FROM pexp), 0), 2)
    + round(w.certificates * CASE WHEN certs >= 2 THEN 1 WHEN certs = 1 THEN 0.5 ELSE 0 END, 2)
    + round(w.seniority * min(max(years, 0), 25) / 25.0, 2)
    + round(w.load * (1.0 - places * 1.0 / max_load) * CASE WHEN cand."availability" = 'limited' THEN 0.5 ELSE 1 END, 2)
    AS score
  FROM cand, p, w)
SELECT row_number() OVER (ORDER BY round(score, 2) DESC, "id") AS rank, "id", printf('%.2f', score) AS score,
       count(*) OVER () AS eligible
FROM scored ORDER BY round(score, 2) DESC, "id" LIMIT 20;
