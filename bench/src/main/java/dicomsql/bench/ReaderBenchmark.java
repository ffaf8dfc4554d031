package dicomsql.bench;

import dicomsql.engine.dicom.DicomException;
import dicomsql.engine.dicom.DicomReader;
import dicomsql.engine.dicom.ReadOptions;
import dicomsql.engine.dicom.Tag;
import dicomsql.engine.synth.SynthOptions;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.LongAdder;

/**
 * Header-only reading throughput (files/s) over generated 512x512 CT files, against dcmdump
 * reading the same files in the same run with the page cache warm.
 */
final class ReaderBenchmark {
  /** The top-level elements an index of the contract's tables needs from a CT image. */
  static final int[] INDEX_TAGS = {Tag.SpecificCharacterSet, Tag.ImageType, Tag.SOPClassUID,
      Tag.SOPInstanceUID, Tag.StudyDate, Tag.StudyTime, Tag.AcquisitionTime, Tag.ContentTime,
      Tag.AccessionNumber, Tag.Modality, Tag.Manufacturer, Tag.StudyDescription,
      Tag.SeriesDescription, Tag.ManufacturerModelName, Tag.PatientName, Tag.PatientID,
      Tag.PatientBirthDate, Tag.PatientSex, Tag.PatientAge, Tag.DeidentificationMethod,
      Tag.ContrastBolusAgent, Tag.BodyPartExamined, Tag.SliceThickness, Tag.SpacingBetweenSlices,
      Tag.StudyInstanceUID, Tag.SeriesInstanceUID, Tag.SeriesNumber, Tag.InstanceNumber,
      Tag.ImagePositionPatient, Tag.ImageOrientationPatient, Tag.FrameOfReferenceUID,
      Tag.SliceLocation, Tag.ImageComments, Tag.Rows, Tag.Columns, Tag.PixelSpacing,
      Tag.WindowCenter, Tag.WindowWidth, Tag.RescaleIntercept, Tag.RescaleSlope};

  private final int cases;
  private final int rounds;
  private final Path root;

  ReaderBenchmark(BenchOptions options) {
    this.cases = options.integer("cases", 16);
    this.rounds = options.integer("rounds", 5);
    this.root = options.root();
  }

  void run() throws Exception {
    int cores = Runtime.getRuntime().availableProcessors();
    Path data = BenchData.dataset(root, new SynthOptions(cases, 1, 512, 0, cores));
    List<Path> files = BenchData.ctFiles(data);
    long bytes = BenchData.warm(files);
    System.out.printf(Locale.ROOT, "%,d CT files of %,.0f KB on average in %s; %d cores%n%n",
        files.size(), bytes / 1024.0 / files.size(), data, cores);
    System.out.println("| reader | parallel | files/s | vs dcmdump |");
    System.out.println("|---|---:|---:|---:|");
    ReadOptions onlyTags = ReadOptions.onlyTags(INDEX_TAGS);
    for (int parallel : new int[] {1, cores}) {
      double dcmdump = best(() -> dcmdump(files, parallel), Math.min(rounds, 3));
      double tags = best(() -> ours(files, parallel, onlyTags), rounds);
      double headers = best(() -> ours(files, parallel, ReadOptions.stopBeforePixelData()),
          rounds);
      row("dicomsql, only the index's 40 tags", parallel, tags, dcmdump);
      row("dicomsql, every element before pixel data", parallel, headers, dcmdump);
      row("dcmdump -q -M +sb PixelData", parallel, dcmdump, dcmdump);
    }
  }

  private static void row(String name, int parallel, double rate, double dcmdump) {
    System.out.printf(Locale.ROOT, "| %s | %d | %,.0f | %.1f× |%n", name, parallel, rate,
        rate / dcmdump);
  }

  /** The best rate in files/s of several runs. */
  private static double best(Run run, int times) throws Exception {
    double best = 0;
    for (int i = 0; i < times; i++) {
      best = Math.max(best, run.filesPerSecond());
    }
    return best;
  }

  private interface Run {
    double filesPerSecond() throws Exception;
  }

  private static double ours(List<Path> files, int threads, ReadOptions options)
      throws InterruptedException {
    AtomicInteger next = new AtomicInteger();
    LongAdder checksum = new LongAdder();
    List<Thread> workers = new ArrayList<>();
    long start = System.nanoTime();
    for (int t = 0; t < threads; t++) {
      Thread worker = new Thread(() -> {
        for (int i = next.getAndIncrement(); i < files.size(); i = next.getAndIncrement()) {
          checksum.add(readHeader(files.get(i), options));
        }
      });
      worker.start();
      workers.add(worker);
    }
    for (Thread worker : workers) {
      worker.join();
    }
    double seconds = (System.nanoTime() - start) / 1e9;
    if (checksum.sum() == 0) {
      throw new IllegalStateException("nothing was read");
    }
    return files.size() / seconds;
  }

  /** Decodes every element the options let through, as an index would. */
  private static long readHeader(Path file, ReadOptions options) {
    long characters = 0;
    try (DicomReader reader = DicomReader.open(file, options)) {
      for (DicomReader.Token token = reader.next(); token != DicomReader.Token.END;
          token = reader.next()) {
        if (token == DicomReader.Token.ELEMENT && reader.vr().isText()) {
          characters += reader.text().length();
        }
      }
    } catch (DicomException e) {
      throw new IllegalStateException(e.getMessage(), e);
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
    return characters;
  }

  /** dcmdump over the files, split among parallel processes of up to 1,000 files each. */
  private static double dcmdump(List<Path> files, int parallel) throws Exception {
    List<List<Path>> batches = new ArrayList<>();
    for (int i = 0; i < files.size(); i += 1000) {
      batches.add(files.subList(i, Math.min(files.size(), i + 1000)));
    }
    AtomicInteger next = new AtomicInteger();
    List<Thread> workers = new ArrayList<>();
    List<Exception> failures = new ArrayList<>();
    long start = System.nanoTime();
    for (int t = 0; t < parallel; t++) {
      Thread worker = new Thread(() -> {
        for (int i = next.getAndIncrement(); i < batches.size(); i = next.getAndIncrement()) {
          try {
            runDcmdump(batches.get(i));
          } catch (Exception e) {
            synchronized (failures) {
              failures.add(e);
            }
          }
        }
      });
      worker.start();
      workers.add(worker);
    }
    for (Thread worker : workers) {
      worker.join();
    }
    if (!failures.isEmpty()) {
      throw failures.get(0);
    }
    return files.size() / ((System.nanoTime() - start) / 1e9);
  }

  private static void runDcmdump(List<Path> batch) throws IOException, InterruptedException {
    List<String> command = new ArrayList<>(List.of("dcmdump", "-q", "-M", "+sb", "PixelData"));
    for (Path file : batch) {
      command.add(file.toString());
    }
    Process process = new ProcessBuilder(command)
        .redirectOutput(ProcessBuilder.Redirect.DISCARD)
        .redirectError(ProcessBuilder.Redirect.INHERIT).start();
    if (process.waitFor() != 0) {
      throw new IOException("dcmdump failed with status " + process.exitValue());
    }
  }
}
