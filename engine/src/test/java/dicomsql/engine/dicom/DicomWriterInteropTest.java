package dicomsql.engine.dicom;

import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Set;
import java.util.stream.Stream;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * Files our writer makes, read by others: dcmdump must read them without a warning and see what
 * we meant to write; dciodvfy (Debian {@code dicom3tools}) must find no error in a CT image and
 * an RT Structure Set.
 */
class DicomWriterInteropTest {
  private static final String UNRECOGNIZED =
      "  ?  - Warning - Unrecognized tag - assuming explicit value representation OK";
  /**
   * dciodvfy's findings that are deliberate: it knows no private tags, so in explicit VR it
   * warns about our private element and sequence, which the samples carry on purpose.
   */
  private static final Set<String> DELIBERATE = Set.of(
      "(0x0029,0x1001)" + UNRECOGNIZED, "(0x0029,0x1002)" + UNRECOGNIZED,
      "(0x0029,0x1003)" + UNRECOGNIZED);

  /**
   * dcmtk's note that it reads the private sequence, which in implicit VR we write with undefined
   * length so that readers without a private dictionary still see a sequence (as CP-246 asks).
   */
  private static final String DELIBERATE_DCMTK = "W: Found element (0029,1002) with VR UN and "
      + "undefined length, reading a sequence with transfer syntax LittleEndianImplicit (CP-246)";

  @TempDir
  Path dir;

  static Stream<Arguments> files() {
    List<Arguments> files = new ArrayList<>();
    for (TransferSyntax syntax : DicomWriterTest.syntaxes()) {
      for (boolean undefined : new boolean[] {false, true}) {
        files.add(Arguments.of("CT", syntax, undefined));
        files.add(Arguments.of("RTSTRUCT", syntax, undefined));
      }
    }
    return files.stream();
  }

  private static DataSet sample(String modality) {
    return modality.equals("CT") ? SampleInstances.ct(32) : SampleInstances.rtStructureSet(3);
  }

  @ParameterizedTest(name = "{0} {1} undefined lengths {2}")
  @MethodSource("files")
  void dcmdumpReadsWhatWeWriteWithoutWarnings(String modality, TransferSyntax syntax,
      boolean undefined) throws Exception {
    Dcmtk.assumeInstalled();
    DataSet written = sample(modality);
    Path file = dir.resolve("written.dcm");
    new DicomWriter().undefinedLengthSequences(undefined).write(file, written, syntax);

    Dcmtk.Run dump = Dcmtk.dump(file, "-E");
    assertThat(dump.err().lines().filter(line -> !DELIBERATE_DCMTK.equals(line))).isEmpty();
    assertThat(dump.ok()).isTrue();
    DcmdumpTree theirs = DcmdumpTree.parse(dump.out());
    assertThat(ElementTree.withoutContainerLengths(ElementTree.lines(theirs.dataSet())))
        .containsExactlyElementsOf(ElementTree.lines(ReaderTree.written(
            syntax.explicitVr() ? written : asImplicitVrCarriesIt(written))));
    assertThat(ElementTree.lines(theirs.meta())).contains(
        "(0002,0001) OB #2 00\\01",
        "(0002,0010) UI #" + (syntax.uid().length() + 1) / 2 * 2 + " [" + syntax.uid() + "]",
        "(0002,0012) UI #44 [" + DicomWriter.IMPLEMENTATION_CLASS_UID + "]");
  }

  /** The data set with the VRs that implicit VR cannot carry, those of unknown tags, as UN. */
  private static DataSet asImplicitVrCarriesIt(DataSet dataSet) {
    DataSet copy = new DataSet();
    copyInto(dataSet, copy);
    return copy;
  }

  private static void copyInto(DataSet from, DataSet to) {
    for (Element e : from) {
      if (e.isSequence()) {
        for (DataSet item : e.items()) {
          copyInto(item, to.addItem(e.tag()));
        }
      } else {
        byte[] value = e.bytes();
        if ((value.length & 1) == 1) {
          value = Arrays.copyOf(value, value.length + 1);
          value[value.length - 1] = e.vr().padding();
        }
        VR known = DataDictionary.vr(e.tag());
        to.putBytes(e.tag(), known == VR.UN ? VR.UN : e.vr(), value);
      }
    }
  }

  @ParameterizedTest(name = "{0} {1} undefined lengths {2}")
  @MethodSource("files")
  void dciodvfyFindsNothingButDeliberateWarnings(String modality, TransferSyntax syntax,
      boolean undefined) throws Exception {
    assumeTrue(Files.isExecutable(Path.of("/usr/bin/dciodvfy")), "dicom3tools not installed");
    // dicom3tools as Debian builds it cannot inflate: dcmtk's own deflated files fail the same
    // way. The deflated files are checked by dcmdump above; their content is the same as that
    // of the explicit VR little endian ones checked here.
    assumeTrue(!syntax.deflated(), "dciodvfy reads no deflated files");
    Path file = dir.resolve("written.dcm");
    new DicomWriter().undefinedLengthSequences(undefined).write(file, sample(modality), syntax);
    Dcmtk.Run run = Dcmtk.run(List.of("dciodvfy", file.toString()));
    List<String> findings = run.err().lines()
        .filter(line -> line.contains("Error") || line.contains("Warning"))
        .filter(line -> !DELIBERATE.contains(line))
        .toList();
    assertThat(run.err()).contains(modality.equals("CT") ? "CTImage" : "RTStructureSet");
    assertThat(findings).isEmpty();
  }
}
