package dicomsql.shell;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStreamReader;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.TimeUnit;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * {@code dicomsql serve} in a process of its own, run from the shell's jar, with its log lines
 * collected; started on a free port (port 0, read back from the "serving ... on URL" line).
 */
final class ServeProcess implements AutoCloseable {
  private static final Pattern SERVING = Pattern.compile(
      "serving .* on (jdbc:avatica:remote:url=https?://[^:]+:(\\d+);serialization=protobuf)");

  private final Process process;
  private final List<String> log = new CopyOnWriteArrayList<>();
  private final Thread reader;
  private String url;

  private ServeProcess(Process process) {
    this.process = process;
    this.reader = new Thread(() -> {
      try (BufferedReader lines = new BufferedReader(new InputStreamReader(
          process.getErrorStream(), StandardCharsets.UTF_8))) {
        for (String line = lines.readLine(); line != null; line = lines.readLine()) {
          log.add(line);
        }
      } catch (IOException e) {
        log.add("(log unreadable: " + e + ")");
      }
    }, "serve-log");
    reader.setDaemon(true);
    reader.start();
  }

  /** Starts {@code serve ARGS --port 0} and waits until it listens. */
  static ServeProcess start(Path cache, String... args) throws Exception {
    return start(cache, Map.of(), args);
  }

  /** Starts {@code serve ARGS --port 0} with more environment variables. */
  static ServeProcess start(Path cache, Map<String, String> environment, String... args)
      throws Exception {
    List<String> command = command(args);
    command.addAll(List.of("--port", "0"));
    ProcessBuilder builder = builder(cache, command);
    builder.environment().putAll(environment);
    ServeProcess serve = new ServeProcess(builder.start());
    long deadline = System.nanoTime() + TimeUnit.MINUTES.toNanos(5);
    while (serve.url == null) {
      for (String line : serve.log) {
        Matcher matcher = SERVING.matcher(line);
        if (matcher.find()) {
          serve.url = matcher.group(1);
        }
      }
      if (serve.url == null) {
        if (!serve.process.isAlive() || System.nanoTime() > deadline) {
          serve.close();
          throw new IllegalStateException("serve did not start: " + serve.log);
        }
        Thread.sleep(100);
      }
    }
    return serve;
  }

  /** Runs {@code serve ARGS} to its end with the given standard input: exit status and output. */
  static Finished run(Path cache, String stdin, String... args) throws Exception {
    Path input = Files.createTempFile(cache, "stdin", ".txt");
    Files.writeString(input, stdin);
    Process process = builder(cache, command(args)).redirectErrorStream(true)
        .redirectInput(input.toFile()).start();
    String output = new String(process.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
    if (!process.waitFor(5, TimeUnit.MINUTES)) {
      process.destroyForcibly();
      throw new IllegalStateException("serve did not end: " + output);
    }
    return new Finished(process.exitValue(), output);
  }

  record Finished(int status, String output) {}

  private static List<String> command(String... args) {
    String java = Path.of(System.getProperty("java.home"), "bin", "java").toString();
    List<String> command = new ArrayList<>(List.of(java, "-Xmx512m", "-jar",
        System.getProperty("shellJar"), "serve"));
    command.addAll(List.of(args));
    return command;
  }

  private static ProcessBuilder builder(Path cache, List<String> command) {
    ProcessBuilder builder = new ProcessBuilder(command);
    builder.environment().put("XDG_CACHE_HOME", cache.toString());
    builder.environment().put("XDG_CONFIG_HOME", cache.resolve("config").toString());
    return builder;
  }

  /** The thin driver's URL of this server. */
  String url() {
    return url;
  }

  /** The HTTP address, for requests other than JDBC. */
  String http() {
    return url.substring(url.indexOf("url=") + 4, url.indexOf(';'));
  }

  List<String> log() {
    return List.copyOf(log);
  }

  /** Sends SIGTERM and waits for the process to end; its exit status. */
  int terminate() throws InterruptedException {
    // Through the handle: Process.destroy() would also close the pipe the log comes through.
    process.toHandle().destroy();
    if (!process.waitFor(5, TimeUnit.MINUTES)) {
      throw new IllegalStateException("serve did not stop on SIGTERM: " + log);
    }
    reader.join(TimeUnit.MINUTES.toMillis(1));
    return process.exitValue();
  }

  @Override
  public void close() {
    if (process.isAlive()) {
      process.destroyForcibly();
    }
  }
}
