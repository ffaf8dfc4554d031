package dicomsql.jdbc;

import static org.assertj.core.api.Assertions.assertThat;

import java.sql.SQLException;
import java.util.Collection;
import java.util.List;
import java.util.Optional;
import org.junit.jupiter.api.Test;

class SqlErrorsTest {
  private static final SqlErrors.Names NAMES = new SqlErrors.Names() {
    @Override
    public Collection<String> tables() {
      return List.of("rois");
    }

    @Override
    public Collection<String> columns() {
      return List.of("roi_name");
    }

    @Override
    public Collection<String> functions() {
      return List.of("roi_png");
    }

    @Override
    public Collection<String> tablesWith(String column) {
      return List.of();
    }

    @Override
    public Optional<String> signature(String function) {
      return Optional.empty();
    }
  };

  @Test
  void aFailureWithoutAMessageIsNamedWithWhereItHappened() {
    NullPointerException bug = new NullPointerException();
    bug.setStackTrace(new StackTraceElement[] {
        new StackTraceElement("java.util.Objects", "requireNonNull", "Objects.java", 209),
        new StackTraceElement("dicomsql.engine.index.DerivedTables", "representative",
            "DerivedTables.java", 171)});
    SQLException wrapped = new SQLException("Error while executing SQL \"SELECT 1\": null",
        new SQLException(null, bug));
    assertThat(SqlErrors.clean(wrapped, NAMES, "SELECT 1").getMessage()).isEqualTo("internal error: "
        + "NullPointerException at DerivedTables.representative:171 (please report it, with "
        + "--verbose output)");
  }

  @Test
  void javaClassNamesLeaveMessages() {
    RuntimeException unchecked = new RuntimeException(
        new java.io.IOException("data folder /x does not exist"));
    SQLException wrapped = new SQLException("Error while executing SQL \"SELECT 1\": "
        + unchecked.getMessage(), unchecked);
    assertThat(SqlErrors.clean(wrapped, NAMES, "SELECT 1").getMessage())
        .isEqualTo("data folder /x does not exist");
  }
}
