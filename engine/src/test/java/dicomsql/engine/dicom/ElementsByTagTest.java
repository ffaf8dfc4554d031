package dicomsql.engine.dicom;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.ArrayList;
import java.util.List;
import java.util.Random;
import java.util.TreeMap;
import org.junit.jupiter.api.Test;

class ElementsByTagTest {
  @Test
  void keepsElementsInUnsignedTagOrderWhateverTheOrderTheyCameIn() {
    Random random = new Random(7);
    ElementsByTag elements = new ElementsByTag();
    TreeMap<Integer, Element> expected = new TreeMap<>(Integer::compareUnsigned);
    for (int n = 0; n < 5_000; n++) {
      int tag = random.nextInt(3) == 0 ? random.nextInt() : 0x00100000 + random.nextInt(64);
      Element element = Element.primitive(tag, VR.LO, new byte[] {(byte) n});
      switch (random.nextInt(3)) {
        case 0 -> {
          assertThat(elements.putIfAbsent(element)).isEqualTo(!expected.containsKey(tag));
          expected.putIfAbsent(tag, element);
        }
        case 1 -> {
          elements.put(element);
          expected.put(tag, element);
        }
        default -> {
          elements.remove(tag);
          expected.remove(tag);
        }
      }
      assertThat(elements.get(tag)).isSameAs(expected.get(tag));
      assertThat(elements.contains(tag)).isEqualTo(expected.containsKey(tag));
    }
    assertThat(elements.size()).isEqualTo(expected.size());
    assertThat(elements.values()).containsExactlyElementsOf(new ArrayList<>(expected.values()));
  }

  @Test
  void aDataSetIteratesItsElementsInTagOrder() throws Exception {
    DataSet ds = new DataSet();
    ds.putString(0xFFFE0001, VR.LO, "last");
    ds.putString(Tag.PatientName, VR.PN, "Doe^Jane");
    ds.putString(Tag.SOPInstanceUID, VR.UI, "1.2");
    List<Integer> tags = new ArrayList<>();
    for (Element element : ds) {
      tags.add(element.tag());
    }
    assertThat(tags).containsExactly(Tag.SOPInstanceUID, Tag.PatientName, 0xFFFE0001);
    ds.remove(Tag.PatientName);
    assertThat(ds.contains(Tag.PatientName)).isFalse();
    assertThat(ds.size()).isEqualTo(2);
  }
}
