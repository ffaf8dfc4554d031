package dicomsql.engine.dicom;

import java.util.Map;
import java.util.function.Function;
import java.util.stream.Collectors;
import java.util.stream.Stream;

/**
 * A transfer syntax: how the data set after the file meta group is encoded (VR explicit or
 * implicit, byte order, deflate) and whether pixel data is encapsulated in fragments.
 */
public record TransferSyntax(
    String uid,
    String name,
    boolean explicitVr,
    boolean bigEndian,
    boolean deflated,
    boolean encapsulated) {

  public static final TransferSyntax IMPLICIT_VR_LITTLE_ENDIAN =
      new TransferSyntax("1.2.840.10008.1.2", "Implicit VR Little Endian", false, false, false,
          false);
  public static final TransferSyntax EXPLICIT_VR_LITTLE_ENDIAN =
      new TransferSyntax("1.2.840.10008.1.2.1", "Explicit VR Little Endian", true, false, false,
          false);
  public static final TransferSyntax DEFLATED_EXPLICIT_VR_LITTLE_ENDIAN =
      new TransferSyntax("1.2.840.10008.1.2.1.99", "Deflated Explicit VR Little Endian", true,
          false, true, false);
  public static final TransferSyntax EXPLICIT_VR_BIG_ENDIAN =
      new TransferSyntax("1.2.840.10008.1.2.2", "Explicit VR Big Endian", true, true, false,
          false);
  public static final TransferSyntax RLE_LOSSLESS =
      encapsulated("1.2.840.10008.1.2.5", "RLE Lossless");

  public static final TransferSyntax ENCAPSULATED_UNCOMPRESSED =
      encapsulated("1.2.840.10008.1.2.1.98",
          "Encapsulated Uncompressed Explicit VR Little Endian");

  private static final Map<String, TransferSyntax> KNOWN = Stream.of(
          IMPLICIT_VR_LITTLE_ENDIAN,
          EXPLICIT_VR_LITTLE_ENDIAN,
          DEFLATED_EXPLICIT_VR_LITTLE_ENDIAN,
          EXPLICIT_VR_BIG_ENDIAN,
          RLE_LOSSLESS,
          ENCAPSULATED_UNCOMPRESSED,
          encapsulated("1.2.840.10008.1.2.4.50", "JPEG Baseline (Process 1)"),
          encapsulated("1.2.840.10008.1.2.4.51", "JPEG Extended (Process 2 & 4)"),
          encapsulated("1.2.840.10008.1.2.4.57", "JPEG Lossless, Non-Hierarchical (Process 14)"),
          encapsulated("1.2.840.10008.1.2.4.70", "JPEG Lossless, First-Order Prediction"),
          encapsulated("1.2.840.10008.1.2.4.80", "JPEG-LS Lossless"),
          encapsulated("1.2.840.10008.1.2.4.81", "JPEG-LS Near-Lossless"),
          encapsulated("1.2.840.10008.1.2.4.90", "JPEG 2000 Image Compression (Lossless Only)"),
          encapsulated("1.2.840.10008.1.2.4.91", "JPEG 2000 Image Compression"),
          encapsulated("1.2.840.10008.1.2.4.92",
              "JPEG 2000 Part 2 Multi-component (Lossless Only)"),
          encapsulated("1.2.840.10008.1.2.4.93", "JPEG 2000 Part 2 Multi-component"),
          encapsulated("1.2.840.10008.1.2.4.100", "MPEG2 Main Profile / Main Level"),
          encapsulated("1.2.840.10008.1.2.4.102", "MPEG-4 AVC/H.264 High Profile / Level 4.1"),
          encapsulated("1.2.840.10008.1.2.4.201", "High-Throughput JPEG 2000 (Lossless Only)"),
          encapsulated("1.2.840.10008.1.2.4.202", "High-Throughput JPEG 2000 with RPCL (Lossless)"),
          encapsulated("1.2.840.10008.1.2.4.203", "High-Throughput JPEG 2000"))
      .collect(Collectors.toUnmodifiableMap(TransferSyntax::uid, Function.identity()));

  private static TransferSyntax encapsulated(String uid, String name) {
    return new TransferSyntax(uid, name, true, false, false, true);
  }

  /**
   * The transfer syntax with this UID. An unknown UID is taken as explicit VR little endian, the
   * encoding every later syntax uses; whether its pixel data is encapsulated is then told by the
   * pixel data's undefined length, as the reader does for every syntax.
   */
  public static TransferSyntax of(String uid) {
    TransferSyntax known = KNOWN.get(uid);
    if (known != null) {
      return known;
    }
    return new TransferSyntax(uid, "unknown transfer syntax " + uid, true, false, false, true);
  }

  public boolean isKnown() {
    return KNOWN.containsKey(uid);
  }

  @Override
  public String toString() {
    return name + " (" + uid + ")";
  }
}
