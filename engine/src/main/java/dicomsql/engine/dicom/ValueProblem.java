package dicomsql.engine.dicom;

/**
 * A value that breaks a rule of its VR, where it is: {@code path} names the element through its
 * sequences and items, e.g. {@code (3006,0039)[0].(3006,0040)[2].(3006,0050)}, items from 0.
 */
public record ValueProblem(String path, int tag, VR vr, String problem) {
  @Override
  public String toString() {
    return path + " " + vr + ": " + problem;
  }
}
