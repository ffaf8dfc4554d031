package dicomsql.bench;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;

/**
 * A command run to its end under GNU time ({@code /usr/bin/time}, Debian package {@code time}),
 * which reports the CPU time it and its children used, with {@code XDG_CACHE_HOME} set so that
 * its index lives in the benchmark's folder.
 *
 * @param seconds wall time
 * @param cpuSeconds user and system time of every thread
 * @param output what the command wrote to standard output
 */
record TimedProcess(double seconds, double cpuSeconds, String output) {
  /** Runs {@code command} in {@code work} (its stderr goes to {@code process.log} there). */
  static TimedProcess run(List<String> command, Path work, Path cache)
      throws IOException, InterruptedException {
    return run(command, work, cache, Map.of());
  }

  /** The same, with {@code environment} added to the command's environment. */
  static TimedProcess run(List<String> command, Path work, Path cache,
      Map<String, String> environment) throws IOException, InterruptedException {
    Files.createDirectories(work);
    Path log = work.resolve("process.log");
    Path times = work.resolve("time.txt");
    List<String> timed = new ArrayList<>(List.of("/usr/bin/time", "-f", "%U %S", "-o",
        times.toString()));
    timed.addAll(command);
    ProcessBuilder builder = new ProcessBuilder(timed).redirectError(log.toFile());
    builder.environment().put("XDG_CACHE_HOME", cache.toString());
    builder.environment().putAll(environment);
    long start = System.nanoTime();
    Process process = builder.start();
    String output = new String(process.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
    if (!process.waitFor(2, TimeUnit.HOURS) || process.exitValue() != 0) {
      throw new IOException(command.get(0) + " failed; see " + log);
    }
    double seconds = (System.nanoTime() - start) / 1e9;
    String[] cpu = Files.readString(times).strip().split(" ");
    return new TimedProcess(seconds, Double.parseDouble(cpu[0]) + Double.parseDouble(cpu[1]),
        output);
  }
}
