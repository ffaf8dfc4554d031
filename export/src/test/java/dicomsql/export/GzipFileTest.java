package dicomsql.export;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.InputStream;
import java.nio.ByteBuffer;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Random;
import java.util.zip.GZIPInputStream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** What GzipFile writes, read back by the JDK's gzip reader (which checks CRC and length). */
class GzipFileTest {
  @TempDir
  Path tmp;

  @Test
  void manyWritesLargerThanTheOutputBufferReadBackAsWritten() throws Exception {
    // random bytes barely compress, so the 1 MiB output buffer fills several times
    byte[] data = new byte[3 << 20];
    new Random(17).nextBytes(data);
    ByteBuffer direct = ByteBuffer.allocateDirect(100_000);
    for (int file = 0; file < 2; file++) {
      // twice on one thread: the reused deflater starts afresh for the second file
      Path gz = tmp.resolve(file + ".gz");
      try (GzipFile out = new GzipFile(gz)) {
        for (int from = 0; from < data.length; from += direct.capacity()) {
          direct.clear();
          direct.put(data, from, Math.min(direct.capacity(), data.length - from)).flip();
          out.write(direct);
        }
      }
      try (InputStream in = new GZIPInputStream(Files.newInputStream(gz))) {
        assertThat(in.readAllBytes()).isEqualTo(data);
      }
    }
  }
}
