package dicomsql.engine.features;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import dicomsql.engine.dicom.ExternalTool;
import java.io.InputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.SplittableRandom;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Our mesh against scikit-image's marching cubes (Debian python3-skimage), the mesh IBSI's
 * reference values were computed with; skipped where it is not installed. Without ambiguous
 * cube faces the two meshes are the same triangles (an ellipsoid: equal to 10⁻⁶, float
 * rounding); where a face or a cube's inside is ambiguous they join the surface differently
 * (skimage's Lewiner variant decides by the cube's case and may add a vertex inside it): on a
 * ragged random blob, full of ambiguous cubes, within 1 % (0.8 % measured).
 */
class MarchingCubesSkimageTest {
  private static final String PYTHON = "/usr/bin/python3";

  @TempDir
  static Path tmp;
  private static Path script;

  @BeforeAll
  static void assumeSkimage() throws Exception {
    assumeTrue(ExternalTool.run(List.of(PYTHON, "-c", "import skimage.measure")).succeeded(),
        "scikit-image is not installed for " + PYTHON + " (Debian package python3-skimage)");
    script = tmp.resolve("skimage_mesh.py");
    try (InputStream in = MarchingCubesSkimageTest.class.getResourceAsStream(
        "skimage_mesh.py")) {
      Files.copy(in, script);
    }
  }

  private static double[] skimage(BinaryVolume mask) throws Exception {
    byte[] bytes = new byte[mask.nx() * mask.ny() * mask.nz()];
    for (int v = 0; v < bytes.length; v++) {
      bytes[v] = (byte) (mask.inside().get(v) ? 1 : 0);
    }
    Path file = Files.createTempFile(tmp, "mask", ".u8");
    Files.write(file, bytes);
    ExternalTool.Output output = ExternalTool.run(List.of(PYTHON, script.toString(),
        file.toString(), "" + mask.nz(), "" + mask.ny(), "" + mask.nx(), "" + mask.dz(),
        "" + mask.dy(), "" + mask.dx()));
    assertThat(output.succeeded()).as(output.stderr()).isTrue();
    String[] values = output.stdout().strip().split(" ");
    return new double[] {Double.parseDouble(values[0]), Double.parseDouble(values[1])};
  }

  @Test
  void anEllipsoidOnAnisotropicVoxelsHasSkimagesMesh() throws Exception {
    BinaryVolume ellipsoid = ShapeFeaturesTest.mask(30, 24, 12, 0.7, 0.9, 2.5,
        (i, j, k) -> sq((i - 14.5) / 13) + sq((j - 11) / 9) + sq((k - 5.5) / 5) <= 1);
    MarchingCubes.Mesh ours = MarchingCubes.mesh(ellipsoid);
    double[] theirs = skimage(ellipsoid);
    assertThat(ours.area()).isCloseTo(theirs[0], within(1e-6 * theirs[0]));
    assertThat(ours.volume()).isCloseTo(theirs[1], within(1e-6 * theirs[1]));
  }

  @Test
  void aRandomBlobHasNearlySkimagesMesh() throws Exception {
    SplittableRandom random = new SplittableRandom(17);
    BinaryVolume blob = ShapeFeaturesTest.mask(14, 12, 10, 1, 1, 1,
        (i, j, k) -> sq(i - 6.5) + sq(j - 5.5) + sq(k - 4.5) < 20 + random.nextInt(12));
    MarchingCubes.Mesh ours = MarchingCubes.mesh(blob);
    double[] theirs = skimage(blob);
    assertThat(ours.area()).isCloseTo(theirs[0], within(0.01 * theirs[0]));
    assertThat(ours.volume()).isCloseTo(theirs[1], within(0.01 * theirs[1]));
  }

  private static double sq(double v) {
    return v * v;
  }
}
