package dicomsql.engine.dicom;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;

class DataDictionaryTest {
  @Test
  void knowsStandardAttributesByTagAndKeyword() {
    assertThat(DataDictionary.keyword(Tag.PatientName)).isEqualTo("PatientName");
    assertThat(DataDictionary.vr(Tag.PatientName)).isEqualTo(VR.PN);
    assertThat(DataDictionary.tag("ContourData")).isEqualTo(Tag.ContourData);
    assertThat(DataDictionary.entry(Tag.ImageType).vm()).isEqualTo("2-n");
    assertThat(DataDictionary.vr(Tag.ROIContourSequence)).isEqualTo(VR.SQ);
    assertThat(DataDictionary.tag("NoSuchKeyword")).isEqualTo(-1);
  }

  @Test
  void dropsDcmtksRetiredPrefixButKeepsTheFlag() {
    DataDictionary.Entry entry = DataDictionary.entry(0x00080041);
    assertThat(entry.keyword()).isEqualTo("DataSetSubtype");
    assertThat(entry.retired()).isTrue();
  }

  @Test
  void resolvesRepeatingGroupsAndElementRanges() {
    assertThat(DataDictionary.keyword(0x60020010)).isEqualTo("OverlayRows");
    assertThat(DataDictionary.keyword(0x601E3000)).isEqualTo("OverlayData");
    assertThat(DataDictionary.vr(0x60003000)).isEqualTo(VR.OW);
    assertThat(DataDictionary.keyword(0x50100005)).isEqualTo("CurveDimensions");
    assertThat(DataDictionary.keyword(0x00203105)).isEqualTo("SourceImageIDs");
    assertThat(DataDictionary.keyword(0x60010010)).isNull();
  }

  @Test
  void readsContextDependentVrsAsTheirUsualEncoding() {
    assertThat(DataDictionary.vr(Tag.PixelData)).isEqualTo(VR.OW);
    assertThat(DataDictionary.vr(0x00280106)).isEqualTo(VR.US);
    assertThat(DataDictionary.entry(Tag.Item).vr()).isNull();
  }

  @Test
  void givesPrivateAndUnknownTagsNoKeywordAndARuleVr() {
    assertThat(DataDictionary.keyword(0x00191010)).isNull();
    assertThat(DataDictionary.vr(0x00190010)).isEqualTo(VR.LO);
    assertThat(DataDictionary.vr(0x00190000)).isEqualTo(VR.UL);
    assertThat(DataDictionary.vr(0x00191010)).isEqualTo(VR.UN);
  }

  @Test
  void holdsTheWholeStandard() {
    int known = 0;
    for (int element = 0; element < 0x10000; element++) {
      if (DataDictionary.entry(Tag.of(0x0018, element)) != null) {
        known++;
      }
    }
    assertThat(known).as("group 0018 entries").isGreaterThan(850);
  }
}
