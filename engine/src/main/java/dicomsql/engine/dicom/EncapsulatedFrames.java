package dicomsql.engine.dicom;

import java.util.List;

/**
 * Which fragments of encapsulated pixel data make each frame (PS3.5 A.4): as the Basic Offset
 * Table says when it is present, else all fragments for a single frame, else one fragment per
 * frame when the counts match. Anything else is refused, since guessing would mix frames.
 */
final class EncapsulatedFrames {
  private final List<byte[]> fragments;
  private final int[] firstFragment;

  private EncapsulatedFrames(List<byte[]> fragments, int[] firstFragment) {
    this.fragments = fragments;
    this.firstFragment = firstFragment;
  }

  /** {@code items} as stored: the Basic Offset Table (perhaps empty), then the fragments. */
  static EncapsulatedFrames of(List<byte[]> items, int frames) throws DicomException {
    if (items.size() < 2) {
      throw problem("encapsulated pixel data has no fragments");
    }
    byte[] table = items.get(0);
    List<byte[]> fragments = items.subList(1, items.size());
    int[] first = new int[frames + 1];
    first[frames] = fragments.size();
    if (table.length > 0) {
      mapOffsets(table, fragments, first);
    } else if (frames > 1 && fragments.size() != frames) {
      throw problem(frames + " frames in " + fragments.size()
          + " fragments and an empty Basic Offset Table: which fragments make which frame "
          + "is unknown");
    } else {
      for (int frame = 1; frame < frames; frame++) {
        first[frame] = frame;
      }
    }
    return new EncapsulatedFrames(fragments, first);
  }

  /** Sets {@code first[i]} to the fragment at which the table says frame {@code i} starts. */
  private static void mapOffsets(byte[] table, List<byte[]> fragments, int[] first)
      throws DicomException {
    int frames = first.length - 1;
    if (table.length != 4 * frames) {
      throw problem("the Basic Offset Table has " + table.length + " bytes, not 4 for each of "
          + frames + " frames");
    }
    int fragment = 0;
    long position = 0;
    for (int frame = 0; frame < frames; frame++) {
      long offset = Bytes.intLE(table, 4 * frame) & 0xFFFFFFFFL;
      while (fragment < fragments.size() && position < offset) {
        // Offsets count from the first fragment's item tag; each item has an 8-byte header.
        position += 8 + fragments.get(fragment).length;
        fragment++;
      }
      boolean afterPrevious = frame == 0 || fragment > first[frame - 1];
      if (position != offset || fragment == fragments.size() || !afterPrevious) {
        throw problem("the Basic Offset Table puts frame " + (frame + 1) + " at byte " + offset
            + ", which is not the start of a fragment after the previous frame's");
      }
      first[frame] = fragment;
    }
  }

  private static DicomException problem(String text) {
    return new DicomException(text, -1, Tag.PixelData);
  }

  int frameCount() {
    return firstFragment.length - 1;
  }

  /** The bytes of frame {@code index}: its fragment, or its fragments joined. */
  byte[] frame(int index) {
    int from = firstFragment[index];
    int to = firstFragment[index + 1];
    if (to - from == 1) {
      return fragments.get(from);
    }
    int length = 0;
    for (int i = from; i < to; i++) {
      length += fragments.get(i).length;
    }
    byte[] joined = new byte[length];
    for (int i = from, at = 0; i < to; at += fragments.get(i).length, i++) {
      System.arraycopy(fragments.get(i), 0, joined, at, fragments.get(i).length);
    }
    return joined;
  }
}
