package dicomsql.jdbc;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.charset.StandardCharsets;
import org.junit.jupiter.api.Test;

class CancelRequestTest {
  @Test
  void readsBackWhatItWrites() {
    CancelRequest request = new CancelRequest("0f8c2c9e-5d1a-4a7e-9a43-3f1c7b1f5e11", 42);
    assertThat(new String(request.body(), StandardCharsets.UTF_8))
        .isEqualTo("0f8c2c9e-5d1a-4a7e-9a43-3f1c7b1f5e11 42");
    assertThat(CancelRequest.parse(request.body())).isEqualTo(request);
  }

  @Test
  void findsNoRequestInOtherBodies() {
    for (String body : new String[] {"", "abc", "abc def", "abc 1 2", " 7"}) {
      assertThat(CancelRequest.parse(body.getBytes(StandardCharsets.UTF_8))).as(body).isNull();
    }
  }
}
