package dicomsql.bench;

import dicomsql.engine.dicom.PixelData;
import java.io.IOException;
import java.lang.management.ManagementFactory;
import java.lang.management.ThreadMXBean;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Locale;
import java.util.concurrent.TimeUnit;

/**
 * Decoding one CT slice on one thread, native and as dcmtk compresses it (JPEG Lossless SV1,
 * 12-bit lossy JPEG, JPEG-LS, RLE): the frame's values from bytes already in memory, and the
 * whole file read and decoded. Times are the thread's CPU time, which a machine shared with
 * other work inflates less than wall time.
 */
final class DecodeBenchmark {
  private static final int RUNS = 200;

  private final Path work;

  DecodeBenchmark(Path work) {
    this.work = work;
  }

  void run(Path slice) throws Exception {
    System.out.println("| " + slice.getFileName() + " | decode, CPU ms (median of " + RUNS
        + ") | read + decode, CPU ms (median) |");
    System.out.println("|---|---:|---:|");
    report("native", slice);
    for (List<String> tool : List.of(List.of("dcmcjpeg", "+e1"), List.of("dcmcjpeg", "+ee"),
        List.of("dcmcjpls"), List.of("dcmcrle"))) {
      Path compressed = work.resolve(String.join("", tool).replaceAll("\\W+", "_") + ".dcm");
      Files.createDirectories(work);
      Process process = new ProcessBuilder(concat(tool, slice, compressed)).inheritIO().start();
      if (!process.waitFor(1, TimeUnit.MINUTES) || process.exitValue() != 0) {
        throw new IOException(String.join(" ", tool) + " failed (is dcmtk installed?)");
      }
      report(String.join(" ", tool), compressed);
    }
  }

  private static List<String> concat(List<String> tool, Path in, Path out) {
    List<String> command = new ArrayList<>(tool);
    command.add(in.toString());
    command.add(out.toString());
    return command;
  }

  private static void report(String form, Path file) throws IOException {
    PixelData pixels = PixelData.read(file);
    int[] into = new int[pixels.module().samplesPerFrame()];
    double[] decode = new double[RUNS];
    double[] whole = new double[RUNS];
    for (int warm = 0; warm < RUNS; warm++) {
      pixels.frame(0, into);
    }
    ThreadMXBean threads = ManagementFactory.getThreadMXBean();
    for (int r = 0; r < RUNS; r++) {
      long start = threads.getCurrentThreadCpuTime();
      pixels.frame(0, into);
      decode[r] = (threads.getCurrentThreadCpuTime() - start) / 1e6;
      start = threads.getCurrentThreadCpuTime();
      PixelData.read(file).frame(0, into);
      whole[r] = (threads.getCurrentThreadCpuTime() - start) / 1e6;
    }
    Arrays.sort(decode);
    Arrays.sort(whole);
    System.out.printf(Locale.ROOT, "| %s (%,d bytes) | %.2f | %.2f |%n", form, Files.size(file),
        decode[RUNS / 2], whole[RUNS / 2]);
  }
}
