package dicomsql.engine.dicom;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import org.junit.jupiter.api.Test;

class ImagePixelModuleTest {
  @Test
  void readsEveryAttributeOfTheModule() throws Exception {
    DataSet ds = ImageDataSets.rgb(3, 4, 1);
    ds.putInt(Tag.NumberOfFrames, VR.IS, 5);
    assertThat(ImagePixelModule.of(ds))
        .isEqualTo(new ImagePixelModule(3, 4, 3, 8, 8, 7, 0, 1, 5, "RGB"));
  }

  @Test
  void suppliesDefaultsForMissingOptionalAttributes() throws Exception {
    DataSet ds = new DataSet();
    ds.putInt(Tag.Rows, VR.US, 2);
    ds.putInt(Tag.Columns, VR.US, 3);
    ds.putInt(Tag.BitsAllocated, VR.US, 16);
    ds.putString(Tag.NumberOfFrames, VR.IS, "");
    ImagePixelModule module = ImagePixelModule.of(ds);
    assertThat(module)
        .isEqualTo(new ImagePixelModule(2, 3, 1, 16, 16, 15, 0, 0, 1, "MONOCHROME2"));
    assertThat(module.pixelsPerFrame()).isEqualTo(6);
    assertThat(module.samplesPerFrame()).isEqualTo(6);
  }

  @Test
  void ignoresPlanarConfigurationOfSingleSampleImages() throws Exception {
    DataSet ds = ImageDataSets.monochrome(2, 2, 8, 8, 7, false);
    ds.putInt(Tag.PlanarConfiguration, VR.US, 7);
    assertThat(ImagePixelModule.of(ds).planarConfiguration()).isZero();
  }

  private static int[] storedValues(ImagePixelModule module, int... cells) {
    int[] values = cells.clone();
    module.toStoredValues(values, values.length);
    return values;
  }

  @Test
  void masksBitsOutsideBitsStored() {
    ImagePixelModule module = new ImagePixelModule(1, 1, 1, 16, 12, 11, 0, 0, 1, "MONOCHROME2");
    assertThat(storedValues(module, 0xF123, 0xAFFF)).containsExactly(0x123, 0xFFF);
  }

  @Test
  void signExtendsFromBitsStored() {
    ImagePixelModule module = new ImagePixelModule(1, 1, 1, 16, 12, 11, 1, 0, 1, "MONOCHROME2");
    assertThat(storedValues(module, 0x0800, 0x07FF, 0xFFFF, 0x5801))
        .containsExactly(-2048, 2047, -1, -2047);
  }

  @Test
  void takesStoredBitsEndingAtHighBit() {
    ImagePixelModule unsigned = new ImagePixelModule(1, 1, 1, 16, 12, 15, 0, 0, 1, "M");
    assertThat(storedValues(unsigned, 0xFFF7)).containsExactly(4095);
    ImagePixelModule signed = new ImagePixelModule(1, 1, 1, 16, 12, 15, 1, 0, 1, "M");
    assertThat(storedValues(signed, 0x8000)).containsExactly(-2048);
  }

  @Test
  void keepsUnsigned32BitValuesAsBits() {
    ImagePixelModule module = new ImagePixelModule(1, 1, 1, 32, 32, 31, 0, 0, 1, "M");
    assertThat(module.isUnsigned32Bit()).isTrue();
    assertThat(storedValues(module, 0xFFFFFFFE)).containsExactly(0xFFFFFFFE);
  }

  @Test
  void refusesBitsStoredAboveBitsAllocated() {
    DataSet ds = ImageDataSets.monochrome(2, 2, 16, 17, 16, false);
    assertThatThrownBy(() -> ImagePixelModule.of(ds))
        .isInstanceOf(DicomException.class)
        .hasMessage("Bits Stored 17 is not within Bits Allocated 16 inside (0028,0101)");
  }

  @Test
  void refusesHighBitOutsideTheCell() {
    DataSet ds = ImageDataSets.monochrome(2, 2, 16, 12, 16, false);
    assertThatThrownBy(() -> ImagePixelModule.of(ds))
        .hasMessage("High Bit 16 does not fit 12 stored bits into 16 allocated bits"
            + " inside (0028,0102)");
  }

  @Test
  void refusesHighBitBelowTheStoredBits() {
    DataSet ds = ImageDataSets.monochrome(2, 2, 16, 12, 10, false);
    assertThatThrownBy(() -> ImagePixelModule.of(ds))
        .hasMessageStartingWith("High Bit 10 does not fit 12 stored bits");
  }

  @Test
  void refusesBitsAllocatedItCannotDecode() {
    DataSet ds = ImageDataSets.monochrome(2, 2, 12, 12, 11, false);
    assertThatThrownBy(() -> ImagePixelModule.of(ds))
        .hasMessage("Bits Allocated 12 is not supported (only 1, 8, 16 and 32)"
            + " inside (0028,0100)");
  }

  @Test
  void refusesMissingRows() {
    DataSet ds = ImageDataSets.monochrome(2, 2, 16, 16, 15, false);
    ds.remove(Tag.Rows);
    assertThatThrownBy(() -> ImagePixelModule.of(ds))
        .hasMessage("Rows is missing inside (0028,0010)");
  }

  @Test
  void refusesZeroColumnsAndFrames() {
    DataSet ds = ImageDataSets.monochrome(2, 0, 16, 16, 15, false);
    assertThatThrownBy(() -> ImagePixelModule.of(ds)).hasMessageStartingWith("Columns 0 is");
    DataSet frames = ImageDataSets.monochrome(2, 2, 16, 16, 15, false);
    frames.putInt(Tag.NumberOfFrames, VR.IS, 0);
    assertThatThrownBy(() -> ImagePixelModule.of(frames))
        .hasMessageStartingWith("Number of Frames 0 is");
  }

  @Test
  void refusesANumberOfFramesThatIsNoNumber() {
    DataSet ds = ImageDataSets.monochrome(2, 2, 16, 16, 15, false);
    ds.putString(Tag.NumberOfFrames, VR.IS, "many");
    assertThatThrownBy(() -> ImagePixelModule.of(ds))
        .hasMessage("Number of Frames 'many' is not an integer inside (0028,0008)");
  }

  @Test
  void refusesUnknownPixelRepresentationAndPlanarConfiguration() {
    DataSet ds = ImageDataSets.monochrome(2, 2, 16, 16, 15, false);
    ds.putInt(Tag.PixelRepresentation, VR.US, 2);
    assertThatThrownBy(() -> ImagePixelModule.of(ds))
        .hasMessageStartingWith("Pixel Representation 2 is neither");
    DataSet rgb = ImageDataSets.rgb(2, 2, 2);
    assertThatThrownBy(() -> ImagePixelModule.of(rgb))
        .hasMessageStartingWith("Planar Configuration 2 is neither");
  }

  @Test
  void refusesFramesTooLargeForAnArray() {
    DataSet ds = ImageDataSets.rgb(65535, 65535, 0);
    assertThatThrownBy(() -> ImagePixelModule.of(ds))
        .hasMessageStartingWith("a frame of 65535x65535x3 samples is too large");
  }
}
