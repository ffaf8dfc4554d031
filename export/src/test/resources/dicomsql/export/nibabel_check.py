"""Reads exported files with nibabel, independently of dicomsql: for each NIfTI file one line
of tab-separated fields (file, shape, dtype, the affine nibabel derives from the header, sform
and qform codes, sizeof_hdr, vox_offset, the qform's affine) and its voxels as little-endian
float64 in NIfTI order (i fastest) in OUT_DIR/<n>.f8; for a JSON file the file and the parsed
object as canonical JSON. With --resample SOURCE TARGET OUT, scipy's trilinear map_coordinates of SOURCE's
voxels at TARGET's voxel centres (outside: SOURCE's minimum), rounded, as float64; with
--nearest SOURCE TARGET OUT, its nearest-neighbour map_coordinates (order 0; outside: 0)."""
import gzip
import json
import sys

import nibabel
import numpy


def describe(path, out):
    image = nibabel.load(path)
    data = numpy.asanyarray(image.dataobj)
    data.astype('<f8').ravel(order='F').tofile(out)
    header = image.header
    with gzip.open(path, 'rb') as raw:
        stored = nibabel.Nifti1Header.from_fileobj(raw)
    numbers = lambda values: ' '.join(repr(float(v)) for v in numpy.ravel(values))
    return '\t'.join([path, ' '.join(str(n) for n in data.shape), str(data.dtype),
                      numbers(image.affine), str(int(header['sform_code'])),
                      str(int(header['qform_code'])), str(int(stored['sizeof_hdr'])),
                      str(int(stored['vox_offset'])), numbers(image.get_qform())])


def resample(source_path, target_path, out, order):
    from scipy import ndimage
    source = nibabel.load(source_path)
    target = nibabel.load(target_path)
    values = numpy.asanyarray(source.dataobj).astype('f8')
    grid = numpy.indices(target.shape).reshape(3, -1)
    world = target.affine @ numpy.vstack([grid, numpy.ones(grid.shape[1])])
    index = numpy.linalg.inv(source.affine) @ world
    sampled = ndimage.map_coordinates(values, index[:3], order=order, mode='constant',
                                      cval=values.min() if order == 1 else 0)
    # map_coordinates fills a point outside the outer voxel centres; so does dicomsql.
    numpy.rint(sampled).reshape(target.shape).astype('<f8').ravel(order='F').tofile(out)


def main():
    if sys.argv[1] in ('--resample', '--nearest'):
        resample(sys.argv[2], sys.argv[3], sys.argv[4], 1 if sys.argv[1] == '--resample' else 0)
        return
    out_dir = sys.argv[1]
    for n, path in enumerate(sys.argv[2:]):
        if path.endswith('.json'):
            with open(path) as f:
                print(path + '\t' + json.dumps(json.load(f), sort_keys=True))
        else:
            print(describe(path, '%s/%d.f8' % (out_dir, n)))


main()
