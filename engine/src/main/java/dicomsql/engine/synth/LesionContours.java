package dicomsql.engine.synth;

import dicomsql.engine.dicom.DecimalStrings;
import java.util.ArrayList;
import java.util.List;

/**
 * Outlines a lesion the way a reader would on each slice of the annotated series that cuts it:
 * a polygon with its vertices on the ellipse of the cut, rounded to 0.01 mm as hand-drawn
 * contours are stored.
 */
final class LesionContours {
  private LesionContours() {}

  static List<Contour> outline(LesionPlan lesion, SeriesPlan series, double pixelSpacing) {
    List<Contour> contours = new ArrayList<>();
    for (int slice = 0; slice < series.sliceCount(); slice++) {
      double z = series.z(slice);
      double dz = (z - lesion.cz()) / lesion.rz();
      if (dz * dz >= 1) {
        continue;
      }
      double scale = Math.sqrt(1 - dz * dz);
      double a = lesion.rx() * scale;
      double b = lesion.ry() * scale;
      if (Math.min(a, b) < 0.75 * pixelSpacing) {
        continue;
      }
      double perimeter = Math.PI * (3 * (a + b) - Math.sqrt((3 * a + b) * (a + 3 * b)));
      int n = (int) Math.max(12, Math.min(128, Math.round(perimeter / Math.max(1, pixelSpacing))));
      double[] points = new double[n * 3];
      for (int k = 0; k < n; k++) {
        double t = 2 * Math.PI * k / n;
        double u = a * Math.cos(t);
        double v = b * Math.sin(t);
        points[3 * k] = hundredths(lesion.cx() + u * lesion.cos() - v * lesion.sin());
        points[3 * k + 1] = hundredths(lesion.cy() + u * lesion.sin() + v * lesion.cos());
        points[3 * k + 2] = DecimalStrings.asWritten(z);
      }
      contours.add(new Contour(slice, series.sopUids().get(slice), z, points));
    }
    return List.copyOf(contours);
  }

  private static double hundredths(double value) {
    return DecimalStrings.asWritten(Math.round(value * 100) / 100.0);
  }
}
