package dicomsql.server;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import org.junit.jupiter.api.Test;

class PasswordHashTest {
  @Test
  void matchesThePbkdf2Sha256TestVectorOfRfc7914() {
    // RFC 7914 section 11: PBKDF2-HMAC-SHA256, P="passwd", S="salt", c=1; the first 32 bytes
    // 55ac046e...c20dacbc, here in Base64.
    PasswordHash hash = PasswordHash.parse("pbkdf2-sha256:1:c2FsdA==:"
        + "VawEblbjCJ/sFpHCJUS2BflBhSFt3gRl5oudV8INrLw=");
    assertThat(hash.matches("passwd".toCharArray())).isTrue();
    assertThat(hash.matches("passwe".toCharArray())).isFalse();
  }

  @Test
  void writesWhatItReadsWithAFreshSaltEachTime() {
    PasswordHash first = PasswordHash.of("s3cret".toCharArray(), 1000);
    PasswordHash again = PasswordHash.parse(first.format());
    assertThat(again).isEqualTo(first);
    assertThat(again.matches("s3cret".toCharArray())).isTrue();
    assertThat(PasswordHash.of("s3cret".toCharArray(), 1000).salt()).isNotEqualTo(first.salt());
    assertThat(first.format()).startsWith("pbkdf2-sha256:1000:");
  }

  @Test
  void refusesWhatIsNotItsFormat() {
    assertThatThrownBy(() -> PasswordHash.parse("md5:abc"))
        .hasMessageContaining("expected pbkdf2-sha256:ITERATIONS:SALT:HASH");
    assertThatThrownBy(() -> PasswordHash.parse("pbkdf2-sha256:many:AA==:AA=="))
        .hasMessageContaining("iteration count");
  }
}
