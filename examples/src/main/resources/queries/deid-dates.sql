-- Question (de-identification audit): does any date in the files fall on a day other than
-- January 1? The HCC release kept only the year of every date; a full date is a leak.
--
-- How to read the answer: no rows is a pass. Otherwise one row per element that holds such a
-- date, nested ones included (`tag_path` 00400275[0].00400002 is a date in the first item of
-- a sequence), with how many files have it, the lowest and highest offending value (as text)
-- and one file to look at. Every value of a multi-valued element is checked, DT (date-time)
-- values too. A value that gives only the year passes, and so does an empty one.
--
-- Cost: reads the header of every file, as attributes has no index of its own: about 11,000
-- files a second from a warm disk cache (measured on 16,306 generated files). For a quick
-- screen of one file per series, remove the two dashes before the AND ... IN line below: the
-- IN list makes attributes open only those files.
SELECT a.tag_path, a.keyword, a.vr,
       COUNT(DISTINCT a.path) AS files,
       MIN(a.value) AS first_value, MAX(a.value) AS last_value,
       MIN(a.path) AS example_path
FROM attributes a
WHERE a.vr IN ('DA', 'DT') AND a.value <> ''
  -- each value (several are joined with \) must be YYYY0101..., or the year alone
  AND a.value NOT SIMILAR TO '[0-9]{4}(0101[^\\]*)?([\\][0-9]{4}(0101[^\\]*)?)*'
--AND a.sop_uid IN (SELECT MIN(sop_uid) FROM instances GROUP BY series_uid)
GROUP BY a.tag_path, a.keyword, a.vr
ORDER BY files DESC, a.tag_path;
