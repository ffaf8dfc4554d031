package dicomsql.export;

import dicomsql.engine.dicom.DataSet;
import dicomsql.engine.dicom.DicomWriter;
import dicomsql.engine.dicom.Element;
import dicomsql.engine.dicom.Tag;
import dicomsql.engine.dicom.TransferSyntax;
import dicomsql.engine.dicom.VR;
import dicomsql.engine.synth.DatasetGenerator;
import dicomsql.engine.synth.SynthOptions;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.SQLException;
import java.util.ArrayList;
import java.util.List;

/**
 * The test data: a small generated dataset plus an oblique copy of one of its series (tilted
 * 20 degrees about the patient's x axis, same frame of reference), written with our
 * DicomWriter.
 */
final class ExportedData {
  static final String OBLIQUE_SERIES = "2.25.170000000000000000000000000000001";
  static final double TILT = Math.toRadians(20);

  private ExportedData() {}

  static void generate(Path data, int patients, long seed, int matrix) throws IOException {
    new DatasetGenerator(new SynthOptions(patients, seed, matrix, 0, 2)).generate(data,
        DatasetGenerator.Listener.NONE);
  }

  /** Writes the oblique copy of a series under {@code data/oblique}. */
  static void addObliqueCopy(Connection connection, Path data, String seriesUid)
      throws IOException, SQLException {
    List<List<Object>> files = Rows.of(connection, "SELECT path FROM instances WHERE"
        + " series_uid = '" + seriesUid + "' ORDER BY position_z");
    double zc = (double) Rows.of(connection, "SELECT (z_min + z_max) / 2 FROM series WHERE"
        + " series_uid = '" + seriesUid + "'").get(0).get(0);
    Path folder = Files.createDirectories(data.resolve("oblique"));
    double cos = Math.cos(TILT);
    double sin = Math.sin(TILT);
    for (int k = 0; k < files.size(); k++) {
      DataSet image = DataSet.read(data.resolve((String) files.get(k).get(0)));
      List<Integer> meta = new ArrayList<>();
      for (Element element : image) {
        if (element.tag() >>> 16 == 0x0002) {
          meta.add(element.tag());
        }
      }
      meta.forEach(image::remove);
      double[] p = image.getDoubles(Tag.ImagePositionPatient);
      double y = p[1];
      double z = p[2] - zc;
      image.putDouble(Tag.ImagePositionPatient, VR.DS, p[0], y * cos - z * sin,
          zc + y * sin + z * cos);
      image.putDouble(Tag.ImageOrientationPatient, VR.DS, 1, 0, 0, 0, cos, sin);
      image.putString(Tag.SeriesInstanceUID, VR.UI, OBLIQUE_SERIES);
      image.putString(Tag.SOPInstanceUID, VR.UI, OBLIQUE_SERIES + "." + (k + 1));
      new DicomWriter().write(folder.resolve("IM" + k + ".dcm"), image,
          TransferSyntax.EXPLICIT_VR_LITTLE_ENDIAN);
    }
  }
}
