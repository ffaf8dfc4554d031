package dicomsql.engine.dicom;

import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.channels.FileChannel;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.util.Arrays;

/**
 * Stretches of a native pixel data value read from its file in place, by offset, or copied
 * from the file's bytes when they were read whole already.
 */
final class PixelBytes {
  private final Path file;
  private final long start;
  private final byte[] held;

  /**
   * The value starting at byte {@code start} of {@code file}, its length checked before;
   * {@code held} the whole file's bytes, or null to read from the file.
   */
  PixelBytes(Path file, long start, byte[] held) {
    this.file = file;
    this.start = start;
    this.held = held;
  }

  /** {@code length} bytes from byte {@code from} of the value. */
  byte[] read(long from, long length) throws DicomException {
    if (held != null) {
      if (start + from + length > held.length) {
        throw DicomException.truncated(held.length).inFile(file.toString());
      }
      int at = Math.toIntExact(start + from);
      return Arrays.copyOfRange(held, at, at + Math.toIntExact(length));
    }
    byte[] bytes = new byte[Math.toIntExact(length)];
    ByteBuffer buffer = ByteBuffer.wrap(bytes);
    try (FileChannel channel = FileChannel.open(file, StandardOpenOption.READ)) {
      while (buffer.hasRemaining()) {
        if (channel.read(buffer, start + from + buffer.position()) < 0) {
          throw DicomException.truncated(start + from + buffer.position());
        }
      }
    } catch (DicomException e) {
      throw e.inFile(file.toString());
    } catch (IOException e) {
      throw new DicomException("pixel data cannot be read: " + e.getMessage(), start + from,
          Tag.PixelData).inFile(file.toString());
    }
    return bytes;
  }
}
