package dicomsql.connector.rows;

import java.util.Arrays;

/**
 * Numbers the distinct keys met, each a fixed number of longs, in an open-addressing hash
 * table of primitive arrays: grouping rows by numeric columns makes no object per row. A key's
 * values are the columns' raw values (0 where null) followed by a word of null bits, so that a
 * null is a value of its own, equal only to itself, as SQL groups it.
 */
final class GroupKeys {
  private final int width;
  /** The keys by group number, {@code width} longs each. */
  private long[] keys;
  private int[] hashes;
  /** Group numbers by slot; -1 where free. */
  private int[] slots;
  private int size;

  GroupKeys(int width) {
    this.width = width;
    this.keys = new long[16 * width];
    this.hashes = new int[16];
    this.slots = new int[32];
    Arrays.fill(slots, -1);
  }

  /** How many distinct keys were met. */
  int size() {
    return size;
  }

  /** The group number of this key (the first {@code width} longs), numbered anew if new. */
  int groupOf(long[] key) {
    int hash = hash(key);
    int mask = slots.length - 1;
    for (int slot = hash & mask; ; slot = (slot + 1) & mask) {
      int group = slots[slot];
      if (group < 0) {
        slots[slot] = size;
        return add(key, hash);
      }
      if (hashes[group] == hash && equal(group, key)) {
        return group;
      }
    }
  }

  /** A loop of its own: for keys of a few longs, faster than a checked range comparison. */
  private boolean equal(int group, long[] key) {
    int start = group * width;
    for (int i = 0; i < width; i++) {
      if (keys[start + i] != key[i]) {
        return false;
      }
    }
    return true;
  }

  /** Value {@code at} of a group's key. */
  long value(int group, int at) {
    return keys[group * width + at];
  }

  private int add(long[] key, int hash) {
    if (size == hashes.length) {
      keys = Arrays.copyOf(keys, 2 * keys.length);
      hashes = Arrays.copyOf(hashes, 2 * hashes.length);
    }
    System.arraycopy(key, 0, keys, size * width, width);
    hashes[size] = hash;
    int group = size++;
    if (2 * size > slots.length) {
      rehash();
    }
    return group;
  }

  private void rehash() {
    slots = new int[2 * slots.length];
    Arrays.fill(slots, -1);
    int mask = slots.length - 1;
    for (int group = 0; group < size; group++) {
      int slot = hashes[group] & mask;
      while (slots[slot] >= 0) {
        slot = (slot + 1) & mask;
      }
      slots[slot] = group;
    }
  }

  /** Mixed so that keys differing only in high bits (doubles' bits) fall in different slots. */
  private int hash(long[] key) {
    long h = 0;
    for (int i = 0; i < width; i++) {
      h = h * 0x9E3779B97F4A7C15L + key[i];
    }
    h = (h ^ (h >>> 33)) * 0xFF51AFD7ED558CCDL;
    h = (h ^ (h >>> 33)) * 0xC4CEB9FE1A85EC53L;
    return (int) (h ^ (h >>> 33));
  }
}
