package dicomsql.engine.synth;

import java.math.BigInteger;
import java.util.Locale;

/**
 * UIDs and hashed identifiers derived from the seed and a path of names, so that the same seed
 * gives the same identifiers on every run and thread order never matters.
 */
final class Identifiers {
  private final long seed;

  Identifiers(long seed) {
    this.seed = seed;
  }

  /** 64 well-mixed bits for (seed, parts). */
  long hash(Object... parts) {
    long h = mix(seed ^ 0x9E3779B97F4A7C15L);
    for (Object part : parts) {
      String text = String.valueOf(part);
      for (int i = 0; i < text.length(); i++) {
        h = mix(h ^ text.charAt(i));
      }
      h = mix(h ^ 0xFF);
    }
    return h;
  }

  /** A UID under the UUID-derived root 2.25 (PS3.5 B.2): a 122-bit number in decimal. */
  String uid(Object... parts) {
    long high = hash(parts);
    long low = mix(high ^ 0x5851F42D4C957F2DL);
    BigInteger value = new BigInteger(1, toBytes(high & 0x03FFFFFFFFFFFFFFL, low));
    return "2.25." + value;
  }

  /** 32 lower-case hex digits, like the MD5 hashes the de-identification put in IDs. */
  String hex32(Object... parts) {
    long high = hash(parts);
    long low = mix(high ^ 0x2545F4914F6CDD1DL);
    return String.format(Locale.ROOT, "%016x%016x", high, low);
  }

  private static byte[] toBytes(long high, long low) {
    byte[] bytes = new byte[16];
    for (int i = 0; i < 8; i++) {
      bytes[i] = (byte) (high >>> (56 - 8 * i));
      bytes[8 + i] = (byte) (low >>> (56 - 8 * i));
    }
    return bytes;
  }

  /** splitmix64's finalizer. */
  static long mix(long z) {
    z = (z ^ (z >>> 30)) * 0xBF58476D1CE4E5B9L;
    z = (z ^ (z >>> 27)) * 0x94D049BB133111EBL;
    return z ^ (z >>> 31);
  }
}
