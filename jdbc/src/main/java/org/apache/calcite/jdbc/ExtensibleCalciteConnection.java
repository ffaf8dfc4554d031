package org.apache.calcite.jdbc;

import java.sql.PreparedStatement;
import java.sql.SQLException;
import java.util.Properties;
import org.apache.calcite.adapter.java.JavaTypeFactory;
import org.apache.calcite.avatica.AvaticaFactory;
import org.apache.calcite.avatica.UnregisteredDriver;

/**
 * Calcite's JDBC connection, open to subclasses outside this package. Calcite's own is
 * package-private, and so is every class an {@link AvaticaFactory} must return for Calcite to
 * run its statements; this class only widens that access (it lives in Calcite's package inside
 * the dicomsql driver's jar, which needs both jars in one class loader, as a JDBC driver's jars
 * are). It adds one point to wrap: the preparation of a statement.
 */
public abstract class ExtensibleCalciteConnection extends CalciteConnectionImpl {
  protected ExtensibleCalciteConnection(UnregisteredDriver driver, AvaticaFactory factory,
      String url, Properties info, CalciteSchema rootSchema, JavaTypeFactory typeFactory) {
    super((Driver) driver, factory, url, info, rootSchema, typeFactory);
  }

  /** Calcite's preparation of a statement, called through {@link #prepare}. */
  @FunctionalInterface
  protected interface Preparation<T extends PreparedStatement> {
    T run() throws SQLException;
  }

  @Override
  public final CalcitePreparedStatement prepareStatement(String sql, int resultSetType,
      int resultSetConcurrency, int resultSetHoldability) throws SQLException {
    return prepare(sql, () -> super.prepareStatement(sql, resultSetType, resultSetConcurrency,
        resultSetHoldability));
  }

  /**
   * Prepares {@code sql} by running Calcite's {@code preparation}; every {@code prepareStatement}
   * of the connection comes here.
   */
  protected <T extends PreparedStatement> T prepare(String sql, Preparation<T> preparation)
      throws SQLException {
    return preparation.run();
  }
}
