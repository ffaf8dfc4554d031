package dicomsql.engine.phase;

/** The contrast phases of a multiphase liver CT, in the order they are acquired. */
public enum Phase {
  /** Non-contrast (pre-contrast, plain). */
  N("non-contrast"),
  /** Arterial. */
  A("arterial"),
  /** Portal venous. */
  P("portal venous"),
  /** Delayed (equilibrium). */
  D("delayed");

  private final String label;

  Phase(String label) {
    this.label = label;
  }

  /** The phase's name in words, e.g. {@code portal venous}. */
  public String label() {
    return label;
  }
}
