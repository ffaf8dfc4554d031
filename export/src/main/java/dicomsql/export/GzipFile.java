package dicomsql.export;

import java.io.Closeable;
import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.channels.FileChannel;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.util.zip.CRC32;
import java.util.zip.Deflater;

/**
 * Writes one gzip member (RFC 1952) at deflate level 1 into a file, from direct buffers.
 *
 * <p>Why not {@code GZIPOutputStream}: its heap arrays reach zlib through JNI critical regions,
 * which block the garbage collector while a thread compresses; with two threads compressing
 * large volumes nearly all the time, a 1 GB heap ran out waiting for the GC locker. Direct
 * buffers need no critical region. Each thread keeps its {@link Deflater} and output buffer.
 */
final class GzipFile implements Closeable {
  private static final int OUTPUT_BYTES = 1 << 20;
  /** ID1 ID2, CM deflate, no flags, no mtime, no extra flags, OS unknown: as GZIPOutputStream. */
  private static final byte[] HEADER = {0x1f, (byte) 0x8b, 8, 0, 0, 0, 0, 0, 0, (byte) 0xff};
  private static final ThreadLocal<Deflater> DEFLATER =
      ThreadLocal.withInitial(() -> new Deflater(Deflater.BEST_SPEED, true));
  private static final ThreadLocal<ByteBuffer> OUTPUT =
      ThreadLocal.withInitial(() -> ByteBuffer.allocateDirect(OUTPUT_BYTES));

  private final FileChannel channel;
  private final Deflater deflater = DEFLATER.get();
  private final ByteBuffer output = OUTPUT.get();
  private final CRC32 crc = new CRC32();
  private long size;

  GzipFile(Path file) throws IOException {
    channel = FileChannel.open(file, StandardOpenOption.CREATE, StandardOpenOption.WRITE,
        StandardOpenOption.TRUNCATE_EXISTING);
    deflater.reset();
    writeFully(ByteBuffer.wrap(HEADER));
  }

  /** Compresses the buffer's remaining bytes (a direct buffer, so no GC locker). */
  void write(ByteBuffer data) throws IOException {
    int start = data.position();
    size += data.remaining();
    crc.update(data);
    data.position(start);
    deflater.setInput(data);
    while (!deflater.needsInput()) {
      drain();
    }
  }

  @Override
  public void close() throws IOException {
    try {
      deflater.finish();
      while (!deflater.finished()) {
        drain();
      }
      ByteBuffer trailer = ByteBuffer.allocate(8).order(ByteOrder.LITTLE_ENDIAN);
      trailer.putInt((int) crc.getValue()).putInt((int) size).flip();
      writeFully(trailer);
    } finally {
      deflater.reset();
      channel.close();
    }
  }

  private void drain() throws IOException {
    output.clear();
    deflater.deflate(output);
    output.flip();
    writeFully(output);
  }

  private void writeFully(ByteBuffer bytes) throws IOException {
    while (bytes.hasRemaining()) {
      channel.write(bytes);
    }
  }
}
