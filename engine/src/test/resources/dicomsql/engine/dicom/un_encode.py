"""Rewrites a file with every top-level element of defined length (but the file meta group and
sequences) as VR UN, keeping its value bytes, as gdcmconv does; then prints, for each element
pydicom reads back from the new file, its tag, the VR pydicom gives it and its value."""
import sys

import pydicom
from pydicom import config

source, target = sys.argv[1], sys.argv[2]
config.replace_un_with_known_vr = False
ds = pydicom.dcmread(source)
for tag in list(ds.keys()):
    raw = ds._dict[tag]
    if type(raw).__name__ == "RawDataElement" and raw.VR != "SQ" and raw.length != 0xFFFFFFFF:
        ds._dict[tag] = raw._replace(VR="UN")
ds.save_as(target, write_like_original=True)
written = pydicom.dcmread(target)
assert all(elem.VR == "UN" for elem in written if elem.tag == 0x00280030), "not UN"
config.replace_un_with_known_vr = True
for elem in pydicom.dcmread(target):
    if getattr(elem.VR, "value", elem.VR) in ("OB", "OW", "SQ"):
        value = ""
    elif isinstance(elem.value, (list, pydicom.multival.MultiValue)):
        value = "\\".join(str(v) for v in elem.value)
    else:
        value = str(elem.value)
    print("%08X\t%s\t%s" % (elem.tag, getattr(elem.VR, "value", elem.VR), value))
