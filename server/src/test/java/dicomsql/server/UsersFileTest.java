package dicomsql.server;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class UsersFileTest {
  @TempDir
  Path folder;

  @Test
  void addsUsersInAFileOnlyItsOwnerCanRead() throws IOException {
    Path file = folder.resolve("conf").resolve("users");
    UsersFile.put(file, "alice", "first".toCharArray(), 1000);
    UsersFile.put(file, "bob", "bobs".toCharArray(), 1000);
    UsersFile.put(file, "alice", "second".toCharArray(), 1000);

    assertThat(PosixFilePermissions.toString(Files.getPosixFilePermissions(file)))
        .isEqualTo("rw-------");
    UsersFile users = UsersFile.read(file);
    assertThat(users.names()).containsExactly("alice", "bob");
    assertThat(users.verify("alice", "second".toCharArray())).isTrue();
    assertThat(users.verify("alice", "first".toCharArray())).isFalse();
    assertThat(users.verify("bob", "bobs".toCharArray())).isTrue();
    assertThat(users.verify("carol", "bobs".toCharArray())).isFalse();
    assertThat(Files.readString(file)).doesNotContain("second", "bobs");
  }

  @Test
  void refusesAFileOthersMayRead() throws IOException {
    Path file = folder.resolve("users");
    UsersFile.put(file, "alice", "pw".toCharArray(), 1000);
    Files.setPosixFilePermissions(file, PosixFilePermissions.fromString("rw-r--r--"));
    assertThatThrownBy(() -> UsersFile.read(file))
        .hasMessageContaining("may be read or written by others (rw-r--r--); chmod 600 it");
  }

  @Test
  void saysWhichLineIsWrongAndWhatIsMissing() throws IOException {
    Path file = folder.resolve("users");
    Files.writeString(file, "# users\nalice:plain-text-password\n");
    Files.setPosixFilePermissions(file, PosixFilePermissions.fromString("rw-------"));
    assertThatThrownBy(() -> UsersFile.read(file)).hasMessageContaining("line 2: expected");
    assertThatThrownBy(() -> UsersFile.read(folder.resolve("none")))
        .hasMessageContaining("does not exist; create it with dicomsql serve --add-user");
    assertThatThrownBy(() -> UsersFile.put(file, "no spaces", "pw".toCharArray(), 1))
        .hasMessageContaining("user name 'no spaces' must be");
  }
}
