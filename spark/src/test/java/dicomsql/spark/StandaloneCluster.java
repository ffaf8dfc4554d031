package dicomsql.spark;

import java.io.File;
import java.io.IOException;
import java.net.ServerSocket;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;

/**
 * A Spark standalone cluster on localhost, each part its own JVM: a master and workers
 * started from Spark's jars (those of the test classpath, laid out as a Spark home so that
 * workers can launch executors), and jobs submitted with spark-submit's main class. Every
 * process it starts, and what they start, is ended by {@link #close()}.
 */
final class StandaloneCluster implements AutoCloseable {
  private static final Duration STARTUP = Duration.ofMinutes(3);

  private final Path home;
  private final Path logs;
  private final List<Process> processes = new ArrayList<>();
  private final int masterPort = freePort();

  StandaloneCluster(Path folder) throws IOException {
    this.home = folder.resolve("spark-home");
    this.logs = Files.createDirectories(folder.resolve("logs"));
    Path jars = Files.createDirectories(home.resolve("jars"));
    Files.writeString(home.resolve("RELEASE"), "Spark from the test classpath\n");
    for (String entry : System.getProperty("java.class.path").split(File.pathSeparator)) {
      Path jar = Path.of(entry);
      // Spark and what it needs; not this project's own classes, which the job's jar brings.
      if (entry.endsWith(".jar") && !entry.contains("/dicomsql/") && Files.isRegularFile(jar)) {
        Files.createSymbolicLink(jars.resolve(jar.getFileName()), jar);
      }
    }
  }

  String masterUrl() {
    return "spark://127.0.0.1:" + masterPort;
  }

  void startMaster() throws IOException, InterruptedException {
    Path log = start("master", "org.apache.spark.deploy.master.Master", "--host", "127.0.0.1",
        "--port", Integer.toString(masterPort), "--webui-port", Integer.toString(freePort()));
    await(log, "I have been elected leader");
  }

  /** A worker of one core with its own work folder, where its executors leave their logs. */
  void startWorker(String name, Path workDir) throws IOException, InterruptedException {
    Path log = start(name, "org.apache.spark.deploy.worker.Worker", "--host", "127.0.0.1",
        "--cores", "1", "--memory", "1g", "--webui-port", Integer.toString(freePort()),
        "--work-dir", Files.createDirectories(workDir).toString(), masterUrl());
    await(log, "Successfully registered with master");
  }

  /** Runs spark-submit to its end; returns the job's standard output. */
  String submit(Path jar, String mainClass, String... args)
      throws IOException, InterruptedException {
    List<String> arguments = new ArrayList<>(List.of("--master", masterUrl(),
        "--deploy-mode", "client", "--class", mainClass,
        "--conf", "spark.ui.enabled=false",
        "--conf", "spark.executor.memory=512m",
        "--conf", "spark.executor.cores=1",
        "--conf", "spark.cores.max=2",
        jar.toString()));
    arguments.addAll(List.of(args));
    Path out = logs.resolve("submit.out");
    Process submit = launch("submit", "org.apache.spark.deploy.SparkSubmit", arguments, out,
        logs.resolve("submit.err"));
    if (!submit.waitFor(10, TimeUnit.MINUTES)) {
      throw new IllegalStateException("spark-submit did not finish in 10 minutes");
    }
    if (submit.exitValue() != 0) {
      throw new IllegalStateException("spark-submit failed (" + submit.exitValue() + "): "
          + Files.readString(logs.resolve("submit.err")));
    }
    return Files.readString(out);
  }

  private Path start(String name, String mainClass, String... args) throws IOException {
    Path log = logs.resolve(name + ".log");
    launch(name, mainClass, List.of(args), log, log);
    return log;
  }

  private Process launch(String name, String mainClass, List<String> args, Path out, Path err)
      throws IOException {
    List<String> command = new ArrayList<>();
    command.add(Path.of(System.getProperty("java.home"), "bin", "java").toString());
    command.add("-Xmx512m");
    command.addAll(List.of(System.getProperty("dicomsql.spark.opens", "").trim().split("\\s+")));
    command.addAll(List.of("-cp", home.resolve("jars") + File.separator + "*", mainClass));
    command.addAll(args);
    ProcessBuilder builder = new ProcessBuilder(command)
        .redirectOutput(out.toFile());
    if (out.equals(err)) {
      builder.redirectErrorStream(true);
    } else {
      builder.redirectError(err.toFile());
    }
    Map<String, String> env = builder.environment();
    env.put("SPARK_HOME", home.toString());
    env.put("SPARK_SCALA_VERSION", "2.13");
    env.put("SPARK_LOG_DIR", logs.toString());
    Process process = builder.start();
    processes.add(process);
    return process;
  }

  /** Waits for a line in a process's log, or fails with the log's end. */
  private static void await(Path log, String line) throws IOException, InterruptedException {
    Instant deadline = Instant.now().plus(STARTUP);
    while (Instant.now().isBefore(deadline)) {
      if (Files.exists(log) && Files.readString(log).contains(line)) {
        return;
      }
      Thread.sleep(250);
    }
    String text = Files.exists(log) ? Files.readString(log) : "(no log)";
    throw new IllegalStateException("no \"" + line + "\" in " + log + " within " + STARTUP
        + ":\n" + text.substring(Math.max(0, text.length() - 4000)));
  }

  private static int freePort() {
    try (ServerSocket socket = new ServerSocket(0)) {
      return socket.getLocalPort();
    } catch (IOException e) {
      throw new IllegalStateException("no free port", e);
    }
  }

  /** Ends every process started, workers' executors first, forcibly when they linger. */
  @Override
  public void close() throws InterruptedException {
    for (int k = processes.size() - 1; k >= 0; k--) {
      Process process = processes.get(k);
      List<ProcessHandle> children = process.descendants().toList();
      process.destroy();
      if (!process.waitFor(15, TimeUnit.SECONDS)) {
        process.destroyForcibly().waitFor(15, TimeUnit.SECONDS);
      }
      for (ProcessHandle child : children) {
        child.destroyForcibly();
      }
    }
  }
}
