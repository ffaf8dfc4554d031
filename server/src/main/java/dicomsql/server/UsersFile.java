package dicomsql.server;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.nio.file.attribute.PosixFileAttributeView;
import java.nio.file.attribute.PosixFilePermission;
import java.nio.file.attribute.PosixFilePermissions;
import java.util.ArrayList;
import java.util.Collections;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.regex.Pattern;

/**
 * The users a server lets in: a text file of {@code NAME:pbkdf2-sha256:ITERATIONS:SALT:HASH}
 * lines ({@code #} starts a comment), written by {@code dicomsql serve --add-user} with mode
 * 0600, and refused when others may read or write it, as ssh refuses an open private key.
 */
public final class UsersFile {
  private static final Pattern NAME = Pattern.compile("[A-Za-z0-9._@-]{1,64}");
  /** Hashed when the user is unknown, so that a wrong name costs as long as a wrong password. */
  private static final PasswordHash NOBODY = PasswordHash.of(new char[0], 1);

  private final Path file;
  private final Map<String, PasswordHash> users;

  private UsersFile(Path file, Map<String, PasswordHash> users) {
    this.file = file;
    this.users = users;
  }

  /** Reads a users file; an IOException that says which line is wrong, or why it is unsafe. */
  public static UsersFile read(Path file) throws IOException {
    if (!Files.isRegularFile(file)) {
      throw new IOException("users file " + file + " does not exist; create it with "
          + "dicomsql serve --add-user NAME --users " + file);
    }
    Set<PosixFilePermission> open = openPermissions(file);
    if (!open.isEmpty()) {
      throw new IOException("users file " + file + " may be read or written by others ("
          + PosixFilePermissions.toString(Files.getPosixFilePermissions(file))
          + "); chmod 600 it");
    }
    Map<String, PasswordHash> users = new LinkedHashMap<>();
    List<String> lines = Files.readAllLines(file, StandardCharsets.UTF_8);
    for (int i = 0; i < lines.size(); i++) {
      String line = lines.get(i).strip();
      if (line.isEmpty() || line.startsWith("#")) {
        continue;
      }
      int colon = line.indexOf(':');
      try {
        if (colon < 0) {
          throw new IllegalArgumentException("expected NAME:" + PasswordHash.SCHEME + ":…");
        }
        users.put(checkName(line.substring(0, colon)),
            PasswordHash.parse(line.substring(colon + 1)));
      } catch (IllegalArgumentException e) {
        throw new IOException(file + " line " + (i + 1) + ": " + e.getMessage(), e);
      }
    }
    if (users.isEmpty()) {
      throw new IOException("users file " + file + " has no users; add one with "
          + "dicomsql serve --add-user NAME --users " + file);
    }
    return new UsersFile(file, users);
  }

  /**
   * Adds a user or sets a user's password, creating the file (mode 0600) if needed; the file is
   * rewritten beside itself and moved into place, so a reader never sees half of it.
   */
  public static void put(Path file, String name, char[] password, int iterations)
      throws IOException {
    checkName(name);
    if (password.length == 0) {
      throw new IllegalArgumentException("the password is empty");
    }
    Map<String, PasswordHash> users = Files.exists(file) ? read(file).users
        : new LinkedHashMap<>();
    users.put(name, PasswordHash.of(password, iterations));
    List<String> lines = new ArrayList<>();
    lines.add("# dicomsql serve users: NAME:" + PasswordHash.SCHEME
        + ":ITERATIONS:SALT:HASH (dicomsql serve --add-user NAME)");
    users.forEach((user, hash) -> lines.add(user + ":" + hash.format()));
    Path parent = file.toAbsolutePath().getParent();
    Files.createDirectories(parent);
    Path temporary = Files.createTempFile(parent, ".users", ".tmp");
    try {
      restrict(temporary);
      Files.write(temporary, lines, StandardCharsets.UTF_8);
      Files.move(temporary, file, StandardCopyOption.REPLACE_EXISTING,
          StandardCopyOption.ATOMIC_MOVE);
    } finally {
      Files.deleteIfExists(temporary);
    }
  }

  public static void put(Path file, String name, char[] password) throws IOException {
    put(file, name, password, PasswordHash.ITERATIONS);
  }

  /** Whether the user exists and the password is theirs. */
  public boolean verify(String name, char[] password) {
    PasswordHash hash = users.get(name);
    if (hash == null) {
      NOBODY.matches(password);
      return false;
    }
    return hash.matches(password);
  }

  public Set<String> names() {
    return Collections.unmodifiableSet(users.keySet());
  }

  public Path file() {
    return file;
  }

  private static String checkName(String name) {
    if (!NAME.matcher(name).matches()) {
      throw new IllegalArgumentException("user name '" + name + "' must be 1 to 64 letters, "
          + "digits or . _ @ -");
    }
    return name;
  }

  private static Set<PosixFilePermission> openPermissions(Path file) throws IOException {
    if (Files.getFileAttributeView(file, PosixFileAttributeView.class) == null) {
      return Set.of();
    }
    Set<PosixFilePermission> open = new HashSet<>(Files.getPosixFilePermissions(file));
    open.retainAll(Set.of(PosixFilePermission.GROUP_READ, PosixFilePermission.GROUP_WRITE,
        PosixFilePermission.OTHERS_READ, PosixFilePermission.OTHERS_WRITE));
    return open;
  }

  private static void restrict(Path file) throws IOException {
    if (Files.getFileAttributeView(file, PosixFileAttributeView.class) != null) {
      Files.setPosixFilePermissions(file, PosixFilePermissions.fromString("rw-------"));
    }
  }
}
