package dicomsql.engine.dicom;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.lang.management.ManagementFactory;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Locale;
import java.util.Random;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import java.util.zip.DataFormatException;
import java.util.zip.Inflater;
import java.util.zip.InflaterOutputStream;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * Thousands of damaged variants of valid files, from a fixed seed: truncated, bytes changed,
 * length fields made huge, chunks cut out or repeated, in every transfer syntax, deflated and raw
 * data sets included. Each must read or fail with a {@link DicomException}: never another
 * exception or error, never a hang, never an allocation out of proportion to the file.
 */
class DicomReaderFuzzTest {
  /** Fixed, so that a failure comes back; {@code -Dfuzz.seed=...} explores further. */
  private static final long SEED = Long.getLong("fuzz.seed", 0x5EED_D1C0L);
  private static final int VARIANTS_PER_FILE = Integer.getInteger("fuzz.variants", 300);
  /** Huge lengths that have found bugs in readers: near 4 GB, near 2 GB, undefined. */
  private static final int[] HUGE = {0xFFFFFFF0, 0x7FFFFFFF, 0xFFFFFFFF, 0x80000000, 0xFFFFFFFE,
      0x7FFFFFF0, 0x00FFFFFF};
  private static final ReadOptions[] OPTIONS = {ReadOptions.all(),
      ReadOptions.stopBeforePixelData(),
      ReadOptions.onlyTags(Tag.PatientName, Tag.ROIContourSequence, Tag.of(0x0029, 0x1002))};

  private static ExecutorService worker;
  private static final com.sun.management.ThreadMXBean THREADS =
      (com.sun.management.ThreadMXBean) ManagementFactory.getThreadMXBean();

  /** A valid file, and for a deflated one its data set inflated, which is what gets damaged. */
  private record Original(String name, byte[] bytes, int dataSetStart, boolean deflated,
      List<Long> tokenOffsets, List<Long> topLevelBoundaries) {}

  @BeforeAll
  static void startWorker() {
    worker = Executors.newSingleThreadExecutor(runnable -> {
      Thread thread = new Thread(runnable, "fuzz-reader");
      thread.setDaemon(true);
      return thread;
    });
  }

  @AfterAll
  static void stopWorker() {
    worker.shutdownNow();
  }

  @Test
  void damagedFilesReadOrFailWithDicomException() throws Exception {
    Random random = new Random(SEED);
    List<String> failures = new ArrayList<>();
    int reads = 0;
    for (Original original : originals()) {
      for (int variant = 0; variant < VARIANTS_PER_FILE && failures.size() < 10; variant++) {
        StringBuilder what = new StringBuilder(original.name() + " variant " + variant + ":");
        byte[] damaged = damage(original, random, what);
        ReadOptions options = OPTIONS[variant % OPTIONS.length];
        boolean stream = variant % 4 == 3;
        String failure = readOnce(damaged, dataSize(damaged, original), options, stream);
        reads++;
        if (failure != null) {
          failures.add(what + " " + failure);
        }
      }
    }
    assertThat(failures).as("after %d reads", reads).isEmpty();
    assertThat(reads).isGreaterThan(3000);
  }

  /**
   * A file cut anywhere but between two top-level elements must fail, and say it is truncated:
   * a scan must not take half a file for a whole one.
   */
  @Test
  void filesCutInsideAnElementFailAsTruncated() throws Exception {
    Random random = new Random(SEED);
    List<String> failures = new ArrayList<>();
    for (Original original : originals()) {
      List<Long> boundaries = original.topLevelBoundaries();
      for (int i = 0; i < 40 && failures.size() < 10; i++) {
        int dataSet = original.deflated() ? inflate(original).length : original.bytes().length
            - original.dataSetStart();
        int cut = random.nextInt(dataSet);
        // A raw data set cut inside its first header is no longer recognizable as one.
        boolean raw = original.dataSetStart() == 0;
        if (boundaries.contains((long) cut) || raw && cut < 8) {
          continue;
        }
        byte[] bytes = original.deflated()
            ? ElementBytes.concat(Arrays.copyOf(original.bytes(), original.dataSetStart()),
                ElementBytes.deflate(Arrays.copyOf(inflate(original), cut)))
            : Arrays.copyOf(original.bytes(), original.dataSetStart() + cut);
        for (boolean stream : new boolean[] {false, true}) {
          try (DicomReader reader = stream
              ? DicomReader.of(new ByteArrayInputStream(bytes), ReadOptions.all())
              : DicomReader.of(bytes, ReadOptions.all())) {
            DataSet.read(reader);
            failures.add(original.name() + " cut at " + cut + " of " + dataSet + " read");
          } catch (DicomException e) {
            if (!e.problem().equals("truncated")) {
              failures.add(original.name() + " cut at " + cut + ": " + e.getMessage());
            }
          }
        }
      }
    }
    assertThat(failures).isEmpty();
  }

  /** Reads in the worker thread; null when it read or failed properly, else what went wrong. */
  private static String readOnce(byte[] bytes, long size, ReadOptions options, boolean stream)
      throws InterruptedException {
    Future<String> result = worker.submit(() -> {
      long before = THREADS.getCurrentThreadAllocatedBytes();
      DicomReader reader = null;
      try {
        reader = stream
            ? DicomReader.of(new ByteArrayInputStream(bytes), options)
            : DicomReader.of(bytes, options);
        DataSet dataSet = DataSet.read(reader);
        readEveryValue(dataSet);
        ValueRules.check(dataSet);
      } catch (DicomException expected) {
        if (expected.getMessage() == null || expected.detail().isEmpty()) {
          return "DicomException without a message";
        }
        if (reader != null && reader.next() != DicomReader.Token.END) {
          return "tokens after " + expected.detail();
        }
      } catch (Throwable e) {
        return describe(e);
      }
      long allocated = THREADS.getCurrentThreadAllocatedBytes() - before;
      // Buffers, the data set's objects and, for streams and deflated data, values grown in
      // steps: a few times the file, never a length field's worth.
      long allowed = 8L * size + (4 << 20);
      return allocated > allowed ? "allocated " + allocated + " bytes" : null;
    });
    try {
      return result.get(10, TimeUnit.SECONDS);
    } catch (TimeoutException e) {
      result.cancel(true);
      return "no result after 10 s";
    } catch (ExecutionException e) {
      return describe(e.getCause());
    }
  }

  /** Every typed getter on every element: decoding damaged values must not throw either. */
  private static void readEveryValue(DataSet dataSet) {
    dataSet.charset();
    for (Element e : dataSet) {
      int tag = e.tag();
      dataSet.getText(tag);
      dataSet.getStrings(tag);
      dataSet.getInts(tag);
      dataSet.getDoubles(tag);
      dataSet.getDate(tag);
      dataSet.getTime(tag);
      dataSet.getDateTime(tag);
      dataSet.getBytes(tag);
      for (DataSet item : dataSet.getSequence(tag)) {
        readEveryValue(item);
      }
    }
  }

  private static String describe(Throwable e) {
    StackTraceElement[] trace = e.getStackTrace();
    return e + (trace.length > 0 ? " at " + trace[0] : "");
  }

  /** The bytes there are to read: for deflated files as many as their data inflates to. */
  private static long dataSize(byte[] bytes, Original original) {
    if (!original.deflated() || bytes.length <= original.dataSetStart()) {
      return bytes.length;
    }
    Inflater inflater = new Inflater(true);
    inflater.setInput(bytes, original.dataSetStart(), bytes.length - original.dataSetStart());
    byte[] chunk = new byte[8192];
    long inflated = 0;
    try {
      for (int n = inflater.inflate(chunk); n > 0; n = inflater.inflate(chunk)) {
        inflated += n;
      }
    } catch (DataFormatException e) {
      // as far as it goes
    } finally {
      inflater.end();
    }
    return original.dataSetStart() + Math.max(inflated, bytes.length - original.dataSetStart());
  }

  private static byte[] damage(Original original, Random random, StringBuilder what) {
    boolean inside = original.deflated() && random.nextInt(5) > 0;
    byte[] target = inside ? inflate(original) : original.bytes().clone();
    int offsetShift = inside ? original.dataSetStart() : 0;
    int mutations = 1 + (random.nextInt(4) == 0 ? 1 : 0);
    for (int i = 0; i < mutations; i++) {
      target = mutate(target, original, offsetShift, random, what);
    }
    if (inside) {
      byte[] meta = Arrays.copyOf(original.bytes(), original.dataSetStart());
      what.append(" (inside the deflated data)");
      return ElementBytes.concat(meta, ElementBytes.deflate(target));
    }
    return target;
  }

  private static byte[] mutate(byte[] bytes, Original original, int offsetShift, Random random,
      StringBuilder what) {
    if (bytes.length == 0) {
      return bytes;
    }
    int kind = random.nextInt(5);
    switch (kind) {
      case 0: {
        int at = random.nextInt(bytes.length);
        what.append(" truncated at ").append(at);
        return Arrays.copyOf(bytes, at);
      }
      case 1: {
        int count = 1 + random.nextInt(4);
        for (int i = 0; i < count; i++) {
          int at = random.nextInt(bytes.length);
          bytes[at] = (byte) random.nextInt(256);
          what.append(" byte ").append(at).append('=').append(bytes[at] & 0xFF);
        }
        return bytes;
      }
      case 2:
      case 3: {
        List<Long> offsets = original.tokenOffsets();
        long token = offsets.get(random.nextInt(offsets.size())) - offsetShift;
        int at = (int) token + 4 + 2 * random.nextInt(3);
        if (token < 0 || at + 4 > bytes.length) {
          return bytes;
        }
        int huge = HUGE[random.nextInt(HUGE.length)];
        boolean bigEndian = original.name().toLowerCase(Locale.ROOT)
            .contains("big endian") && random.nextInt(4) > 0;
        for (int k = 0; k < 4; k++) {
          bytes[at + k] = (byte) (huge >>> (bigEndian ? 24 - 8 * k : 8 * k));
        }
        what.append(String.format(" length %08X at %d", huge, at));
        return bytes;
      }
      default: {
        int from = random.nextInt(bytes.length);
        int length = Math.min(bytes.length - from, 1 + random.nextInt(64));
        boolean repeat = random.nextBoolean();
        what.append(repeat ? " repeated " : " cut ").append(length).append(" at ").append(from);
        byte[] head = Arrays.copyOf(bytes, repeat ? from + length : from);
        byte[] tail = Arrays.copyOfRange(bytes, repeat ? from : from + length, bytes.length);
        return ElementBytes.concat(head, tail);
      }
    }
  }

  private static byte[] inflate(Original original) {
    byte[] bytes = original.bytes();
    ByteArrayOutputStream inflated = new ByteArrayOutputStream();
    try (InflaterOutputStream out = new InflaterOutputStream(inflated, new Inflater(true))) {
      out.write(bytes, original.dataSetStart(), bytes.length - original.dataSetStart());
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
    return inflated.toByteArray();
  }

  /** The valid files damaged: CT and RT Structure Set in every syntax, raw, CP-246, fragments. */
  private static List<Original> originals() throws IOException {
    List<Original> originals = new ArrayList<>();
    for (TransferSyntax syntax : DicomWriterTest.syntaxes()) {
      for (boolean undefined : new boolean[] {false, true}) {
        DicomWriter writer = new DicomWriter().undefinedLengthSequences(undefined);
        String how = syntax.name() + (undefined ? ", undefined lengths" : "");
        originals.add(original("CT, " + how, writer.toBytes(SampleInstances.ct(8), syntax)));
        originals.add(original("RTSTRUCT, " + how,
            writer.toBytes(SampleInstances.rtStructureSet(2), syntax)));
        if (!syntax.deflated()) {
          originals.add(original("raw RTSTRUCT, " + how,
              writer.dataSetBytes(SampleInstances.rtStructureSet(1), syntax)));
        }
      }
    }
    originals.add(original("CP-246, explicit big endian",
        ElementBytes.part10(TransferSyntax.EXPLICIT_VR_BIG_ENDIAN, unknownSequence(true))));
    originals.add(original("CP-246, deflated", ElementBytes.part10(
        TransferSyntax.DEFLATED_EXPLICIT_VR_LITTLE_ENDIAN, unknownSequence(false))));
    DataSet encapsulated = SampleInstances.ct(4);
    encapsulated.putFragments(Tag.PixelData, VR.OB,
        List.of(new byte[0], new byte[] {1, 2, 3, 4, 5, 6}, new byte[] {7, 8}));
    originals.add(original("encapsulated pixel data",
        new DicomWriter().toBytes(encapsulated, TransferSyntax.RLE_LOSSLESS)));
    return originals;
  }

  private static byte[] unknownSequence(boolean bigEndian) {
    byte[] implicit = new ElementBytes(false, false)
        .item()
        .sequence(Tag.ReferencedImageSequence, VR.SQ)
        .item().text(Tag.ReferencedSOPInstanceUID, VR.UI, "1.2.3\0").itemEnd()
        .sequenceEnd()
        .text(Tag.PatientName, VR.PN, "Nested^Name ")
        .itemEnd()
        .sequenceEnd()
        .bytes();
    return new ElementBytes(true, bigEndian)
        .text(Tag.SOPInstanceUID, VR.UI, "1.2.3.4\0")
        .text(Tag.of(0x0029, 0x0010), VR.LO, "DICOMSQL TEST ")
        .sequence(Tag.of(0x0029, 0x1002), VR.UN)
        .raw(implicit)
        .element(Tag.PixelData, VR.OW, new byte[] {1, 2, 3, 4})
        .bytes();
  }

  /** The file with where its tokens start (in the inflated data for deflated files). */
  private static Original original(String name, byte[] bytes) throws IOException {
    List<Long> offsets = new ArrayList<>();
    List<Long> boundaries = new ArrayList<>();
    int dataSetStart;
    boolean deflated;
    try (DicomReader reader = DicomReader.of(bytes, ReadOptions.all())) {
      deflated = reader.transferSyntax().deflated();
      DicomReader.Token token = reader.next();
      dataSetStart = (int) reader.offset();
      for (; token != DicomReader.Token.END; token = reader.next()) {
        offsets.add(reader.offset());
        if (reader.depth() == 0 && token != DicomReader.Token.SEQUENCE_END) {
          boundaries.add(reader.offset() - dataSetStart);
        }
      }
    }
    return new Original(name, bytes, dataSetStart, deflated, offsets, boundaries);
  }
}
