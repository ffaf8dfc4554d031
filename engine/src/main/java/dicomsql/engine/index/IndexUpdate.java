package dicomsql.engine.index;

/** What opening an index did to it: built it, refreshed it, or left it as it was, and why. */
public record IndexUpdate(Kind kind, int filesChanged, double seconds, String note) {
  /** What happened. */
  public enum Kind {
    /** Read the whole data root into a new index. */
    BUILT,
    /** Read what changed since the last build or refresh. */
    REFRESHED,
    /** Nothing had changed. */
    UNCHANGED,
    /** Not brought up to date; {@code note} says why. */
    NOT_REFRESHED
  }
}
