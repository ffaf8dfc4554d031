package dicomsql.engine.dicom;

import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.channels.FileChannel;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;

/** Stretches of a native pixel data value read from its file in place, by offset. */
final class PixelBytes {
  private final Path file;
  private final long start;

  /** The value starting at byte {@code start} of {@code file}, its length checked before. */
  PixelBytes(Path file, long start) {
    this.file = file;
    this.start = start;
  }

  /** {@code length} bytes from byte {@code from} of the value. */
  byte[] read(long from, long length) throws DicomException {
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
