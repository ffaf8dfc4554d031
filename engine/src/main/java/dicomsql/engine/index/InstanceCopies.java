package dicomsql.engine.index;

import java.util.function.Consumer;
import org.roaringbitmap.RoaringBitmap;

/**
 * The rule for files that share a SOP Instance UID (a copied structure set, a slice saved
 * twice): the copy with the smallest path is the instance; every other copy keeps its
 * {@code instances} row, with {@code duplicate_of} naming that path, and gives nothing else: no
 * structure set, ROI or contour rows, no place in its series' counts or image stacks. So no key
 * repeats and nothing is counted or filled twice, whatever order files come and go in.
 */
final class InstanceCopies {
  private static final TableDefinition I = Tables.INSTANCES;
  private static final int PATH = I.indexOf("path");
  private static final int SOP_UID = I.indexOf("sop_uid");
  private static final int SERIES_UID = I.indexOf("series_uid");
  static final int DUPLICATE_OF = I.indexOf("duplicate_of");

  private final IndexStore store;
  private final TableStore instances;

  InstanceCopies(IndexStore store) {
    this.store = store;
    this.instances = store.table(I);
  }

  /** Whether an instance row is a copy of another file's instance. */
  static boolean isCopy(Object[] instance) {
    return instance[DUPLICATE_OF] != null;
  }

  /** The rows among {@code rows} that are instances, not copies. */
  static RoaringBitmap withoutCopies(TableStore table, RoaringBitmap rows) {
    return RoaringBitmap.and(rows, table.nulls(DUPLICATE_OF));
  }

  /**
   * Settles the standing of a file about to be stored: returns the path of the instance it is
   * a copy of, or null when it is the instance itself. In that case the stored copies of its
   * SOP Instance UID are made to name it, and one that was the instance until now loses its
   * structure set and contours; its series is handed to {@code demotedSeries}.
   */
  String instanceFor(String path, String sopUid, Consumer<String> demotedSeries) {
    if (sopUid == null) {
      return null;
    }
    RoaringBitmap copies = instances.equal(SOP_UID, sopUid);
    for (int id : copies) {
      Object[] row = instances.get(id);
      if (!isCopy(row) && ((String) row[PATH]).compareTo(path) < 0) {
        return (String) row[PATH];
      }
    }
    for (int id : copies) {
      Object[] row = instances.get(id);
      if (!isCopy(row)) {
        demotedSeries.accept((String) row[SERIES_UID]);
      }
      pointAt(id, row, path);
    }
    return null;
  }

  /**
   * The copy that is to become the instance of {@code sopUid} now that the instance is gone:
   * the one with the smallest path, or null when no copy is left.
   */
  String successor(String sopUid) {
    String smallest = null;
    for (int id : instances.equal(SOP_UID, sopUid)) {
      String path = (String) instances.get(id, PATH + 1)[PATH];
      if (smallest == null || path.compareTo(smallest) < 0) {
        smallest = path;
      }
    }
    return smallest;
  }

  /**
   * Rewrites a stored row to name {@code instancePath}; a row that was the instance also drops
   * what only an instance gives. The row gets a new id, which its file state records.
   */
  private void pointAt(int id, Object[] row, String instancePath) {
    String path = (String) row[PATH];
    long[] state = store.files().get(path).clone();
    if (!isCopy(row)) {
      store.structureSets().remove(id);
      store.roiLinks().remove(id);
      TableStore contours = store.table(Tables.CONTOURS);
      for (long contour = state[4]; contour >= 0 && contour < state[4] + state[5]; contour++) {
        contours.remove((int) contour);
      }
      state[4] = -1;
      state[5] = 0;
    }
    row[DUPLICATE_OF] = instancePath;
    instances.remove(id);
    state[3] = instances.add(row);
    store.files().put(path, state);
  }
}
