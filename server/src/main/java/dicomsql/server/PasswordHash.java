package dicomsql.server;

import java.security.GeneralSecurityException;
import java.security.MessageDigest;
import java.security.SecureRandom;
import java.util.Arrays;
import java.util.Base64;
import javax.crypto.SecretKeyFactory;
import javax.crypto.spec.PBEKeySpec;

/**
 * A salted, slow hash of a password: PBKDF2 with HMAC-SHA256, a random 16-byte salt per user
 * and the iteration count stored beside it (so that it can be raised for new users without
 * breaking old entries). Written as {@code pbkdf2-sha256:ITERATIONS:SALT:HASH} (Base64).
 */
record PasswordHash(int iterations, byte[] salt, byte[] hash) {
  static final String SCHEME = "pbkdf2-sha256";
  /** OWASP's 2023 recommendation for PBKDF2-HMAC-SHA256. */
  static final int ITERATIONS = 600_000;
  private static final int SALT_BYTES = 16;
  private static final int HASH_BITS = 256;
  private static final SecureRandom RANDOM = new SecureRandom();

  static PasswordHash of(char[] password, int iterations) {
    byte[] salt = new byte[SALT_BYTES];
    RANDOM.nextBytes(salt);
    return new PasswordHash(iterations, salt, derive(password, salt, iterations));
  }

  /** Parses {@code pbkdf2-sha256:ITERATIONS:SALT:HASH}; an IllegalArgumentException if not. */
  static PasswordHash parse(String text) {
    String[] parts = text.split(":");
    if (parts.length != 4 || !parts[0].equals(SCHEME)) {
      throw new IllegalArgumentException("expected " + SCHEME + ":ITERATIONS:SALT:HASH");
    }
    try {
      int iterations = Integer.parseInt(parts[1]);
      if (iterations < 1) {
        throw new IllegalArgumentException("the iteration count must be positive");
      }
      return new PasswordHash(iterations, Base64.getDecoder().decode(parts[2]),
          Base64.getDecoder().decode(parts[3]));
    } catch (NumberFormatException e) {
      throw new IllegalArgumentException("the iteration count is not a number", e);
    }
  }

  /** Whether the password gives this hash, compared in constant time. */
  boolean matches(char[] password) {
    return MessageDigest.isEqual(hash, derive(password, salt, iterations));
  }

  String format() {
    Base64.Encoder base64 = Base64.getEncoder();
    return SCHEME + ":" + iterations + ":" + base64.encodeToString(salt) + ":"
        + base64.encodeToString(hash);
  }

  private static byte[] derive(char[] password, byte[] salt, int iterations) {
    PBEKeySpec spec = new PBEKeySpec(password, salt, iterations, HASH_BITS);
    try {
      return SecretKeyFactory.getInstance("PBKDF2WithHmacSHA256").generateSecret(spec)
          .getEncoded();
    } catch (GeneralSecurityException e) {
      throw new IllegalStateException("PBKDF2WithHmacSHA256 is missing from this Java", e);
    } finally {
      spec.clearPassword();
    }
  }

  @Override
  public boolean equals(Object other) {
    return other instanceof PasswordHash that && iterations == that.iterations
        && Arrays.equals(salt, that.salt) && Arrays.equals(hash, that.hash);
  }

  @Override
  public int hashCode() {
    return 31 * Arrays.hashCode(salt) + Arrays.hashCode(hash);
  }

  @Override
  public String toString() {
    return SCHEME + ":" + iterations + ":…";
  }
}
