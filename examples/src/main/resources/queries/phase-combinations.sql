-- Question: which combinations of contrast phases do the cases have, and how many cases have
-- each?
--
-- How to read the answer: one row per combination. `phases` lists the phases of a study's CT
-- series in acquisition order: N non-contrast, A arterial, P portal venous, D delayed, so
-- `NAPD` is a complete study and `APD` one without a non-contrast series. `cases` counts the
-- studies with exactly that combination, `patients` the patients they belong to, and
-- `case_names` lists their Patient's Names (the case number, in the HCC release). A CT series
-- whose phase no rule could decide (series.phase NULL) adds nothing; series.phase_source says
-- which rule decided each phase.
--
-- Cost: reads the index's series and patients rows only, never a file.
SELECT phases,
       COUNT(*) AS cases,
       COUNT(DISTINCT patient_id) AS patients,
       LISTAGG(patient_name, ', ') WITHIN GROUP (ORDER BY patient_name) AS case_names
FROM (
  SELECT s.study_uid, s.patient_id, MIN(p.patient_name) AS patient_name,
         COALESCE(MAX(CASE WHEN s.phase = 'N' THEN s.phase END), '')
         || COALESCE(MAX(CASE WHEN s.phase = 'A' THEN s.phase END), '')
         || COALESCE(MAX(CASE WHEN s.phase = 'P' THEN s.phase END), '')
         || COALESCE(MAX(CASE WHEN s.phase = 'D' THEN s.phase END), '') AS phases
  FROM series s
  JOIN patients p ON p.patient_id = s.patient_id
  WHERE s.modality = 'CT'
  GROUP BY s.study_uid, s.patient_id
) AS study_phases
GROUP BY phases
ORDER BY cases DESC, phases;
