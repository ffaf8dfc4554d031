-- Question: how large is each outlined structure (lesion, liver, ...) of each case?
--
-- How to read the answer: one row per ROI, ordered by case. `voxels` counts the pixels whose
-- centres lie inside the ROI's contours on the series it was drawn on (even-odd over the
-- contours of each image, so inner contours are holes); `volume_cc` is voxels x pixel area x
-- slice spacing / 1000 (cm3, unrounded). `drawn_on` is the phase of that series. A ROI linked
-- to no series (rois.referenced_series_uid NULL), or to one that is not in the folder, has
-- NULL measurements.
--
-- Cost: rasterizes each ROI once from the contours kept in the index; reads no pixel data.
SELECT p.patient_name AS case_name, r.roi_name, r.roi_number, r.phase AS drawn_on,
       roi_voxel_count(r.rtss_uid, r.roi_number) AS voxels,
       roi_volume_cc(r.rtss_uid, r.roi_number) AS volume_cc,
       r.rtss_uid
FROM rois r
JOIN patients p ON p.patient_id = r.patient_id
ORDER BY p.patient_name, r.rtss_uid, r.roi_number;
