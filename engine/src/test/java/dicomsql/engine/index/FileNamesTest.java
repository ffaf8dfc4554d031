package dicomsql.engine.index;

import static org.assertj.core.api.Assertions.assertThat;

import dicomsql.engine.dicom.DataSet;
import dicomsql.engine.dicom.DicomWriter;
import dicomsql.engine.dicom.Tag;
import dicomsql.engine.dicom.TransferSyntax;
import dicomsql.engine.dicom.VR;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * File names that are not ASCII, or not even UTF-8 (Latin-1 bytes), walked, named and opened
 * again by their text in a JVM whose locale is C (ASCII file names), as a cron job or a
 * container runs it.
 */
class FileNamesTest {
  @TempDir
  Path tmp;

  @Test
  void namesOfAnyBytesAreWalkedAndOpenedUnderTheCLocale() throws Exception {
    Path data = Files.createDirectories(tmp.resolve("data"));
    Path template = data.resolve("plain.dcm");
    DataSet ds = new DataSet();
    ds.putString(Tag.SOPClassUID, VR.UI, "1.2.840.10008.5.1.4.1.1.2");
    ds.putString(Tag.SOPInstanceUID, VR.UI, "1.2.3.4");
    ds.putString(Tag.Modality, VR.CS, "CT");
    new DicomWriter().write(template, ds, TransferSyntax.EXPLICIT_VR_LITTLE_ENDIAN);
    // Made by the shell from bytes: Java cannot name a file by bytes that are not UTF-8.
    Process copy = new ProcessBuilder("sh", "-c", "mkdir \"$(printf 'd\\303\\251j\\340')\" && "
        + "cp plain.dcm \"$(printf 'caf\\303\\251.dcm')\" && "
        + "cp plain.dcm \"$(printf 'd\\303\\251j\\340/caf\\351.dcm')\"")
        .directory(data.toFile()).inheritIO().start();
    assertThat(copy.waitFor(30, TimeUnit.SECONDS) && copy.exitValue() == 0).isTrue();

    String java = ProcessHandle.current().info().command().orElse("java");
    ProcessBuilder child = new ProcessBuilder(java, "-cp", System.getProperty("java.class.path"),
        FileNamesChild.class.getName(), data.toString()).redirectErrorStream(true);
    child.environment().keySet().removeIf(name -> name.startsWith("LC_") || name.equals("LANG"));
    child.environment().put("LANG", "C");
    child.environment().put("LC_ALL", "C");
    Process process = child.start();
    String output = new String(process.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
    assertThat(process.waitFor(60, TimeUnit.SECONDS) && process.exitValue() == 0)
        .as(output).isTrue();
    assertThat(List.of(output.strip().split("\n"))).containsExactly(
        hex("café.dcm") + "\tnull\ttrue\tinstance",
        // é in UTF-8 then à in Latin-1, which is not UTF-8: kept as U+DCE0.
        hex("déj\uDCE0/caf\uDCE9.dcm") + "\tnull\ttrue\tinstance",
        hex("plain.dcm") + "\tnull\ttrue\tinstance");
  }

  private static String hex(String text) {
    StringBuilder hex = new StringBuilder();
    text.chars().forEach(c -> hex.append(Integer.toHexString(c)).append(' '));
    return hex.toString().strip();
  }
}
