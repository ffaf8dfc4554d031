package dicomsql.spark;

import dicomsql.engine.phase.PhaseKeywords;
import dicomsql.engine.phase.PhaseRules;
import java.io.IOException;
import java.io.Serializable;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;

/**
 * What a read is over: the data root (a folder every executor sees at the same path), the
 * phase rules (the built-in ones, or a user's rules file, read once on the driver and shipped
 * to the executors), how many file lists to split the root into (0: four per core), and
 * whether a read may reuse the last walk of the root while its folders are unchanged
 * ({@link Listings}).
 */
record DicomOptions(String root, PhaseRules rules, int partitions, boolean reuseListing)
    implements Serializable {
  static final String PATH = "path";
  static final String PHASE_RULES = "phaseRules";
  static final String PARTITIONS = "partitions";
  static final String LISTING = "listing";
  static final int FILES_PER_TASK = 10_000;

  /** Options as a data source or catalog is given them (keys in any case). */
  static DicomOptions of(Map<String, String> options) {
    String root = get(options, PATH);
    if (root == null || root.isBlank()) {
      throw new IllegalArgumentException("dicom needs the data folder: load(\"/data\") or the "
          + "option path (spark.sql.catalog.<name>.path for a catalog)");
    }
    Path folder = Path.of(root).toAbsolutePath().normalize();
    if (!Files.isDirectory(folder)) {
      throw new IllegalArgumentException("dicom: " + folder + " is not a folder");
    }
    String rulesFile = get(options, PHASE_RULES);
    PhaseRules rules;
    try {
      rules = rulesFile == null ? PhaseRules.builtIn()
          : new PhaseRules(PhaseKeywords.load(Path.of(rulesFile)));
    } catch (IOException e) {
      throw new IllegalArgumentException("dicom: " + e.getMessage(), e);
    }
    String partitions = get(options, PARTITIONS);
    int count;
    try {
      count = partitions == null ? 0 : Integer.parseInt(partitions.strip());
    } catch (NumberFormatException e) {
      count = -1;
    }
    if (count < 0) {
      throw new IllegalArgumentException("dicom: partitions must be a whole number of at least 1, "
          + "not " + partitions);
    }
    String listing = get(options, LISTING);
    if (listing != null && !listing.equalsIgnoreCase("reuse")
        && !listing.equalsIgnoreCase("walk")) {
      throw new IllegalArgumentException("dicom: listing must be reuse or walk, not " + listing);
    }
    return new DicomOptions(folder.toString(), rules, count,
        listing != null && listing.equalsIgnoreCase("reuse"));
  }

  private static String get(Map<String, String> options, String key) {
    for (Map.Entry<String, String> entry : options.entrySet()) {
      if (entry.getKey().equalsIgnoreCase(key)) {
        return entry.getValue();
      }
    }
    return null;
  }

  Path folder() {
    return Path.of(root);
  }

  /**
   * How many file lists for this many files on a cluster of this parallelism: unless set, four
   * per core, and more for a large root so that no task has more than {@link #FILES_PER_TASK}
   * files (the last tasks of a few long ones leave cores idle, and a task's rows are held in
   * memory together).
   */
  int partitionsFor(int files, int parallelism) {
    int wanted = partitions > 0 ? partitions : Math.max(4 * Math.max(1, parallelism),
        (files + FILES_PER_TASK - 1) / FILES_PER_TASK);
    return Math.max(1, Math.min(wanted, files));
  }
}
