"""Writes what pydicom decodes from DICOM files, for PixelDataPydicomTest to compare with.

Usage: pixel_values.py OUTPUT_DIR FILE...

For the i-th FILE it writes OUTPUT_DIR/i.values (pixel_array as little-endian int64, frames,
rows, columns and samples in C order) and OUTPUT_DIR/i.rescaled (apply_modality_lut of it as
little-endian float32), and prints "i ok SHAPE" or "i error MESSAGE".
"""
import os
import sys

import numpy
import pydicom
from pydicom.pixel_data_handlers.util import apply_modality_lut


def main(out_dir, files):
    for index, name in enumerate(files):
        try:
            ds = pydicom.dcmread(name)
            values = ds.pixel_array
        except Exception as e:  # pylint: disable=broad-except
            print(index, "error", type(e).__name__, str(e).replace("\n", " "))
            continue
        values.astype("<i8").tofile(os.path.join(out_dir, f"{index}.values"))
        rescaled = apply_modality_lut(values, ds).astype("<f4")
        rescaled.tofile(os.path.join(out_dir, f"{index}.rescaled"))
        print(index, "ok", "x".join(str(n) for n in values.shape))


if __name__ == "__main__":
    main(sys.argv[1], sys.argv[2:])
