package dicomsql.export;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

import java.io.InputStream;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.zip.GZIPInputStream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The NIfTI-1 header fields as the standard's nifti1.h lays them out. */
class NiftiWriterTest {
  @TempDir
  Path tmp;

  private static final VoxelGrid AXIAL = new VoxelGrid(3, 2, 2, new double[] {-10, 20, 30},
      new double[] {0.5, 0, 0}, new double[] {0, 0.5, 0}, new double[] {0, 0, 2});

  private ByteBuffer written(float[] values) throws Exception {
    Path file = tmp.resolve("v.nii.gz");
    NiftiWriter.writeImage(file, AXIAL, values);
    try (InputStream in = new GZIPInputStream(Files.newInputStream(file))) {
      return ByteBuffer.wrap(in.readAllBytes()).order(ByteOrder.LITTLE_ENDIAN);
    }
  }

  @Test
  void wholeHuAreInt16AfterA352ByteHeaderWithTheRasAffine() throws Exception {
    float[] values = {-1024, 0, 1, 2, 3, 4, 5, 6, 7, 8, 9, 3071};
    ByteBuffer nii = written(values);
    assertThat(nii.capacity()).isEqualTo(352 + 2 * values.length);
    assertThat(nii.getInt(0)).isEqualTo(348);
    assertThat(nii.getShort(40)).isEqualTo((short) 3);
    assertThat(new short[] {nii.getShort(42), nii.getShort(44), nii.getShort(46)})
        .containsExactly(3, 2, 2);
    assertThat(nii.getShort(70)).isEqualTo(NiftiWriter.INT16);
    assertThat(nii.getShort(72)).isEqualTo((short) 16);
    assertThat(nii.getFloat(108)).isEqualTo(352f);
    assertThat(new byte[] {nii.get(344), nii.get(345), nii.get(346), nii.get(347)})
        .containsExactly('n', '+', '1', 0);
    // srow_x: -0.5 0 0 10 (x negated), srow_y: 0 -0.5 0 -20, srow_z: 0 0 2 30
    assertThat(nii.getFloat(280)).isEqualTo(-0.5f);
    assertThat(nii.getFloat(292)).isEqualTo(10f);
    assertThat(nii.getFloat(300)).isEqualTo(-0.5f);
    assertThat(nii.getFloat(308)).isEqualTo(-20f);
    assertThat(nii.getFloat(320)).isEqualTo(2f);
    assertThat(nii.getFloat(324)).isEqualTo(30f);
    // a half turn about z: quaternion (b, c, d) = (0, 0, 1)
    assertThat(nii.getFloat(264)).isCloseTo(1f, within(1e-6f));
    assertThat(nii.getShort(352)).isEqualTo((short) -1024);
    assertThat(nii.getShort(352 + 2 * 11)).isEqualTo((short) 3071);
  }

  @Test
  void fractionalOrOutOfRangeValuesAreFloat32() throws Exception {
    float[] values = new float[12];
    values[3] = 0.5f;
    assertThat(written(values).getShort(70)).isEqualTo(NiftiWriter.FLOAT32);
    values[3] = 40000;
    ByteBuffer nii = written(values);
    assertThat(nii.getShort(70)).isEqualTo(NiftiWriter.FLOAT32);
    assertThat(nii.getFloat(352 + 4 * 3)).isEqualTo(40000f);
  }
}
