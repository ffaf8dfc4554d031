-- Question: which lesions show arterial hyper-enhancement and portal/delayed wash-out, the
-- enhancement pattern of hepatocellular carcinoma?
--
-- How to read the answer: one row per ROI. A ROI is outlined once, on one series (`drawn_on`
-- is its phase); the outline is rasterized on every CT series of the study that shares that
-- series' frame of reference, and hu_n, hu_a, hu_p, hu_d are the mean Hounsfield units inside
-- it on the non-contrast, arterial, portal venous and delayed series: NULL where the study has
-- no series of that phase, the average where it has two. Then, from the lesion's own curve:
--   arterial_enhancement  hu_a - hu_n, how much contrast brightens the lesion in the arterial
--                         phase
--   hyper_enhancing       arterial_enhancement >= 40 HU
--   washes_out            the portal venous or delayed mean at least 10 HU below the arterial
--   hcc_pattern           both
-- SQL's three-valued logic makes a flag NULL (unknown) when a phase it needs is missing: a
-- study without a non-contrast series cannot show hyper-enhancement. The thresholds are this
-- example's choice. Radiologists judge wash-out against the liver around the lesion: with a
-- liver ROI in the structure set, compare the lesion's row with the liver's.
--
-- Cost: decodes only the images an outline touches, once per series; the connection keeps
-- every mask and statistic, so each (ROI, series) is measured once.
SELECT case_name, roi_name, roi_number, drawn_on, hu_n, hu_a, hu_p, hu_d,
       hu_a - hu_n AS arterial_enhancement,
       hu_a - hu_n >= 40 AS hyper_enhancing,
       (hu_p <= hu_a - 10 OR hu_d <= hu_a - 10) AS washes_out,
       (hu_a - hu_n >= 40 AND (hu_p <= hu_a - 10 OR hu_d <= hu_a - 10)) AS hcc_pattern,
       rtss_uid
FROM (
  SELECT case_name, rtss_uid, roi_number, roi_name, drawn_on,
         AVG(CASE WHEN phase = 'N' THEN hu END) AS hu_n,
         AVG(CASE WHEN phase = 'A' THEN hu END) AS hu_a,
         AVG(CASE WHEN phase = 'P' THEN hu END) AS hu_p,
         AVG(CASE WHEN phase = 'D' THEN hu END) AS hu_d
  FROM (
    SELECT p.patient_name AS case_name, r.rtss_uid, r.roi_number, r.roi_name,
           r.phase AS drawn_on, s.phase,
           roi_hu_mean(r.rtss_uid, r.roi_number, s.series_uid) AS hu
    FROM rois r
    JOIN series s ON s.study_uid = r.study_uid AND s.modality = 'CT'
    JOIN patients p ON p.patient_id = r.patient_id
  ) AS per_series
  GROUP BY case_name, rtss_uid, roi_number, roi_name, drawn_on
) AS curves
ORDER BY case_name, rtss_uid, roi_number;
