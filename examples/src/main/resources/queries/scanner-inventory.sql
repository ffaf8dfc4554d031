-- Question: which scanners and protocols made the CT series: manufacturer, model,
-- reconstruction kernel, slice thickness, slice spacing, pixel spacing and matrix?
--
-- How to read the answer: one row per scanner model, kernel, slice thickness and matrix
-- (rows x columns), most used first, with how many series, studies and patients it made and
-- the range of pixel spacing (row and column, mm: it follows each patient's field of view)
-- and of slice spacing (mm). slice_spacing is measured from the image positions (the median
-- gap), not read from a header, so overlapping or gapped reconstructions show up against
-- slice_thickness. A NULL size means the instances of a series disagree on it or do not say.
-- The kernel, Convolution Kernel (0018,1210), is no column of the series table: it is read
-- from the first instance of each series through the attributes table.
--
-- Cost: the index's series and instance rows, plus one file header per CT series for the
-- kernel (the IN list makes attributes open only those files).
SELECT s.manufacturer, s.model_name, k.value AS kernel, s.slice_thickness, s.rows, s.columns,
       COUNT(*) AS series, COUNT(DISTINCT s.study_uid) AS studies,
       COUNT(DISTINCT s.patient_id) AS patients,
       MIN(s.pixel_spacing_row) AS min_row_spacing, MAX(s.pixel_spacing_row) AS max_row_spacing,
       MIN(s.pixel_spacing_col) AS min_col_spacing, MAX(s.pixel_spacing_col) AS max_col_spacing,
       MIN(s.slice_spacing) AS min_slice_spacing, MAX(s.slice_spacing) AS max_slice_spacing
FROM series s
JOIN (
  SELECT series_uid, MIN(sop_uid) AS sop_uid
  FROM instances
  WHERE modality = 'CT'
  GROUP BY series_uid
) AS first_instance ON first_instance.series_uid = s.series_uid
LEFT JOIN (
  -- Filtered by an IN list rather than by the LEFT JOIN, which would read every file.
  SELECT a.sop_uid, a.value
  FROM attributes a
  WHERE a.tag_path = '00181210'
    AND a.sop_uid IN (SELECT MIN(sop_uid) FROM instances WHERE modality = 'CT'
                      GROUP BY series_uid)
) AS k ON k.sop_uid = first_instance.sop_uid
WHERE s.modality = 'CT'
GROUP BY s.manufacturer, s.model_name, k.value, s.slice_thickness, s.rows, s.columns
ORDER BY series DESC, s.manufacturer, s.model_name, kernel;
