package dicomsql.shell;

import static org.assertj.core.api.Assertions.assertThat;

import dicomsql.engine.synth.DatasetGenerator;
import dicomsql.engine.synth.SynthOptions;
import java.awt.image.BufferedImage;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.ResultSet;
import java.sql.Statement;
import java.util.List;
import javax.imageio.ImageIO;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class PngExportTest {
  @TempDir
  Path tmp;

  @Test
  void writesEachPngOfAQueryNamedAfterItsRow() throws Exception {
    Path data = tmp.resolve("data");
    new DatasetGenerator(new SynthOptions(1, 3, 48, 12, 1)).generate(data,
        DatasetGenerator.Listener.NONE);
    try (Connection connection = DriverManager.getConnection("jdbc:dicom:" + data + ";index="
        + tmp.resolve("index"));
        Statement statement = connection.createStatement()) {
      String slices = " FROM rois r, LATERAL TABLE(roi_slices(r.rtss_uid, r.roi_number)) x "
          + "WHERE r.roi_number = 1";
      List<Path> files;
      try (ResultSet rows = statement.executeQuery("SELECT x.sop_uid, roi_png(r.rtss_uid, "
          + "r.roi_number, x.sop_uid) AS png, x.pixel_count" + slices)) {
        files = PngExport.write(rows, tmp.resolve("png")).files();
      }
      assertThat(files).isNotEmpty().allSatisfy(file -> {
        assertThat(file.getFileName().toString()).matches("[0-9.]+\\.png");
        BufferedImage image = ImageIO.read(file.toFile());
        assertThat(image.getWidth()).isEqualTo(48);
      });
      try (ResultSet rows = statement.executeQuery("SELECT roi_png(r.rtss_uid, r.roi_number, "
          + "x.sop_uid), CAST(NULL AS VARBINARY), x'00'" + slices + " LIMIT 2")) {
        assertThat(PngExport.write(rows, tmp.resolve("numbered")).files())
            .extracting(file -> file.getFileName().toString())
            .containsExactly("row1_roi_png.png", "row2_roi_png.png");
      }
    }
  }
}
