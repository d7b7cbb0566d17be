-- The commitment-implementation gap and one resolution's roll-up as plain SQL, for bench/gap.sh to
-- time in the sqlite3 shell beside the API (GET /api/v1/gap, GET /api/v1/resolutions/{id}/progress).
--
--   sqlite3 -readonly DIR/tansiq.db \
--     -cmd "CREATE TEMP TABLE gap_args AS SELECT 20261123 AS on_day, '12-120-pol' AS res" \
--     -cmd .timer on < bench/gap.sql
--
-- gap_args: on_day, the day asked about as YYYYMMDD; res, the resolution to roll up. The rules
-- are the library's (ts_mandate_judge in lib/implementation/progress.c), with days as YYYYMMDD
-- integers like the index:
--   - a partial date covers a range of days: "2019" is 20190101..20191231, "2019-02" is
--     20190201..20190228; a report's or a start's day is the first;
--   - a mandate runs from its own start (its first day), else from the end of the session that
--     adopted it: the last day of its resolution's adoption as known, else of the meeting's end,
--     else of the meeting's start;
--   - the reports counted are those dated on or before the day asked about; the latest (by day,
--     then filed_at) gives the status and progress; none: not started, 0, silent;
--   - once: due from the first day of its deadline; late after the last, unless the status is
--     implemented or not implemented; without a deadline never due nor late;
--   - yearly: due from the first anniversary of its start (a 29 February's falls on the 28th in
--     other years) up to the end of its deadline, if any; late when the last anniversary before
--     the day asked about has passed with no report since the one before it (or the start);
--   - each session: the same with the first days of the ordinary, not cancelled sessions of the
--     organ it reports to, after its start and up to the end of its deadline.
-- Where this is simpler than the library: only 'public' rows count (the anonymous reader's view;
-- the library also reads restricted rows of the reader's teams), and a programme's activity (a
-- mandate with a result and no paragraph) takes no organ, start or level from its programme tree.
-- Progress is rounded to one decimal as the library rounds it (x * 10 + 0.5, truncated).
-- Each query below is the whole computation, from the tables: the shell's timer is its cost.
-- The view is only a name for the query: every SELECT from it runs it anew on the tables. Its
-- stages are MATERIALIZED so that each mandate's correlated subqueries run once; gap_scope.res
-- limits it to one resolution's mandates (reached through the indexes), NULL to all of them.

CREATE TEMP TABLE gap_scope AS SELECT NULL AS res;

CREATE TEMP VIEW standing AS WITH
  sess AS MATERIALIZED ( -- the first days of each organ's sessions
    SELECT organ, CASE WHEN start IS NULL THEN 0 ELSE CAST(substr(start, 1, 4) AS INT) * 10000
        + CASE WHEN length(start) >= 7 THEN CAST(substr(start, 6, 2) AS INT) * 100 ELSE 100 END
        + CASE WHEN length(start) >= 10 THEN CAST(substr(start, 9, 2) AS INT) ELSE 1 END END AS day
    FROM meetings WHERE kind = 'ordinary' AND status <> 'cancelled' AND organ IS NOT NULL),
  m0 AS ( -- the mandates judged: all of them, or those of one resolution (gap_scope)
    SELECT md.id, md.weight, coalesce(p.weight, 1) AS pweight, md.recurrence, md.report_to, mt.organ, p.resolution,
      md.paragraph, md.start AS own, coalesce(r.adopted_on, mt."end", mt.start) AS adopted, md.due,
      CASE md.addressee WHEN 'organ' THEN 'organ:' || md.addressee_organ WHEN 'state' THEN 'state:' || md.addressee_state
        WHEN 'contact_group' THEN 'contact_group:' || md.addressee_group WHEN 'partner' THEN 'partner:' || md.addressee_partner
        ELSE md.addressee END AS akey
    FROM mandates md
    LEFT JOIN paragraphs p ON p.id = md.paragraph
    LEFT JOIN resolutions r ON r.id = p.resolution
    LEFT JOIN meetings mt ON mt.id = r.meeting
    WHERE (SELECT res FROM gap_scope) IS NULL
      AND md.level = 'public' AND coalesce(p.level, 'public') = 'public' AND coalesce(r.level, 'public') = 'public'
    UNION ALL
    SELECT md.id, md.weight, p.weight, md.recurrence, md.report_to, mt.organ, p.resolution,
      md.paragraph, md.start, coalesce(r.adopted_on, mt."end", mt.start), md.due,
      CASE md.addressee WHEN 'organ' THEN 'organ:' || md.addressee_organ WHEN 'state' THEN 'state:' || md.addressee_state
        WHEN 'contact_group' THEN 'contact_group:' || md.addressee_group WHEN 'partner' THEN 'partner:' || md.addressee_partner
        ELSE md.addressee END
    FROM resolutions r
    JOIN paragraphs p ON p.resolution = r.id
    JOIN mandates md ON md.paragraph = p.id
    LEFT JOIN meetings mt ON mt.id = r.meeting
    WHERE r.id = (SELECT res FROM gap_scope)
      AND md.level = 'public' AND p.level = 'public' AND r.level = 'public'),
  m1 AS MATERIALIZED ( -- days as YYYYMMDD; the reports to the day: how many, and the latest (a correlated subquery)
    SELECT id, weight, pweight, recurrence, report_to, organ, resolution, paragraph, akey,
      CASE WHEN own IS NOT NULL THEN CAST(substr(own, 1, 4) AS INT) * 10000
          + CASE WHEN length(own) >= 7 THEN CAST(substr(own, 6, 2) AS INT) * 100 ELSE 100 END
          + CASE WHEN length(own) >= 10 THEN CAST(substr(own, 9, 2) AS INT) ELSE 1 END
        WHEN adopted IS NULL THEN 0 WHEN length(adopted) = 4 THEN CAST(adopted AS INT) * 10000 + 1231
        WHEN length(adopted) = 7 THEN CAST(strftime('%Y%m%d', adopted || '-01', '+1 month', '-1 day') AS INT)
        ELSE CAST(substr(adopted, 1, 4) || substr(adopted, 6, 2) || substr(adopted, 9, 2) AS INT) END AS start,
      CASE WHEN due IS NULL THEN 0 ELSE CAST(substr(due, 1, 4) AS INT) * 10000
        + CASE WHEN length(due) >= 7 THEN CAST(substr(due, 6, 2) AS INT) * 100 ELSE 100 END
        + CASE WHEN length(due) >= 10 THEN CAST(substr(due, 9, 2) AS INT) ELSE 1 END END AS due_lo,
      CASE WHEN due IS NULL THEN 0 WHEN length(due) = 4 THEN CAST(due AS INT) * 10000 + 1231
        WHEN length(due) = 7 THEN CAST(strftime('%Y%m%d', due || '-01', '+1 month', '-1 day') AS INT)
        ELSE CAST(substr(due, 1, 4) || substr(due, 6, 2) || substr(due, 9, 2) AS INT) END AS due_hi,
      (SELECT count(*) FROM implementation_reports ir WHERE ir.mandate = m0.id AND ir.level = 'public'
         AND CASE WHEN ir.reported_on IS NULL THEN 0 ELSE CAST(substr(ir.reported_on, 1, 4) AS INT) * 10000
        + CASE WHEN length(ir.reported_on) >= 7 THEN CAST(substr(ir.reported_on, 6, 2) AS INT) * 100 ELSE 100 END
        + CASE WHEN length(ir.reported_on) >= 10 THEN CAST(substr(ir.reported_on, 9, 2) AS INT) ELSE 1 END END <= (SELECT on_day FROM gap_args)) AS n,
      (SELECT ir.rowid FROM implementation_reports ir WHERE ir.mandate = m0.id AND ir.level = 'public'
         AND CASE WHEN ir.reported_on IS NULL THEN 0 ELSE CAST(substr(ir.reported_on, 1, 4) AS INT) * 10000
        + CASE WHEN length(ir.reported_on) >= 7 THEN CAST(substr(ir.reported_on, 6, 2) AS INT) * 100 ELSE 100 END
        + CASE WHEN length(ir.reported_on) >= 10 THEN CAST(substr(ir.reported_on, 9, 2) AS INT) ELSE 1 END END <= (SELECT on_day FROM gap_args)
       ORDER BY CASE WHEN ir.reported_on IS NULL THEN 0 ELSE CAST(substr(ir.reported_on, 1, 4) AS INT) * 10000
        + CASE WHEN length(ir.reported_on) >= 7 THEN CAST(substr(ir.reported_on, 6, 2) AS INT) * 100 ELSE 100 END
        + CASE WHEN length(ir.reported_on) >= 10 THEN CAST(substr(ir.reported_on, 9, 2) AS INT) ELSE 1 END END DESC, ir.filed_at DESC LIMIT 1) AS last_report
    FROM m0),
  m2 AS ( -- the latest report's status and progress; the end of the deadline, the anniversaries reached (yearly)
    SELECT m1.*, coalesce(lr.status, 'not_started') AS status, coalesce(lr.progress, 0) AS progress,
      CASE WHEN due_lo > 0 THEN due_hi ELSE 99999999 END AS ends,
      CASE WHEN recurrence = 'yearly' AND start > 0 THEN
        max(0, min((SELECT on_day FROM gap_args), CASE WHEN due_lo > 0 THEN due_hi ELSE 99999999 END) / 10000 - start / 10000
               - (min((SELECT on_day FROM gap_args), CASE WHEN due_lo > 0 THEN due_hi ELSE 99999999 END) % 10000 <
                  CASE WHEN start % 10000 = 229 AND NOT ((min((SELECT on_day FROM gap_args), CASE WHEN due_lo > 0 THEN due_hi ELSE 99999999 END) / 10000) % 4 = 0
                    AND ((min((SELECT on_day FROM gap_args), CASE WHEN due_lo > 0 THEN due_hi ELSE 99999999 END) / 10000) % 100 <> 0
                      OR (min((SELECT on_day FROM gap_args), CASE WHEN due_lo > 0 THEN due_hi ELSE 99999999 END) / 10000) % 400 = 0))
                  THEN 228 ELSE start % 10000 END))
      END AS k
    FROM m1 LEFT JOIN implementation_reports lr ON lr.rowid = m1.last_report),
  m3 AS MATERIALIZED ( -- due; the last deadline passed and the one before it (recurring)
    SELECT m2.*,
      CASE recurrence
        WHEN 'none' THEN due_lo > 0 AND (SELECT on_day FROM gap_args) >= due_lo
        WHEN 'yearly' THEN coalesce(k, 0) > 0
        ELSE EXISTS (SELECT 1 FROM sess WHERE sess.organ = m2.report_to AND day > m2.start AND day <= m2.ends
                     AND day <= (SELECT on_day FROM gap_args))
      END AS is_due,
      CASE recurrence
        WHEN 'yearly' THEN CASE WHEN k IS NULL THEN 0 WHEN k > 0 AND ((start / 10000 + k) * 10000 + CASE WHEN start % 10000 = 229 AND NOT ((start / 10000 + k) % 4 = 0 AND ((start / 10000 + k) % 100 <> 0 OR (start / 10000 + k) % 400 = 0)) THEN 228 ELSE start % 10000 END)
          < (SELECT on_day FROM gap_args) THEN k ELSE k - 1 END
      END AS kp,
      CASE WHEN recurrence = 'each_session' THEN
        (SELECT max(day) FROM sess WHERE sess.organ = m2.report_to AND day > m2.start AND day <= m2.ends AND day < (SELECT on_day FROM gap_args))
      END AS s_passed
    FROM m2),
  m4 AS MATERIALIZED (
    SELECT m3.*,
      CASE recurrence
        WHEN 'yearly' THEN CASE WHEN kp >= 1 THEN
          ((start / 10000 + kp) * 10000 + CASE WHEN start % 10000 = 229 AND NOT ((start / 10000 + kp) % 4 = 0 AND ((start / 10000 + kp) % 100 <> 0 OR (start / 10000 + kp) % 400 = 0)) THEN 228 ELSE start % 10000 END) ELSE 0 END
        WHEN 'each_session' THEN coalesce(s_passed, 0) ELSE 0 END AS passed,
      CASE recurrence
        WHEN 'yearly' THEN CASE WHEN kp >= 2 THEN
          ((start / 10000 + kp - 1) * 10000 + CASE WHEN start % 10000 = 229 AND NOT ((start / 10000 + kp - 1) % 4 = 0 AND ((start / 10000 + kp - 1) % 100 <> 0 OR (start / 10000 + kp - 1) % 400 = 0)) THEN 228 ELSE start % 10000 END) ELSE start END
        WHEN 'each_session' THEN coalesce((SELECT max(day) FROM sess WHERE sess.organ = m3.report_to AND day > m3.start
                                           AND day <= m3.ends AND day < m3.s_passed), start)
      END AS before
    FROM m3)
SELECT id, akey, organ, resolution, paragraph, pweight, weight, start / 10000 AS year, n, status, progress, is_due,
  CASE WHEN recurrence = 'none' THEN due_lo > 0 AND (SELECT on_day FROM gap_args) > due_hi AND status NOT IN ('implemented', 'not_implemented')
    ELSE passed > 0 AND NOT EXISTS (SELECT 1 FROM implementation_reports ir WHERE ir.mandate = m4.id AND ir.level = 'public'
      AND CASE WHEN ir.reported_on IS NULL THEN 0 ELSE CAST(substr(ir.reported_on, 1, 4) AS INT) * 10000
        + CASE WHEN length(ir.reported_on) >= 7 THEN CAST(substr(ir.reported_on, 6, 2) AS INT) * 100 ELSE 100 END
        + CASE WHEN length(ir.reported_on) >= 10 THEN CAST(substr(ir.reported_on, 9, 2) AS INT) ELSE 1 END END > m4.before AND CASE WHEN ir.reported_on IS NULL THEN 0 ELSE CAST(substr(ir.reported_on, 1, 4) AS INT) * 10000
        + CASE WHEN length(ir.reported_on) >= 7 THEN CAST(substr(ir.reported_on, 6, 2) AS INT) * 100 ELSE 100 END
        + CASE WHEN length(ir.reported_on) >= 10 THEN CAST(substr(ir.reported_on, 9, 2) AS INT) ELSE 1 END END <= (SELECT on_day FROM gap_args))
  END AS late
FROM m4;

-- 1. by addressee: key|mandates|due|reported|implemented|not_implemented|late|silent|progress
--    (the weighted mean of the mandates' progress), most mandates first, as the API's groups
.print '-- gap by addressee'
SELECT akey, count(*) AS mandates, sum(is_due) AS due, sum(n > 0) AS reported, sum(status = 'implemented') AS implemented,
       sum(status = 'not_implemented') AS not_implemented, sum(late) AS late, sum(n = 0) AS silent,
       CAST(sum(weight * progress) * 1.0 / sum(weight) * 10 + 0.5 AS INT) / 10.0 AS progress
FROM standing GROUP BY akey ORDER BY mandates DESC, akey;

-- 2. by year the mandates were given (from their start)
.print '-- gap by year'
SELECT year, count(*) AS mandates, sum(is_due) AS due, sum(n > 0) AS reported, sum(status = 'implemented') AS implemented,
       sum(status = 'not_implemented') AS not_implemented, sum(late) AS late, sum(n = 0) AS silent,
       CAST(sum(weight * progress) * 1.0 / sum(weight) * 10 + 0.5 AS INT) / 10.0 AS progress
FROM standing GROUP BY year ORDER BY year;

-- 3. by organ: counts, and the organ's progress as the API gives it: the mean of its resolutions'
--    progress, a resolution's being the weighted mean of its paragraphs', a paragraph's the
--    weighted mean of its mandates'
.print '-- gap by organ'
WITH s AS MATERIALIZED (SELECT * FROM standing),
  para AS (SELECT paragraph, resolution, organ, pweight, sum(weight * progress) * 1.0 / sum(weight) AS p
           FROM s WHERE paragraph IS NOT NULL GROUP BY paragraph),
  res AS (SELECT resolution, organ, sum(pweight * p) / sum(pweight) AS p FROM para GROUP BY resolution),
  org AS (SELECT organ, avg(p) AS p FROM res GROUP BY organ)
SELECT s.organ, count(*) AS mandates, sum(is_due) AS due, sum(n > 0) AS reported, sum(status = 'implemented') AS implemented,
       sum(status = 'not_implemented') AS not_implemented, sum(late) AS late, sum(n = 0) AS silent,
       CAST((SELECT p FROM org WHERE org.organ IS s.organ) * 10 + 0.5 AS INT) / 10.0 AS progress
FROM s GROUP BY s.organ ORDER BY mandates DESC, s.organ;

-- 4. one resolution's roll-up: its counts and progress (the weighted mean of its paragraphs'),
--    then each paragraph's (id|counts|progress); only its mandates are judged (gap_scope)
.print '-- resolution roll-up'
UPDATE gap_scope SET res = (SELECT res FROM gap_args);
WITH s AS MATERIALIZED (SELECT * FROM standing),
  para AS (SELECT paragraph, pweight, sum(weight * progress) * 1.0 / sum(weight) AS p, count(*) AS mandates,
                  sum(is_due) AS due, sum(n > 0) AS reported, sum(status = 'implemented') AS implemented,
                  sum(status = 'not_implemented') AS not_implemented, sum(late) AS late, sum(n = 0) AS silent
           FROM s GROUP BY paragraph)
SELECT 'resolution', sum(mandates), sum(due), sum(reported), sum(implemented), sum(not_implemented), sum(late),
       sum(silent), CAST(sum(pweight * p) / sum(pweight) * 10 + 0.5 AS INT) / 10.0 FROM para
UNION ALL
SELECT * FROM (SELECT paragraph, mandates, due, reported, implemented, not_implemented, late, silent, CAST(p * 10 + 0.5 AS INT) / 10.0
               FROM para ORDER BY paragraph);
