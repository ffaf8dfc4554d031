"""The peer of dicomsql's index build: a pydicom crawl of the same files reading the same fields.

Usage: /usr/bin/python3 pydicom_crawl.py PROCESSES FILE_LIST
FILE_LIST holds one path per line. Prints "<files> <seconds>" for the crawl alone.
"""
import sys
import time
from multiprocessing import Pool

import pydicom

FIELDS = ("SpecificCharacterSet", "ImageType", "SOPClassUID", "SOPInstanceUID", "StudyDate",
          "SeriesTime", "StudyTime", "AcquisitionTime", "ContentTime", "AccessionNumber",
          "Modality", "Manufacturer", "StudyDescription", "SeriesDescription",
          "ManufacturerModelName", "PatientName", "PatientID", "PatientBirthDate", "PatientSex",
          "PatientAge", "DeidentificationMethod", "ContrastBolusAgent", "BodyPartExamined",
          "SliceThickness", "StudyInstanceUID", "SeriesInstanceUID", "SeriesNumber",
          "InstanceNumber", "ImagePositionPatient", "ImageOrientationPatient",
          "FrameOfReferenceUID", "SliceLocation", "ImageComments", "Rows", "Columns",
          "PixelSpacing", "WindowCenter", "WindowWidth", "RescaleIntercept", "RescaleSlope")


def read(path):
    ds = pydicom.dcmread(path, stop_before_pixels=True)
    values = [ds.get(name) for name in FIELDS]
    return sum(1 for v in values if v is not None)


def main():
    processes = int(sys.argv[1])
    with open(sys.argv[2]) as listing:
        paths = [line.strip() for line in listing if line.strip()]
    start = time.perf_counter()
    with Pool(processes) as pool:
        found = sum(pool.imap_unordered(read, paths, chunksize=256))
    seconds = time.perf_counter() - start
    if found == 0:
        sys.exit("read nothing")
    print(len(paths), seconds)


if __name__ == "__main__":
    main()
