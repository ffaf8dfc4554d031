"""Turns each CT series of a data folder into one Enhanced CT Image (pydicom), in place.

Usage: enhance_ct.py FOLDER

Every frame is one classic slice: its position in its own Plane Position item, orientation and
pixel measures shared. Stored values are shifted by a per-frame amount that the frame's own
Pixel Value Transformation takes back, so that only a reader of per-frame rescale gets the
classic slices' Hounsfield units. Structure sets are rewritten to reference the enhanced image
and the frame (Referenced Frame Number) instead of the classic slices. Prints one line per
enhanced file: its path, then the number of frames.
"""
import os
import sys

import numpy as np
import pydicom
from pydicom.dataset import Dataset, FileMetaDataset
from pydicom.sequence import Sequence
from pydicom.uid import ExplicitVRLittleEndian, generate_uid

ENHANCED_CT = "1.2.840.10008.5.1.4.1.1.2.1"
CT = "1.2.840.10008.5.1.4.1.1.2"
COPIED = ["PatientName", "PatientID", "PatientBirthDate", "PatientSex", "PatientAge",
          "StudyInstanceUID", "StudyDate", "StudyTime", "StudyID", "AccessionNumber",
          "StudyDescription", "ReferringPhysicianName", "SeriesInstanceUID", "SeriesNumber",
          "SeriesDescription", "Modality", "FrameOfReferenceUID", "PositionReferenceIndicator",
          "Manufacturer", "BodyPartExamined", "ContrastBolusAgent",
          "SamplesPerPixel", "PhotometricInterpretation", "Rows", "Columns",
          "BitsAllocated", "PixelRepresentation", "SpecificCharacterSet"]


def enhance(paths):
    slices = [pydicom.dcmread(p) for p in paths]
    normal = np.cross(*np.array(slices[0].ImageOrientationPatient, float).reshape(2, 3))
    slices.sort(key=lambda s: float(np.dot(normal, np.array(s.ImagePositionPatient, float))))
    first = slices[0]
    ds = Dataset()
    for keyword in COPIED:
        if keyword in first:
            setattr(ds, keyword, first.data_element(keyword).value)
    ds.SOPClassUID = ENHANCED_CT
    ds.SOPInstanceUID = generate_uid()
    ds.InstanceNumber = 1
    ds.ImageType = ["ORIGINAL", "PRIMARY", "AXIAL", "NONE"]
    ds.ContentDate = first.get("StudyDate", "20200101")
    ds.ContentTime = first.get("StudyTime", "000000")
    ds.AcquisitionDateTime = ds.ContentDate + ds.ContentTime
    ds.NumberOfFrames = len(slices)
    ds.BitsStored = 16
    ds.HighBit = 15
    ds.BurnedInAnnotation = "NO"
    ds.LossyImageCompression = "00"
    ds.PresentationLUTShape = "IDENTITY"
    ds.ContentQualification = "RESEARCH"
    ds.ImageComments = "enhanced from classic slices for a test"

    measures = Dataset()
    measures.PixelSpacing = first.PixelSpacing
    measures.SliceThickness = first.SliceThickness
    orientation = Dataset()
    orientation.ImageOrientationPatient = first.ImageOrientationPatient
    shared = Dataset()
    shared.PixelMeasuresSequence = Sequence([measures])
    shared.PlaneOrientationSequence = Sequence([orientation])
    ds.SharedFunctionalGroupsSequence = Sequence([shared])

    frames = []
    groups = []
    for number, s in enumerate(slices, start=1):
        shift = 10 * (number % 3)
        stored = s.pixel_array.astype(np.int64) + shift
        frames.append(stored.astype(np.uint16 if s.PixelRepresentation == 0 else np.int16))
        position = Dataset()
        position.ImagePositionPatient = s.ImagePositionPatient
        transformation = Dataset()
        transformation.RescaleSlope = s.get("RescaleSlope", 1)
        transformation.RescaleIntercept = float(s.get("RescaleIntercept", 0)) - shift * float(
            transformation.RescaleSlope)
        transformation.RescaleType = "HU"
        content = Dataset()
        content.FrameAcquisitionNumber = number
        content.StackID = "1"
        content.InStackPositionNumber = number
        group = Dataset()
        group.PlanePositionSequence = Sequence([position])
        group.PixelValueTransformationSequence = Sequence([transformation])
        group.FrameContentSequence = Sequence([content])
        groups.append(group)
    ds.PerFrameFunctionalGroupsSequence = Sequence(groups)
    ds.PixelData = np.stack(frames).tobytes()

    ds.file_meta = FileMetaDataset()
    ds.file_meta.MediaStorageSOPClassUID = ENHANCED_CT
    ds.file_meta.MediaStorageSOPInstanceUID = ds.SOPInstanceUID
    ds.file_meta.TransferSyntaxUID = ExplicitVRLittleEndian
    frame_of = {s.SOPInstanceUID: number for number, s in enumerate(slices, start=1)}
    return ds, frame_of


def rereference(dataset, enhanced):
    """Points every reference to a classic slice at its frame of the enhanced image."""
    for element in dataset:
        if element.VR != "SQ":
            continue
        for item in element.value:
            uid = item.get("ReferencedSOPInstanceUID")
            if uid in enhanced:
                sop_uid, number = enhanced[uid]
                item.ReferencedSOPClassUID = ENHANCED_CT
                item.ReferencedSOPInstanceUID = sop_uid
                item.ReferencedFrameNumber = number
            rereference(item, enhanced)


def main(folder):
    series = {}
    structure_sets = []
    for root, _, names in os.walk(folder):
        for name in sorted(n for n in names if n.endswith(".dcm")):
            path = os.path.join(root, name)
            ds = pydicom.dcmread(path, stop_before_pixels=True)
            if ds.SOPClassUID == CT:
                series.setdefault(ds.SeriesInstanceUID, []).append(path)
            elif ds.Modality == "RTSTRUCT":
                structure_sets.append(path)
    enhanced = {}
    for paths in series.values():
        ds, frame_of = enhance(paths)
        for path in paths:
            os.remove(path)
        target = os.path.join(os.path.dirname(paths[0]), "enhanced.dcm")
        ds.save_as(target, write_like_original=False)
        for uid, number in frame_of.items():
            enhanced[uid] = (ds.SOPInstanceUID, number)
        print(os.path.relpath(target, folder), ds.NumberOfFrames)
    for path in structure_sets:
        ds = pydicom.dcmread(path)
        rereference(ds, enhanced)
        ds.save_as(path, write_like_original=False)


if __name__ == "__main__":
    main(sys.argv[1])
