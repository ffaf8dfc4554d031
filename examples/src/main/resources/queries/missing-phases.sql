-- Question: which cases lack a contrast phase, and which one?
--
-- How to read the answer: one row per study and phase it has no CT series of (N
-- non-contrast, A arterial, P portal venous, D delayed). `present` lists the phases the study
-- does have, in acquisition order. A study missing two phases has two rows; a complete study
-- has none. Studies without any CT series are not listed.
--
-- Cost: reads the index's series and patients rows only, never a file.
SELECT p.patient_name AS case_name, st.patient_id, st.study_uid, st.present,
       wanted.phase AS missing_phase
FROM (
  SELECT s.study_uid, s.patient_id,
         COALESCE(MAX(CASE WHEN s.phase = 'N' THEN s.phase END), '')
         || COALESCE(MAX(CASE WHEN s.phase = 'A' THEN s.phase END), '')
         || COALESCE(MAX(CASE WHEN s.phase = 'P' THEN s.phase END), '')
         || COALESCE(MAX(CASE WHEN s.phase = 'D' THEN s.phase END), '') AS present
  FROM series s
  WHERE s.modality = 'CT'
  GROUP BY s.study_uid, s.patient_id
) AS st
CROSS JOIN (VALUES (1, 'N'), (2, 'A'), (3, 'P'), (4, 'D')) AS wanted(position, phase)
JOIN patients p ON p.patient_id = st.patient_id
WHERE POSITION(wanted.phase IN st.present) = 0
ORDER BY p.patient_name, st.study_uid, wanted.position;
