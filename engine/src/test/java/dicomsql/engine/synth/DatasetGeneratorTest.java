package dicomsql.engine.synth;

import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import dicomsql.engine.dicom.DataSet;
import dicomsql.engine.dicom.DicomReader;
import dicomsql.engine.dicom.ReadOptions;
import dicomsql.engine.dicom.Tag;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.atomic.AtomicLong;
import java.util.stream.Collectors;
import java.util.stream.Stream;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class DatasetGeneratorTest {
  private static final SynthOptions SMALL = new SynthOptions(4, 7, 64, 12, 2);

  @TempDir
  static Path tmp;
  private static Path data;
  private static DatasetGenerator.Summary summary;
  private static long announced;

  @BeforeAll
  static void generate() throws IOException {
    data = tmp.resolve("data");
    AtomicLong files = new AtomicLong();
    summary = new DatasetGenerator(SMALL).generate(data, new DatasetGenerator.Listener() {
      @Override
      public void started(long totalFiles) {
        announced = totalFiles;
      }

      @Override
      public void wrote(long bytes) {
        files.incrementAndGet();
      }
    });
    assertThat(files.get()).isEqualTo(announced).isEqualTo(summary.files());
  }

  private static List<Path> dicomFiles(Path root) throws IOException {
    try (Stream<Path> walk = Files.walk(root)) {
      return walk.filter(p -> p.toString().endsWith(".dcm")).sorted().collect(Collectors.toList());
    }
  }

  private static List<Map<String, String>> csv(String name) throws IOException {
    return GroundTruth.read(data.resolve(name));
  }

  /** As a planning system gives them: every ROI of a structure set in a colour of its own. */
  @Test
  void eachRoiOfAStructureSetHasAColourOfItsOwn() throws IOException {
    int severalRois = 0;
    for (Path rtss : dicomFiles(data).stream()
        .filter(p -> p.getParent().getFileName().toString().equals("401")).toList()) {
      List<String> colours = DataSet.read(rtss).getSequence(Tag.ROIContourSequence).stream()
          .map(roi -> Arrays.toString(roi.getInts(Tag.ROIDisplayColor))).toList();
      assertThat(colours).as(rtss.toString()).doesNotHaveDuplicates()
          .allSatisfy(colour -> assertThat(colour).matches("\\[\\d+, \\d+, \\d+]"));
      severalRois += colours.size() > 1 ? 1 : 0;
    }
    assertThat(severalRois).isPositive();
  }

  @Test
  void sameSeedGivesByteIdenticalFilesAndAnotherSeedDoesNot() throws IOException {
    Path again = tmp.resolve("again");
    new DatasetGenerator(SMALL.withThreads(1)).generate(again, DatasetGenerator.Listener.NONE);
    List<Path> first = dicomFiles(data);
    List<Path> second = dicomFiles(again);
    assertThat(second.stream().map(again::relativize).collect(Collectors.toList()))
        .isEqualTo(first.stream().map(data::relativize).collect(Collectors.toList()));
    for (int i = 0; i < first.size(); i++) {
      assertThat(Files.mismatch(first.get(i), second.get(i))).as(first.get(i).toString())
          .isEqualTo(-1L);
    }
    assertThat(Files.mismatch(data.resolve("truth.csv"), again.resolve("truth.csv")))
        .isEqualTo(-1L);
    Path other = tmp.resolve("other");
    new DatasetGenerator(new SynthOptions(1, 8, 64, 12, 1))
        .generate(other, DatasetGenerator.Listener.NONE);
    assertThat(Files.mismatch(dicomFiles(other).get(0), first.get(0))).isNotEqualTo(-1L);
  }

  @Test
  void refusesAFolderThatIsNotEmpty() {
    org.assertj.core.api.Assertions.assertThatThrownBy(
            () -> new DatasetGenerator(SMALL).generate(data, DatasetGenerator.Listener.NONE))
        .isInstanceOf(IOException.class).hasMessageContaining("not empty");
  }

  @Test
  void imagesCarryTheReleaseHeaders() throws IOException {
    Path image = data.resolve("HCC_0001").resolve(
        csv("truth_series.csv").get(0).get("series_number")).resolve("001.dcm");
    try (DicomReader reader = DicomReader.open(image, ReadOptions.all())) {
      assertThat(reader.fileMeta().getString(Tag.ImplementationVersionName))
          .isEqualTo("OFFIS_DCMTK_364");
      assertThat(reader.transferSyntax().uid()).isEqualTo("1.2.840.10008.1.2.1");
      DataSet ds = DataSet.read(reader);
      assertThat(ds.getString(Tag.SpecificCharacterSet)).isEqualTo("ISO_IR 192");
      assertThat(ds.getString(Tag.PatientName)).isEqualTo("1");
      assertThat(ds.getString(Tag.PatientID)).matches("[0-9a-f]{32}");
      assertThat(ds.getString(Tag.AccessionNumber)).matches("[0-9a-f]{32}");
      assertThat(ds.getString(Tag.PatientBirthDate)).endsWith("0101");
      assertThat(ds.getString(Tag.StudyDate)).endsWith("0101");
      assertThat(ds.getString(Tag.PatientAge)).matches("0[0-9]{2}Y");
      assertThat(ds.getStrings(Tag.ImageType))
          .containsExactly("DERIVED", "PRIMARY", "AXIAL", "CT_SOM5 SPI");
      assertThat(ds.getString(Tag.DeidentificationMethod)).isEqualTo("AI99 ldcmdeid");
      assertThat(ds.getString(Tag.StudyDescription)).isEqualTo("CT SCAN- UPPER ABDOMEN");
      assertThat(ds.getInt(Tag.Rows)).isEqualTo(64);
      assertThat(ds.getBytes(Tag.PixelData)).hasSize(64 * 64 * 2);
      assertThat(ds.contains(Tag.InstitutionName)).isFalse();
      for (var element : ds) {
        assertThat(Tag.isPrivate(element.tag())).isFalse();
      }
    }
  }

  @Test
  void structureSetsReferenceTheImagesTheirContoursWereDrawnOn() throws IOException {
    Set<String> sopUids = new HashSet<>();
    Map<String, String> seriesOfSop = new HashMap<>();
    for (Path file : dicomFiles(data)) {
      DataSet ds = DataSet.read(file, ReadOptions.stopBeforePixelData());
      sopUids.add(ds.getString(Tag.SOPInstanceUID));
      seriesOfSop.put(ds.getString(Tag.SOPInstanceUID), ds.getString(Tag.SeriesInstanceUID));
    }
    List<Map<String, String>> truth = csv("truth.csv");
    assertThat(truth).hasSize((int) summary.lesions());
    for (int caseNumber = 1; caseNumber <= SMALL.patients(); caseNumber++) {
      Path rtss = data.resolve(String.format("HCC_%04d/401/001.dcm", caseNumber));
      DataSet ds = DataSet.read(rtss);
      assertThat(ds.getString(Tag.Modality)).isEqualTo("RTSTRUCT");
      assertThat(ds.getString(Tag.StructureSetLabel)).isEqualTo("STRUCTURE SET");
      assertThat(ds.getString(Tag.AccessionNumber)).hasSize(16);
      List<DataSet> rois = ds.getSequence(Tag.StructureSetROISequence);
      List<DataSet> contours = ds.getSequence(Tag.ROIContourSequence);
      assertThat(contours).hasSameSizeAs(rois);
      for (int i = 0; i < rois.size(); i++) {
        DataSet roi = rois.get(i);
        assertThat(roi.getString(Tag.ReferencedFrameOfReferenceUID)).isEqualTo("0");
        assertThat(roi.getString(Tag.ROIName)).matches("HCC[NAPD][23]?");
        String name = roi.getString(Tag.ROIName);
        Map<String, String> row = truth.stream()
            .filter(r -> r.get("rtss_uid").equals(ds.getString(Tag.SOPInstanceUID))
                && r.get("roi_name").equals(name))
            .findFirst().orElseThrow();
        List<DataSet> planes = contours.get(i).getSequence(Tag.ContourSequence);
        assertThat(planes).hasSize(Integer.parseInt(row.get("contour_count")));
        for (DataSet plane : planes) {
          String referenced = plane.getSequence(Tag.ContourImageSequence).get(0)
              .getString(Tag.ReferencedSOPInstanceUID);
          assertThat(sopUids).contains(referenced);
          assertThat(seriesOfSop.get(referenced)).isEqualTo(row.get("annotated_series_uid"));
          double[] points = plane.getDoubles(Tag.ContourData);
          assertThat(points).hasSize(3 * plane.getInt(Tag.NumberOfContourPoints));
        }
      }
    }
  }

  @Test
  void truthVoxelCountsAgreeWithPolygonAreasAndHuWithTheDesign() throws IOException {
    Map<String, DataSet> rtssByUid = new HashMap<>();
    for (int caseNumber = 1; caseNumber <= SMALL.patients(); caseNumber++) {
      DataSet ds = DataSet.read(data.resolve(String.format("HCC_%04d/401/001.dcm", caseNumber)));
      rtssByUid.put(ds.getString(Tag.SOPInstanceUID), ds);
    }
    for (Map<String, String> row : csv("truth.csv")) {
      DataSet rtss = rtssByUid.get(row.get("rtss_uid"));
      int roi = Integer.parseInt(row.get("roi_number"));
      double area = 0;
      for (DataSet plane : rtss.getSequence(Tag.ROIContourSequence).get(roi - 1)
          .getSequence(Tag.ContourSequence)) {
        area += shoelace(plane.getDoubles(Tag.ContourData));
      }
      long voxels = Long.parseLong(row.get("voxel_count"));
      double spacing = new CasePlanner(SMALL).plan(Integer.parseInt(row.get("case")))
          .pixelSpacing();
      double expected = area / (spacing * spacing);
      // Pixel centres sample the polygons: the count differs from the area by a boundary term.
      assertThat((double) voxels).as(row.get("roi_name")).isCloseTo(expected,
          org.assertj.core.data.Offset.offset(0.15 * expected + 6));
      String phase = row.get("annotated_phase").toLowerCase();
      double nominal = Double.parseDouble(row.get("nominal_hu_" + phase));
      double measured = Double.parseDouble(row.get("mean_hu_" + phase));
      // Noise is 10 HU per pixel; its mean over n pixels is within 4 SD / sqrt(n).
      assertThat(measured).isCloseTo(nominal,
          org.assertj.core.data.Offset.offset(40 / Math.sqrt(voxels) + 0.5));
    }
  }

  private static double shoelace(double[] p) {
    double twice = 0;
    int n = p.length / 3;
    for (int i = 0, j = n - 1; i < n; j = i++) {
      twice += p[3 * j] * p[3 * i + 1] - p[3 * i] * p[3 * j + 1];
    }
    return Math.abs(twice) / 2;
  }

  @Test
  void seriesTruthGivesEveryCtSeriesItsPhase() throws IOException {
    List<Map<String, String>> series = csv("truth_series.csv");
    long images = 0;
    for (Map<String, String> row : series) {
      assertThat(row.get("phase")).isIn("N", "A", "P", "D");
      assertThat(row.get("contrast")).isEqualTo(row.get("phase").equals("N") ? "false" : "true");
      images += Long.parseLong(row.get("slices"));
    }
    assertThat(images + SMALL.patients()).isEqualTo(summary.files());
  }

  @Test
  void dcmdumpReadsImagesAndStructureSetsWithoutComplaint() throws Exception {
    ExternalTool dcmdump = new ExternalTool("dcmdump");
    assumeTrue(dcmdump.isInstalled(), dcmdump.missing());
    for (Path file : List.of(dicomFiles(data).get(0), data.resolve("HCC_0001/401/001.dcm"))) {
      ExternalTool.Result result = dcmdump.run("-E", file);
      assertThat(result.exitCode()).as(result.stderr()).isZero();
      assertThat(result.stderr()).isEmpty();
      assertThat(result.stdout()).contains("OFFIS_DCMTK_364");
    }
  }

  @Test
  void dciodvfyFindsOnlyTheDeliberateQuirksOfTheRelease() throws Exception {
    ExternalTool dciodvfy = new ExternalTool("dciodvfy");
    assumeTrue(dciodvfy.isInstalled(), dciodvfy.missing());
    // The release's Accession Number is a 32-character hash in an SH (16 at most), and its ROIs
    // name the frame of reference "0": both are kept on purpose so readers cope with them.
    Set<String> deliberate = Set.of("Accession Number", "Referenced Frame of Reference UID",
        "Dicom dataset contains invalid data values for Value Representations");
    for (Path file : List.of(dicomFiles(data).get(0), data.resolve("HCC_0001/401/001.dcm"))) {
      ExternalTool.Result result = dciodvfy.run(file);
      List<String> errors = (result.stdout() + result.stderr()).lines()
          .filter(line -> line.startsWith("Error"))
          .filter(line -> deliberate.stream().noneMatch(line::contains))
          .collect(Collectors.toList());
      assertThat(errors).as(file.toString()).isEmpty();
    }
  }
}
