"""scikit-image's marching cubes (Lewiner) on a mask, as an independent mesh: reads MASK_FILE
(uint8, k slowest, i fastest) of shape NZ NY NX with spacing DZ DY DX, pads it with zeros,
and prints the mesh's surface area and enclosed volume."""
import sys

import numpy
from skimage import measure

path, nz, ny, nx, dz, dy, dx = sys.argv[1:8]
mask = numpy.fromfile(path, dtype=numpy.uint8).reshape(int(nz), int(ny), int(nx))
padded = numpy.pad(mask, 1).astype(numpy.float64)
verts, faces, _, _ = measure.marching_cubes(padded, 0.5,
                                            spacing=(float(dz), float(dy), float(dx)))
area = measure.mesh_surface_area(verts, faces)
a, b, c = verts[faces[:, 0]], verts[faces[:, 1]], verts[faces[:, 2]]
volume = abs(numpy.sum(numpy.einsum('ij,ij->i', a, numpy.cross(b, c)))) / 6
print(repr(float(area)), repr(float(volume)))
