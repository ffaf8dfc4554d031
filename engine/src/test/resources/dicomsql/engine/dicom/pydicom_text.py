"""Prints the text of DICOM files as pydicom decodes it, for comparison with dicomsql.

One line per charset-dependent element (SH, LO, ST, LT, UT, UC, PN), sequences included:
file index, tab, path of the element such as (0032,1064)[0].(0010,0010), tab, the value
(multiple values joined with a backslash) as hexadecimal UTF-8 so that any character survives.
"""
import sys
import warnings

import pydicom
from pydicom.multival import MultiValue

TEXT_VRS = {"SH", "LO", "ST", "LT", "UT", "UC", "PN"}


def walk(index, dataset, prefix):
    for element in dataset:
        key = "%s(%04X,%04X)" % (prefix, element.tag.group, element.tag.element)
        if element.VR == "SQ":
            for i, item in enumerate(element.value):
                walk(index, item, "%s[%d]." % (key, i))
        elif element.VR in TEXT_VRS:
            value = element.value
            if value is None:
                text = ""
            elif isinstance(value, MultiValue):
                text = "\\".join(str(v) for v in value)
            else:
                text = str(value)
            print("%d\t%s\t%s" % (index, key, text.encode("utf-8").hex()))


def main():
    warnings.simplefilter("ignore")
    # Private elements stored as UN stay UN, as dicomsql reads them.
    pydicom.config.replace_un_with_known_vr = False
    for index, path in enumerate(sys.argv[1:]):
        dataset = pydicom.dcmread(path)
        dataset.decode()
        walk(index, dataset, "")


if __name__ == "__main__":
    main()
