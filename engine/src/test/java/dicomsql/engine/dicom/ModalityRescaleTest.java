package dicomsql.engine.dicom;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import org.junit.jupiter.api.Test;

class ModalityRescaleTest {
  @Test
  void isTheIdentityWithoutRescaleAttributes() throws Exception {
    assertThat(ModalityRescale.of(new DataSet())).isEqualTo(ModalityRescale.IDENTITY);
  }

  @Test
  void defaultsTheMissingOneOfSlopeAndIntercept() throws Exception {
    DataSet interceptOnly = new DataSet().putDouble(Tag.RescaleIntercept, VR.DS, -1024);
    assertThat(ModalityRescale.of(interceptOnly)).isEqualTo(new ModalityRescale(1, -1024));
    DataSet slopeOnly = new DataSet().putDouble(Tag.RescaleSlope, VR.DS, 2.5);
    assertThat(ModalityRescale.of(slopeOnly)).isEqualTo(new ModalityRescale(2.5, 0));
  }

  @Test
  void givesHounsfieldUnitsForCt() throws Exception {
    DataSet ct = ImageDataSets.monochrome(1, 3, 16, 12, 11, false);
    ct.putDouble(Tag.RescaleIntercept, VR.DS, -1024);
    ct.putDouble(Tag.RescaleSlope, VR.DS, 1);
    ct.putBytes(Tag.PixelData, VR.OW, ImageDataSets.words(0, 1024, 0xF000 | 2048));
    PixelData pixels = PixelData.of(ct, TransferSyntax.EXPLICIT_VR_LITTLE_ENDIAN);
    float[] reused = new float[4];
    assertThat(pixels.rescaledFrame(0, reused)).isSameAs(reused)
        .containsExactly(-1024f, 0f, 1024f, 0f);
  }

  @Test
  void rescalesUnsigned32BitValuesAsUnsigned() {
    ImagePixelModule module = new ImagePixelModule(1, 1, 1, 32, 32, 31, 0, 0, 1, "M");
    float[] values = new ModalityRescale(0.5, 1).apply(module, new int[] {-2}, null);
    assertThat(values).containsExactly(2147483648f);
  }

  @Test
  void prefersTheFramesFunctionalGroupsToSharedOnesToTopLevelAttributes() throws Exception {
    DataSet ds = new DataSet().putDouble(Tag.RescaleIntercept, VR.DS, -1);
    ds.addItem(Tag.SharedFunctionalGroupsSequence)
        .addItem(Tag.PixelValueTransformationSequence)
        .putDouble(Tag.RescaleIntercept, VR.DS, -2);
    ds.addItem(Tag.PerFrameFunctionalGroupsSequence)
        .addItem(Tag.PixelValueTransformationSequence)
        .putDouble(Tag.RescaleIntercept, VR.DS, -3)
        .putDouble(Tag.RescaleSlope, VR.DS, 3);
    ds.addItem(Tag.PerFrameFunctionalGroupsSequence);
    assertThat(ModalityRescale.of(ds, 0)).isEqualTo(new ModalityRescale(3, -3));
    assertThat(ModalityRescale.of(ds, 1)).isEqualTo(new ModalityRescale(1, -2));
    ds.remove(Tag.SharedFunctionalGroupsSequence);
    assertThat(ModalityRescale.of(ds, 1)).isEqualTo(new ModalityRescale(1, -1));
  }

  @Test
  void refusesAModalityLutSequenceItCannotApply() {
    DataSet ds = new DataSet();
    ds.addItem(Tag.ModalityLUTSequence).putString(Tag.RescaleType, VR.LO, "HU");
    assertThatThrownBy(() -> ModalityRescale.of(ds))
        .isInstanceOf(DicomException.class)
        .hasMessage("a Modality LUT Sequence is not supported inside (0028,3000)");
  }

  @Test
  void refusesASlopeThatIsNoNumber() {
    DataSet ds = new DataSet().putString(Tag.RescaleSlope, VR.DS, "one");
    assertThatThrownBy(() -> ModalityRescale.of(ds))
        .hasMessage("Rescale Slope 'one' is not a number inside (0028,1053)");
  }
}
