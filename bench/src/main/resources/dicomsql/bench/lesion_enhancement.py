"""The mean HU inside every ROI on every CT series of its study, written the way a researcher
would with pydicom, numpy and scikit-image: the peer of the cookbook's lesion-enhancement.sql in
bench/run raster. Headers are crawled with stop_before_pixels; pixel arrays are read only for
the slices a contour lies on. Axial images, as the generated datasets have.

Usage: lesion_enhancement.py DATA_FOLDER
Prints CSV: rtss_uid,roi_number,series_uid,mean_hu (empty when the ROI touches no slice).
"""
import os
import sys
from collections import defaultdict

import numpy as np
import pydicom
from skimage.draw import polygon2mask


def crawl(root):
    """CT headers by series, CT series by study, and the structure set files."""
    series = defaultdict(list)
    study_series = defaultdict(set)
    structure_sets = []
    for folder, _, names in os.walk(root):
        for name in sorted(names):
            if not name.endswith(".dcm"):
                continue
            path = os.path.join(folder, name)
            ds = pydicom.dcmread(path, stop_before_pixels=True)
            if ds.Modality == "CT":
                series[ds.SeriesInstanceUID].append(ds)
                study_series[ds.StudyInstanceUID].add(ds.SeriesInstanceUID)
            elif ds.Modality == "RTSTRUCT":
                structure_sets.append(path)
    return series, study_series, structure_sets


def roi_mean(contours, slices):
    """Mean HU of the pixels inside the contours (even-odd where several share a slice)."""
    zs = np.array([float(s.ImagePositionPatient[2]) for s in slices])
    spacing = np.median(np.diff(zs)) if len(zs) > 1 else float(slices[0].SliceThickness)
    masks = {}
    for contour in contours:
        points = np.array(contour.ContourData, dtype=float).reshape(-1, 3)
        i = int(np.argmin(np.abs(zs - points[0, 2])))
        if abs(zs[i] - points[0, 2]) > spacing / 2:
            continue
        image = slices[i]
        x0, y0 = float(image.ImagePositionPatient[0]), float(image.ImagePositionPatient[1])
        row_spacing, column_spacing = (float(v) for v in image.PixelSpacing)
        vertices = np.column_stack([(points[:, 1] - y0) / row_spacing,
                                    (points[:, 0] - x0) / column_spacing])
        mask = polygon2mask((image.Rows, image.Columns), vertices)
        masks[i] = masks[i] ^ mask if i in masks else mask
    values = []
    for i, mask in masks.items():
        ds = pydicom.dcmread(slices[i].filename)
        hu = ds.pixel_array * float(ds.RescaleSlope) + float(ds.RescaleIntercept)
        values.append(hu[mask])
    inside = np.concatenate(values) if values else np.array([])
    return inside.mean() if inside.size else None


def main(root):
    series, study_series, structure_sets = crawl(root)
    for uid in series:
        series[uid].sort(key=lambda s: float(s.ImagePositionPatient[2]))
    print("rtss_uid,roi_number,series_uid,mean_hu")
    for path in structure_sets:
        rtss = pydicom.dcmread(path)
        for roi in rtss.ROIContourSequence:
            contours = getattr(roi, "ContourSequence", [])
            for series_uid in sorted(study_series[rtss.StudyInstanceUID]):
                mean = roi_mean(contours, series[series_uid])
                print(f"{rtss.SOPInstanceUID},{roi.ReferencedROINumber},{series_uid},"
                      f"{'' if mean is None else repr(float(mean))}")


if __name__ == "__main__":
    main(sys.argv[1])
