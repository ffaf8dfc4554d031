package dicomsql.server;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.util.Arrays;
import org.junit.jupiter.api.Test;

class RequestBodyTest {
  private static byte[] bytes(int length) {
    byte[] bytes = new byte[length];
    Arrays.fill(bytes, (byte) 7);
    bytes[length - 1] = 9;
    return bytes;
  }

  @Test
  void readsASmallRequestOfItsDeclaredLength() throws IOException {
    byte[] sent = bytes(700);

    assertThat(RequestBody.read(new ByteArrayInputStream(sent), sent.length)).isEqualTo(sent);
  }

  @Test
  void readsARequestWithoutADeclaredLengthWhole() throws IOException {
    byte[] sent = bytes(700);

    assertThat(RequestBody.read(new ByteArrayInputStream(sent), -1)).isEqualTo(sent);
  }

  @Test
  void readsALargeRequestWhole() throws IOException {
    byte[] sent = bytes(RequestBody.SMALL + 1);

    assertThat(RequestBody.read(new ByteArrayInputStream(sent), sent.length)).isEqualTo(sent);
  }

  @Test
  void givesTheBytesThatCameWhenARequestEndsEarly() throws IOException {
    byte[] sent = bytes(100);

    assertThat(RequestBody.read(new ByteArrayInputStream(sent), 500)).isEqualTo(sent);
    assertThat(RequestBody.read(new ByteArrayInputStream(sent), Integer.MAX_VALUE))
        .isEqualTo(sent);
  }
}
