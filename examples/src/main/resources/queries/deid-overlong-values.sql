-- Question (de-identification audit): which values are longer than their VR allows? Tools
-- that write hashes or pseudonyms into short fields leave such values: the HCC release has
-- 32-character Accession Numbers in an SH, which allows 16. Strict readers may cut or refuse
-- them.
--
-- How to read the answer: one row per element with a value longer than its VR's maximum,
-- nested ones included, with that maximum, how many files have it, one value and one file to
-- look at. Lengths are in characters once padding is dropped; each value of a multi-valued
-- element counts on its own, and so does each component group (split at =) of a person name.
-- The maximums are those dicomsql's reader checks (dicomsql.engine.dicom.VR); VRs without
-- one (UC, UR, UT) and binary VRs are not checked.
--
-- Cost: reads the header of every file, as attributes has no index of its own: about 4,500
-- files a second from a warm disk cache (measured on 16,306 generated files). For a quick
-- screen of one file per series, remove the two dashes before the AND ... IN line below: the
-- IN list makes attributes open only those files.
SELECT a.tag_path, a.keyword, a.vr, limits.max_chars,
       COUNT(DISTINCT a.path) AS files,
       MIN(a.value) AS example_value,
       MIN(a.path) AS example_path
FROM (
  -- Filtered here, before the join: a filter on sop_uid after it would read every file.
  SELECT a.path, a.tag_path, a.keyword, a.vr, a.value
  FROM attributes a
  WHERE a.value <> ''
--AND a.sop_uid IN (SELECT MIN(sop_uid) FROM instances GROUP BY series_uid)
) AS a
JOIN (VALUES
    -- VR, most characters in one value, and what one character of a value is in SIMILAR TO:
    -- [^\\] anything but the \ that separates values, _ anything (VRs of a single value)
    (CAST('AE' AS VARCHAR(2)), 16, CAST('[^\\]' AS VARCHAR(8))),
    ('AS', 4, '[^\\]'), ('CS', 16, '[^\\]'), ('DA', 8, '[^\\]'), ('DS', 16, '[^\\]'),
    ('DT', 26, '[^\\]'), ('IS', 12, '[^\\]'), ('LO', 64, '[^\\]'), ('LT', 10240, '_'),
    ('PN', 64, '[^\\=]'), ('SH', 16, '[^\\]'), ('ST', 1024, '_'), ('TM', 16, '[^\\]'),
    ('UI', 64, '[^\\]')
  ) AS limits(vr, max_chars, value_char)
  ON limits.vr = a.vr
-- A value over the limit makes the whole text longer: the cheap test first.
WHERE CHAR_LENGTH(a.value) > limits.max_chars
  AND a.value SIMILAR TO
      '%' || limits.value_char || '{' || CAST(limits.max_chars + 1 AS VARCHAR(6)) || ',}%'
GROUP BY a.tag_path, a.keyword, a.vr, limits.max_chars
ORDER BY files DESC, a.tag_path;
