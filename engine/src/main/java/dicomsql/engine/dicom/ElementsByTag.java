package dicomsql.engine.dicom;

import java.util.ArrayList;
import java.util.Collections;
import java.util.List;

/**
 * The elements of a data set in (unsigned) tag order, in a list searched by halving. Files
 * store elements in that order, so reading one appends each element without a search; against
 * a tree this makes no node and no boxed key per element, which an index build does for every
 * element of every file.
 */
final class ElementsByTag {
  private final List<Element> elements = new ArrayList<>();

  Element get(int tag) {
    int at = find(tag);
    return at >= 0 ? elements.get(at) : null;
  }

  boolean contains(int tag) {
    return find(tag) >= 0;
  }

  int size() {
    return elements.size();
  }

  /** The elements in tag order, unmodifiable. */
  List<Element> values() {
    return Collections.unmodifiableList(elements);
  }

  /** Adds the element unless one with its tag is there; returns whether it was added. */
  boolean putIfAbsent(Element element) {
    int at = find(element.tag());
    if (at >= 0) {
      return false;
    }
    elements.add(-at - 1, element);
    return true;
  }

  /** Adds the element, replacing the one with its tag. */
  void put(Element element) {
    int at = find(element.tag());
    if (at >= 0) {
      elements.set(at, element);
    } else {
      elements.add(-at - 1, element);
    }
  }

  void remove(int tag) {
    int at = find(tag);
    if (at >= 0) {
      elements.remove(at);
    }
  }

  /** Where the tag is, or {@code -(where it would go) - 1}; the last place is tried first. */
  private int find(int tag) {
    int high = elements.size() - 1;
    if (high < 0 || Integer.compareUnsigned(elements.get(high).tag(), tag) < 0) {
      return -(high + 1) - 1;
    }
    int low = 0;
    while (low <= high) {
      int mid = (low + high) >>> 1;
      int cmp = Integer.compareUnsigned(elements.get(mid).tag(), tag);
      if (cmp < 0) {
        low = mid + 1;
      } else if (cmp > 0) {
        high = mid - 1;
      } else {
        return mid;
      }
    }
    return -low - 1;
  }
}
