package dicomsql.engine.index;

import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.DataInputStream;
import java.io.DataOutputStream;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.List;

/**
 * What the index keeps of an RT Structure Set besides its contours' points: label, date, the
 * frame of reference and series it references, and per ROI what the ROI sequences say and which
 * images its contours were drawn on (to link the ROI to its series).
 */
public record StructureSetFacts(String label, LocalDate date, String frameOfReferenceUid,
    String referencedSeriesUid, List<Roi> rois) {

  /** One ROI, joined from the three ROI sequences by ROI number. */
  public record Roi(Integer number, String name, String generationAlgorithm, String interpretedType,
      String color, int contourCount, int pointCount, List<String> referencedSopUids,
      double zMin, double zMax) {}

  public byte[] encode() {
    ByteArrayOutputStream bytes = new ByteArrayOutputStream(256);
    try (DataOutputStream out = new DataOutputStream(bytes)) {
      writeString(out, label);
      out.writeLong(date == null ? Long.MIN_VALUE : date.toEpochDay());
      writeString(out, frameOfReferenceUid);
      writeString(out, referencedSeriesUid);
      out.writeInt(rois.size());
      for (Roi roi : rois) {
        out.writeBoolean(roi.number() != null);
        out.writeInt(roi.number() == null ? 0 : roi.number());
        writeString(out, roi.name());
        writeString(out, roi.generationAlgorithm());
        writeString(out, roi.interpretedType());
        writeString(out, roi.color());
        out.writeInt(roi.contourCount());
        out.writeInt(roi.pointCount());
        out.writeInt(roi.referencedSopUids().size());
        for (String uid : roi.referencedSopUids()) {
          writeString(out, uid);
        }
        out.writeDouble(roi.zMin());
        out.writeDouble(roi.zMax());
      }
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
    return bytes.toByteArray();
  }

  public static StructureSetFacts decode(byte[] bytes) {
    try (DataInputStream in = new DataInputStream(new ByteArrayInputStream(bytes))) {
      String label = readString(in);
      long day = in.readLong();
      String frame = readString(in);
      String series = readString(in);
      int count = in.readInt();
      List<Roi> rois = new ArrayList<>(count);
      for (int i = 0; i < count; i++) {
        boolean hasNumber = in.readBoolean();
        int number = in.readInt();
        String name = readString(in);
        String algorithm = readString(in);
        String type = readString(in);
        String color = readString(in);
        int contours = in.readInt();
        int points = in.readInt();
        int references = in.readInt();
        List<String> uids = new ArrayList<>(references);
        for (int k = 0; k < references; k++) {
          uids.add(readString(in));
        }
        rois.add(new Roi(hasNumber ? number : null, name, algorithm, type, color, contours,
            points, uids, in.readDouble(), in.readDouble()));
      }
      return new StructureSetFacts(label, day == Long.MIN_VALUE ? null : LocalDate.ofEpochDay(day),
          frame, series, rois);
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  /** Longest text kept: far beyond what any VR here allows, and within writeUTF's limit. */
  private static final int MAX_TEXT = 16_000;

  private static void writeString(DataOutputStream out, String value) throws IOException {
    out.writeBoolean(value != null);
    if (value != null) {
      out.writeUTF(value.length() > MAX_TEXT ? value.substring(0, MAX_TEXT) : value);
    }
  }

  private static String readString(DataInputStream in) throws IOException {
    return in.readBoolean() ? in.readUTF() : null;
  }
}
