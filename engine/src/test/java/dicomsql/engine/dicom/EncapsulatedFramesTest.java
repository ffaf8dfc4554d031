package dicomsql.engine.dicom;

import static dicomsql.engine.dicom.ImageDataSets.bytes;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.List;
import org.junit.jupiter.api.Test;

class EncapsulatedFramesTest {
  private static final byte[] NO_TABLE = new byte[0];

  private static byte[] table(int... offsets) {
    byte[] table = new byte[4 * offsets.length];
    for (int i = 0; i < offsets.length; i++) {
      Bytes.putIntLE(table, 4 * i, offsets[i]);
    }
    return table;
  }

  @Test
  void takesOneFragmentPerFrameWithoutATable() throws Exception {
    EncapsulatedFrames frames =
        EncapsulatedFrames.of(List.of(NO_TABLE, bytes(1, 2), bytes(3, 4)), 2);
    assertThat(frames.frameCount()).isEqualTo(2);
    assertThat(frames.frame(1)).containsExactly(3, 4);
  }

  @Test
  void joinsAllFragmentsOfASingleFrame() throws Exception {
    EncapsulatedFrames frames =
        EncapsulatedFrames.of(List.of(NO_TABLE, bytes(1, 2), bytes(3, 4), bytes(5, 6)), 1);
    assertThat(frames.frame(0)).containsExactly(1, 2, 3, 4, 5, 6);
  }

  @Test
  void followsTheBasicOffsetTableOverFramesSplitIntoFragments() throws Exception {
    List<byte[]> items = List.of(table(0, 8 + 2 + 8 + 4), bytes(1, 2), bytes(3, 4, 5, 6),
        bytes(7, 8));
    EncapsulatedFrames frames = EncapsulatedFrames.of(items, 2);
    assertThat(frames.frame(0)).containsExactly(1, 2, 3, 4, 5, 6);
    assertThat(frames.frame(1)).containsExactly(7, 8);
  }

  @Test
  void refusesMoreFragmentsThanFramesWithoutATable() {
    List<byte[]> items = List.of(NO_TABLE, bytes(1, 2), bytes(3, 4), bytes(5, 6));
    assertThatThrownBy(() -> EncapsulatedFrames.of(items, 2))
        .isInstanceOf(DicomException.class)
        .hasMessage("2 frames in 3 fragments and an empty Basic Offset Table: which fragments"
            + " make which frame is unknown inside (7FE0,0010)");
  }

  @Test
  void refusesATableOffsetBetweenFragments() {
    List<byte[]> items = List.of(table(0, 9), bytes(1, 2), bytes(3, 4));
    assertThatThrownBy(() -> EncapsulatedFrames.of(items, 2)).hasMessageStartingWith(
        "the Basic Offset Table puts frame 2 at byte 9, which is not the start of a fragment");
  }

  @Test
  void refusesATableOffsetPastTheLastFragment() {
    List<byte[]> items = List.of(table(0, 20), bytes(1, 2), bytes(3, 4));
    assertThatThrownBy(() -> EncapsulatedFrames.of(items, 2)).hasMessageStartingWith(
        "the Basic Offset Table puts frame 2 at byte 20");
  }

  @Test
  void refusesATableWhoseOffsetsRepeat() {
    List<byte[]> items = List.of(table(0, 0), bytes(1, 2), bytes(3, 4));
    assertThatThrownBy(() -> EncapsulatedFrames.of(items, 2)).hasMessageStartingWith(
        "the Basic Offset Table puts frame 2 at byte 0");
  }

  @Test
  void refusesATableForAnotherNumberOfFrames() {
    List<byte[]> items = List.of(table(0, 10, 20), bytes(1, 2), bytes(3, 4));
    assertThatThrownBy(() -> EncapsulatedFrames.of(items, 2)).hasMessageStartingWith(
        "the Basic Offset Table has 12 bytes, not 4 for each of 2 frames");
  }

  @Test
  void refusesPixelDataWithoutFragments() {
    assertThatThrownBy(() -> EncapsulatedFrames.of(List.of(NO_TABLE), 1))
        .hasMessageStartingWith("encapsulated pixel data has no fragments");
  }
}
