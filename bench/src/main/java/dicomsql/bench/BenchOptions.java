package dicomsql.bench;

import java.nio.file.Path;
import java.util.HashMap;
import java.util.Map;

/** The {@code --name value} options of a benchmark, with defaults. */
final class BenchOptions {
  private final Map<String, String> values = new HashMap<>();

  static BenchOptions parse(String[] args) {
    BenchOptions options = new BenchOptions();
    for (int i = 0; i < args.length; i++) {
      if (!args[i].startsWith("--") || i + 1 == args.length) {
        throw new IllegalArgumentException("expected --name value, got " + args[i]);
      }
      options.values.put(args[i].substring(2), args[++i]);
    }
    return options;
  }

  int integer(String name, int fallback) {
    return values.containsKey(name) ? Integer.parseInt(values.get(name)) : fallback;
  }

  /** A text option, or {@code fallback} when it is not given. */
  String text(String name, String fallback) {
    return values.getOrDefault(name, fallback);
  }

  /** A folder given as {@code --name}, or null. */
  Path path(String name) {
    return values.containsKey(name) ? Path.of(values.get(name)) : null;
  }

  /** Where benchmarks keep their data: {@code --dir}, by default the temp folder's. */
  Path root() {
    return values.containsKey("dir") ? Path.of(values.get("dir"))
        : Path.of(System.getProperty("java.io.tmpdir"), "dicomsql-bench");
  }
}
