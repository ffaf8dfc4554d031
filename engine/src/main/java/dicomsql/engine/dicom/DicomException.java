package dicomsql.engine.dicom;

import java.io.IOException;

/**
 * A file that is not valid DICOM, or not in a way we can read, with what was wrong and where: the
 * byte offset, the innermost element being read, and the file when known. Every failure of the
 * reader on bad bytes is one of these, never an unchecked exception.
 */
public class DicomException extends IOException {
  private final String problem;
  private final long offset;
  private final int tag;
  private final String file;

  public DicomException(String problem) {
    this(problem, -1, -1, null, null);
  }

  public DicomException(String problem, long offset) {
    this(problem, offset, -1, null, null);
  }

  public DicomException(String problem, long offset, int tag) {
    this(problem, offset, tag, null, null);
  }

  protected DicomException(String problem, long offset, int tag, String file, Throwable cause) {
    super(problem, cause);
    this.problem = problem;
    this.offset = offset;
    this.tag = tag;
    this.file = file;
  }

  /** The file's data ends at {@code offset}, before what its headers declare. */
  static DicomException truncated(long offset) {
    return new DicomException("truncated", offset);
  }

  /** What went wrong, without where. */
  public String problem() {
    return problem;
  }

  /** Byte offset in the file (in the inflated stream for deflated files), or -1. */
  public long offset() {
    return offset;
  }

  /** The innermost element being read, or -1. */
  public int tag() {
    return tag;
  }

  /** The file, or null when reading a stream. */
  public String file() {
    return file;
  }

  /** This failure located inside element {@code tag}, unless it already names an element. */
  public DicomException inside(int elementTag) {
    if (tag != -1 || elementTag == -1) {
      return this;
    }
    return copy(problem, offset, elementTag, file);
  }

  /** This failure attributed to {@code path}, unless it already names a file. */
  public DicomException inFile(String path) {
    if (file != null) {
      return this;
    }
    return copy(problem, offset, tag, path);
  }

  protected DicomException copy(String problem, long offset, int tag, String file) {
    DicomException copy = new DicomException(problem, offset, tag, file, getCause());
    copy.setStackTrace(getStackTrace());
    return copy;
  }

  /**
   * What and where, without the file: {@code truncated at byte 700 inside (7FE0,0010)} — the
   * form of the {@code scan_errors.error} column.
   */
  public String detail() {
    StringBuilder text = new StringBuilder(problem);
    if (offset >= 0) {
      text.append(" at byte ").append(offset);
    }
    if (tag != -1) {
      text.append(" inside ").append(Tag.toString(tag));
    }
    return text.toString();
  }

  @Override
  public String getMessage() {
    return file == null ? detail() : file + ": " + detail();
  }
}
