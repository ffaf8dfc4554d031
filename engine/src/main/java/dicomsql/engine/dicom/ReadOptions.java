package dicomsql.engine.dicom;

import java.util.Arrays;

/**
 * What a {@link DicomReader} reads: everything, everything before the pixel data, or only some
 * top-level elements (whose other values are skipped without being decoded; reading stops once
 * the tags are past the greatest wanted one, since top-level elements come in ascending order).
 * Nested elements of a wanted sequence are always all read.
 */
public final class ReadOptions {
  private static final ReadOptions ALL = new ReadOptions(false, null);
  private static final ReadOptions HEADERS = new ReadOptions(true, null);

  private final boolean stopBeforePixelData;
  private final int[] tags;
  private final int topLevelValueCap;

  private ReadOptions(boolean stopBeforePixelData, int[] sortedTags) {
    this(stopBeforePixelData, sortedTags, 0);
  }

  private ReadOptions(boolean stopBeforePixelData, int[] sortedTags, int topLevelValueCap) {
    this.stopBeforePixelData = stopBeforePixelData;
    this.tags = sortedTags;
    this.topLevelValueCap = topLevelValueCap;
  }

  /**
   * These options, reading at most {@code bytes} of a top-level value and skipping the rest,
   * so that one huge element cannot exhaust the memory; the data set knows which values were
   * cut ({@link DataSet#isCut}).
   */
  public ReadOptions withTopLevelValueCap(int bytes) {
    return new ReadOptions(stopBeforePixelData, tags, bytes);
  }

  /** At most this many bytes of a top-level value are read; 0: no limit. */
  int topLevelValueCap() {
    return topLevelValueCap;
  }

  /** Every element, pixel data included. */
  public static ReadOptions all() {
    return ALL;
  }

  /** Every element before the pixel data; the pixel data's length is still checked. */
  public static ReadOptions stopBeforePixelData() {
    return HEADERS;
  }

  /** Only these top-level elements (and everything nested in them), never the pixel data. */
  public static ReadOptions onlyTags(int... tags) {
    int[] sorted = new int[tags.length];
    for (int i = 0; i < tags.length; i++) {
      sorted[i] = tags[i] ^ Integer.MIN_VALUE;
    }
    Arrays.sort(sorted);
    return new ReadOptions(true, sorted);
  }

  public boolean isStopBeforePixelData() {
    return stopBeforePixelData;
  }

  /** Whether a top-level element with this tag is to be read. */
  boolean wants(int tag) {
    return tags == null || Arrays.binarySearch(tags, tag ^ Integer.MIN_VALUE) >= 0;
  }

  /** Whether no wanted top-level element can follow this tag. */
  boolean isPastLastWanted(int tag) {
    return tags != null && (tags.length == 0 || (tag ^ Integer.MIN_VALUE) > tags[tags.length - 1]);
  }
}
