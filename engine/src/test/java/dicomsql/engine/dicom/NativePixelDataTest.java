package dicomsql.engine.dicom;

import static dicomsql.engine.dicom.ImageDataSets.bytes;
import static dicomsql.engine.dicom.ImageDataSets.longWords;
import static dicomsql.engine.dicom.ImageDataSets.words;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.List;
import org.junit.jupiter.api.Test;

class NativePixelDataTest {
  private static final TransferSyntax LITTLE = TransferSyntax.EXPLICIT_VR_LITTLE_ENDIAN;
  private static final TransferSyntax BIG = TransferSyntax.EXPLICIT_VR_BIG_ENDIAN;

  @Test
  void dropsGarbageAboveTwelveStoredBits() throws Exception {
    DataSet ds = ImageDataSets.monochrome(1, 4, 16, 12, 11, false);
    ds.putBytes(Tag.PixelData, VR.OW, words(0xF123, 0xAFFF, 0x1000, 0x0000));
    assertThat(PixelData.of(ds, LITTLE).frame(0)).containsExactly(0x123, 0xFFF, 0, 0);
  }

  @Test
  void signExtendsTwelveBitSignedValuesUnderGarbage() throws Exception {
    DataSet ds = ImageDataSets.monochrome(1, 5, 16, 12, 11, true);
    ds.putBytes(Tag.PixelData, VR.OW, words(0x0800, 0x07FF, 0xFFFF, 0x5801, 0xE000));
    assertThat(PixelData.of(ds, LITTLE).frame(0)).containsExactly(-2048, 2047, -1, -2047, 0);
  }

  @Test
  void decodesSignedAndUnsignedBytes() throws Exception {
    DataSet signed = ImageDataSets.monochrome(1, 3, 8, 8, 7, true);
    signed.putBytes(Tag.PixelData, VR.OB, bytes(0x80, 0x7F, 0xFF, 0));
    assertThat(PixelData.of(signed, LITTLE).frame(0)).containsExactly(-128, 127, -1);
    DataSet unsigned = ImageDataSets.monochrome(1, 3, 8, 8, 7, false);
    unsigned.putBytes(Tag.PixelData, VR.OB, bytes(0x80, 0x7F, 0xFF, 0));
    assertThat(PixelData.of(unsigned, LITTLE).frame(0)).containsExactly(128, 127, 255);
  }

  @Test
  void decodes32BitCellsSignedAndUnsigned() throws Exception {
    DataSet signed = ImageDataSets.monochrome(1, 2, 32, 32, 31, true);
    signed.putBytes(Tag.PixelData, VR.OW, longWords(-70000, 0x12345678));
    assertThat(PixelData.of(signed, LITTLE).frame(0)).containsExactly(-70000, 0x12345678);
    DataSet unsigned = ImageDataSets.monochrome(1, 2, 32, 24, 23, true);
    unsigned.putBytes(Tag.PixelData, VR.OW, longWords(0x7F800000, 0x00800000));
    assertThat(PixelData.of(unsigned, LITTLE).frame(0)).containsExactly(-0x800000, -0x800000);
  }

  @Test
  void decodesEachFrameFromItsOwnOffset() throws Exception {
    DataSet ds = ImageDataSets.monochrome(1, 2, 16, 16, 15, false);
    ds.putInt(Tag.NumberOfFrames, VR.IS, 3);
    ds.putBytes(Tag.PixelData, VR.OW, words(1, 2, 3, 4, 5, 6));
    PixelData pixels = PixelData.of(ds, LITTLE);
    assertThat(pixels.frameCount()).isEqualTo(3);
    assertThat(pixels.frame(1)).containsExactly(3, 4);
    assertThat(pixels.allFrames()).containsExactly(1, 2, 3, 4, 5, 6);
    assertThatThrownBy(() -> pixels.frame(3)).isInstanceOf(IndexOutOfBoundsException.class);
  }

  @Test
  void writesIntoTheArrayItIsGivenWhenLongEnough() throws Exception {
    DataSet ds = ImageDataSets.monochrome(1, 2, 16, 16, 15, false);
    ds.putBytes(Tag.PixelData, VR.OW, words(7, 8));
    PixelData pixels = PixelData.of(ds, LITTLE);
    int[] big = new int[] {0, 0, 99};
    assertThat(pixels.frame(0, big)).isSameAs(big).containsExactly(7, 8, 99);
    int[] small = new int[1];
    assertThat(pixels.frame(0, small)).isNotSameAs(small).containsExactly(7, 8);
  }

  @Test
  void keepsSamplesOfAPixelTogetherForEitherPlanarConfiguration() throws Exception {
    DataSet byPixel = ImageDataSets.rgb(1, 2, 0);
    byPixel.putBytes(Tag.PixelData, VR.OB, bytes(10, 20, 30, 11, 21, 31));
    assertThat(PixelData.of(byPixel, LITTLE).frame(0)).containsExactly(10, 20, 30, 11, 21, 31);
    DataSet byPlane = ImageDataSets.rgb(1, 2, 1);
    byPlane.putInt(Tag.NumberOfFrames, VR.IS, 2);
    byPlane.putBytes(Tag.PixelData, VR.OB,
        bytes(10, 11, 20, 21, 30, 31, 12, 13, 22, 23, 32, 33));
    PixelData pixels = PixelData.of(byPlane, LITTLE);
    assertThat(pixels.frame(0)).containsExactly(10, 20, 30, 11, 21, 31);
    assertThat(pixels.frame(1)).containsExactly(12, 22, 32, 13, 23, 33);
  }

  @Test
  void expandsYbrFull422ToThreeSamplesPerPixel() throws Exception {
    DataSet ds = ImageDataSets.rgb(1, 4, 0);
    ds.putString(Tag.PhotometricInterpretation, VR.CS, "YBR_FULL_422");
    ds.putBytes(Tag.PixelData, VR.OB, bytes(1, 2, 50, 60, 3, 4, 51, 61));
    assertThat(PixelData.of(ds, LITTLE).frame(0))
        .containsExactly(1, 50, 60, 2, 50, 60, 3, 51, 61, 4, 51, 61);
  }

  @Test
  void decodesOneBitFramesThatStartInsideAByte() throws Exception {
    DataSet ds = ImageDataSets.monochrome(3, 3, 1, 1, 0, false);
    ds.putInt(Tag.NumberOfFrames, VR.IS, 2);
    // Bits go least significant first; frame 2 starts at bit 1 of the second byte.
    ds.putBytes(Tag.PixelData, VR.OB, bytes(0b01010101, 0b01100111, 0b00000010, 0));
    PixelData pixels = PixelData.of(ds, LITTLE);
    assertThat(pixels.frame(0)).containsExactly(1, 0, 1, 0, 1, 0, 1, 0, 1);
    assertThat(pixels.frame(1)).containsExactly(1, 1, 0, 0, 1, 1, 0, 0, 1);
  }

  @Test
  void readsOwFromBigEndianFilesAsBigEndianWordsWhateverTheCellSize() throws Exception {
    List<DataSet> images = List.of(
        withPixels(ImageDataSets.monochrome(1, 3, 8, 8, 7, true), VR.OW, bytes(1, 0x80, 3, 0)),
        withPixels(ImageDataSets.monochrome(1, 2, 16, 12, 11, true), VR.OW,
            words(0x0800, 0xF7FF)),
        withPixels(ImageDataSets.monochrome(1, 2, 32, 32, 31, false), VR.OW,
            longWords(0x89ABCDEF, 0x01020304)),
        withPixels(ImageDataSets.monochrome(3, 3, 1, 1, 0, false), VR.OW,
            bytes(0b01010101, 0b10101011)));
    for (DataSet image : images) {
      int[] little = ImageDataSets.roundTrip(image, LITTLE).frame(0);
      PixelData big = ImageDataSets.roundTrip(image, BIG);
      assertThat(big.frame(0)).as(image.toString()).containsExactly(little);
    }
  }

  @Test
  void readsObFromBigEndianFilesAsBytes() throws Exception {
    DataSet image = withPixels(ImageDataSets.rgb(1, 1, 0), VR.OB, bytes(1, 2, 3, 0));
    assertThat(ImageDataSets.roundTrip(image, BIG).frame(0)).containsExactly(1, 2, 3);
  }

  @Test
  void refusesPixelDataShorterThanItsFramesNeedSayingByHowMuch() {
    DataSet ds = ImageDataSets.monochrome(2, 2, 16, 16, 15, false);
    ds.putInt(Tag.NumberOfFrames, VR.IS, 2);
    ds.putBytes(Tag.PixelData, VR.OW, words(1, 2, 3, 4, 5, 6, 7));
    assertThatThrownBy(() -> PixelData.of(ds, LITTLE))
        .isInstanceOf(DicomException.class)
        .hasMessage("pixel data has 14 bytes, 2 fewer than the 16 that 2 frame(s) of 2x2x1"
            + " samples of 16 bits need inside (7FE0,0010)");
  }

  @Test
  void acceptsPaddingAfterTheLastFrame() throws Exception {
    DataSet ds = ImageDataSets.monochrome(1, 3, 8, 8, 7, false);
    ds.putBytes(Tag.PixelData, VR.OB, bytes(1, 2, 3, 0, 0, 0));
    assertThat(PixelData.of(ds, LITTLE).allFrames()).containsExactly(1, 2, 3);
  }

  @Test
  void decodesEncapsulatedUncompressedFrames() throws Exception {
    DataSet ds = ImageDataSets.monochrome(1, 2, 16, 16, 15, true);
    ds.putInt(Tag.NumberOfFrames, VR.IS, 2);
    ds.putFragments(Tag.PixelData, VR.OB,
        List.of(new byte[0], words(1, 0xFFFF), words(3, 4)));
    PixelData pixels = ImageDataSets.roundTrip(ds, TransferSyntax.ENCAPSULATED_UNCOMPRESSED);
    assertThat(pixels.allFrames()).containsExactly(1, -1, 3, 4);
  }

  @Test
  void refusesEncapsulatedUncompressedFramesThatAreTooShort() throws Exception {
    DataSet ds = ImageDataSets.monochrome(1, 2, 16, 16, 15, true);
    ds.putFragments(Tag.PixelData, VR.OB, List.of(new byte[0], words(1)));
    PixelData pixels = PixelData.of(ds, TransferSyntax.ENCAPSULATED_UNCOMPRESSED);
    assertThatThrownBy(() -> pixels.frame(0)).hasMessageStartingWith(
        "pixel data has 2 bytes, 2 fewer than the 4 that 1 frame(s)");
  }

  @Test
  void refusesADataSetWithoutPixelData() {
    DataSet ds = ImageDataSets.monochrome(1, 2, 16, 16, 15, true);
    assertThatThrownBy(() -> PixelData.of(ds, LITTLE))
        .hasMessage("there is no Pixel Data inside (7FE0,0010)");
  }

  @Test
  void refusesPixelDataWhoseEncapsulationContradictsTheTransferSyntax() {
    DataSet fragments = ImageDataSets.monochrome(1, 2, 16, 16, 15, true);
    fragments.putFragments(Tag.PixelData, VR.OB, List.of(new byte[0], words(1, 2)));
    assertThatThrownBy(() -> PixelData.of(fragments, LITTLE)).hasMessageStartingWith(
        "pixel data is encapsulated although Explicit VR Little Endian (1.2.840.10008.1.2.1)"
            + " is a native transfer syntax");
    DataSet plain = ImageDataSets.monochrome(1, 2, 16, 16, 15, true);
    plain.putBytes(Tag.PixelData, VR.OW, words(1, 2));
    assertThatThrownBy(() -> PixelData.of(plain, TransferSyntax.RLE_LOSSLESS))
        .hasMessageStartingWith("pixel data is not encapsulated although RLE Lossless");
  }

  @Test
  void decodesNativePixelDataOfAnUnknownTransferSyntax() throws Exception {
    DataSet ds = ImageDataSets.monochrome(1, 2, 16, 16, 15, false);
    ds.putBytes(Tag.PixelData, VR.OW, words(5, 6));
    assertThat(PixelData.of(ds, TransferSyntax.of("1.2.3.4")).frame(0)).containsExactly(5, 6);
  }

  private static DataSet withPixels(DataSet ds, VR vr, byte[] bytes) {
    return ds.putBytes(Tag.PixelData, vr, bytes);
  }
}
