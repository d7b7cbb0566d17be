-- Synthetic country-month aggregates for bench/forecast.sh: NCOUNTRIES countries (the first of
-- the countries table by id) x NMONTHS months from January 1995, written straight into
-- event_country_months (what the importers maintain), public level. Each country follows a
-- two-state chain, deterministic (a linear congruential generator seeded by the country's rank):
-- in conflict it stays in conflict with probability 0.92 and has 10 to 309 fatalities a month
-- (mostly 25 or more); at peace it enters conflict with probability 0.03 and has 0 to 11, with
-- a spike of 40 one month in 50. One country in five starts in conflict.
-- Parameters: the shell's .parameter set :countries and :months.
DELETE FROM "event_country_months";
WITH RECURSIVE
cs(ci, iso) AS (SELECT row_number() OVER (ORDER BY "id"), "id" FROM "countries" ORDER BY "id" LIMIT :countries),
s(ci, m, st, r) AS (
  SELECT ci, 0, ci % 5 = 0, (ci * 2654435761) % 2147483648 FROM cs
  UNION ALL
  SELECT ci, m + 1,
         CASE WHEN st = 1 THEN (r / 65536) % 100 >= 8 ELSE (r / 65536) % 100 < 3 END,
         (r * 1103515245 + 12345) % 2147483648
  FROM s WHERE m < :months - 1),
v(ci, m, f, r) AS (
  SELECT ci, m, CASE WHEN st = 1 THEN 10 + (r / 4096) % 300
                     ELSE (r / 4096) % 12 + CASE WHEN (r / 256) % 50 = 0 THEN 40 ELSE 0 END END, r FROM s)
INSERT INTO "event_country_months" ("country", "month", "event_type", "level", "team", "events", "fatalities")
SELECT cs.iso, printf('%04d-%02d', 1995 + m / 12, m % 12 + 1), 'battles', 'public', '', 1 + f / 5 + (r / 16) % 7, f
FROM v JOIN cs USING (ci);
