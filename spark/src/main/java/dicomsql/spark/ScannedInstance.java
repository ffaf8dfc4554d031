package dicomsql.spark;

import dicomsql.engine.index.ScannedFile;
import dicomsql.engine.index.Tables;
import java.io.Serializable;

/**
 * What the derivation job keeps of a file that is an instance: its path, its instance row
 * (hidden columns included: series, studies and patients are derived from them) and, for an
 * RT Structure Set, the encoded facts the structure set and ROI rows are derived from.
 */
record ScannedInstance(String path, Object[] instance, byte[] structureSet)
    implements Serializable {
  private static final int SOP_UID = Tables.INSTANCES.indexOf("sop_uid");
  private static final int SERIES_UID = Tables.INSTANCES.indexOf("series_uid");
  private static final int STUDY_UID = Tables.INSTANCES.indexOf("study_uid");

  /** The instance of a scanned file, or null when the file gave none. */
  static ScannedInstance of(ScannedFile scanned) {
    if (scanned.instance() == null) {
      return null;
    }
    return new ScannedInstance(scanned.path(), scanned.instance(),
        scanned.structureSet() == null ? null : scanned.structureSet().encode());
  }

  String sopUid() {
    return (String) instance[SOP_UID];
  }

  String seriesUid() {
    return (String) instance[SERIES_UID];
  }

  String studyUid() {
    return (String) instance[STUDY_UID];
  }
}
