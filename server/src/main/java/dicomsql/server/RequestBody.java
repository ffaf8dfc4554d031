package dicomsql.server;

import java.io.IOException;
import java.io.InputStream;
import java.util.Arrays;

/** The bytes of a request to {@link ProtobufEndpoint}. */
final class RequestBody {
  /** A prepared lookup's run is under 1 KB; a statement's text rarely needs more than this. */
  static final int SMALL = 64 * 1024;

  private RequestBody() {}

  /**
   * Reads the request. A small one is read straight into an array of the length the client
   * declared (every Avatica client declares one), where {@code readAllBytes} would read into
   * buffers and copy them; a large or undeclared one ({@code declaredLength} -1) is read as it
   * comes, so that a declared length alone never makes the server allocate. A request that
   * ends early gives the bytes that came.
   */
  static byte[] read(InputStream input, long declaredLength) throws IOException {
    if (declaredLength < 0 || declaredLength > SMALL) {
      return input.readAllBytes();
    }
    byte[] body = new byte[(int) declaredLength];
    int read = input.readNBytes(body, 0, body.length);
    return read == body.length ? body : Arrays.copyOf(body, read);
  }
}
