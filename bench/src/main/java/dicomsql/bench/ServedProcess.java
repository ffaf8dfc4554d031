package dicomsql.bench;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStreamReader;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.TimeUnit;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * {@code dicomsql serve} run by the launcher script as a process of its own with the heap it
 * is given, its log kept, listening on a free loopback port.
 */
final class ServedProcess implements AutoCloseable {
  private static final Pattern SERVING = Pattern.compile(
      "serving .* on (jdbc:avatica:remote:url=\\S+;serialization=protobuf)");

  private final Process process;
  private final List<String> log = new CopyOnWriteArrayList<>();

  ServedProcess(Path launcher, String heap, String... args) throws IOException {
    ProcessBuilder builder = new ProcessBuilder();
    builder.command().add(launcher.toString());
    builder.command().add("serve");
    builder.command().addAll(List.of(args));
    builder.command().addAll(List.of("--port", "0"));
    builder.environment().put("DICOMSQL_JAVA_OPTS", "-Xmx" + heap);
    builder.redirectOutput(ProcessBuilder.Redirect.DISCARD);
    process = builder.start();
    Thread reader = new Thread(() -> {
      try (BufferedReader lines = new BufferedReader(new InputStreamReader(
          process.getErrorStream(), StandardCharsets.UTF_8))) {
        for (String line = lines.readLine(); line != null; line = lines.readLine()) {
          log.add(line);
        }
      } catch (IOException e) {
        log.add("(log unreadable: " + e + ")");
      }
    }, "served-log");
    reader.setDaemon(true);
    reader.start();
  }

  /** Waits until the server listens; the thin driver's URL. */
  String awaitUrl() throws InterruptedException {
    long deadline = System.nanoTime() + TimeUnit.MINUTES.toNanos(30);
    while (System.nanoTime() < deadline && process.isAlive()) {
      for (String line : log) {
        Matcher matcher = SERVING.matcher(line);
        if (matcher.find()) {
          return matcher.group(1);
        }
      }
      Thread.sleep(200);
    }
    throw new IllegalStateException("serve did not start: " + log);
  }

  /** The server's process id (the launcher execs Java, so its process is the server's). */
  long pid() {
    return process.pid();
  }

  /** The most memory the server's process has held (VmHWM), in MB, or -1 where unknown. */
  long peakResidentMegabytes() throws IOException {
    return ProcFiles.peakResidentMegabytes(process.pid());
  }

  List<String> log() {
    return List.copyOf(log);
  }

  /** SIGTERM, then the exit status. */
  int stop() throws InterruptedException {
    // Through the handle: Process.destroy() would also close the pipe the log comes through.
    process.toHandle().destroy();
    process.waitFor(5, TimeUnit.MINUTES);
    return process.isAlive() ? -1 : process.exitValue();
  }

  @Override
  public void close() {
    process.destroyForcibly();
  }
}
