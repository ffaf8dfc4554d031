package org.apache.calcite.jdbc;

import java.lang.reflect.Field;
import java.sql.PreparedStatement;
import java.sql.SQLException;
import java.util.Map;
import java.util.Properties;
import java.util.concurrent.ConcurrentHashMap;
import org.apache.calcite.adapter.java.JavaTypeFactory;
import org.apache.calcite.avatica.AvaticaFactory;
import org.apache.calcite.avatica.UnregisteredDriver;

/**
 * Calcite's JDBC connection, open to subclasses outside this package. Calcite's own is
 * package-private, and so is every class an {@link AvaticaFactory} must return for Calcite to
 * run its statements; this class only widens that access (it lives in Calcite's package inside
 * the dicomsql driver's jar, which needs both jars in one class loader, as a JDBC driver's jars
 * are). It adds one point to wrap: the preparation of a statement.
 *
 * <p>It also makes the connection safe to use from several threads at once, as JDBC tools do
 * (SchemaCrawler reads metadata from several threads, each metadata call runs a statement).
 * Calcite keeps a connection's statements in a plain {@code HashMap} by number, and Avatica
 * numbers them with an unguarded counter: two statements made at once could get one number
 * ({@code AssertionError} in {@code CalciteServerImpl.addStatement}) and a map changed from
 * two threads could lose one ({@code NoSuchStatementException}, "no statement"). Here the map
 * is a concurrent one, and statements are made one at a time ({@link #numbered}).
 */
public abstract class ExtensibleCalciteConnection extends CalciteConnectionImpl {
  private final Object numbering = new Object();

  protected ExtensibleCalciteConnection(UnregisteredDriver driver, AvaticaFactory factory,
      String url, Properties info, CalciteSchema rootSchema, JavaTypeFactory typeFactory) {
    super((Driver) driver, factory, url, info, rootSchema, typeFactory);
    concurrentStatementMap();
  }

  /** Replaces Calcite's map of the connection's statements by a concurrent one. */
  private void concurrentStatementMap() {
    try {
      Field map = server.getClass().getDeclaredField("statementMap");
      map.setAccessible(true);
      map.set(server, new ConcurrentHashMap<>((Map<?, ?>) map.get(server)));
    } catch (ReflectiveOperationException | ClassCastException e) {
      throw new IllegalStateException("this Calcite keeps its statements otherwise than "
          + "dicomsql expects: " + e, e);
    }
  }

  /** A call that makes or prepares a JDBC object. */
  @FunctionalInterface
  public interface JdbcCall<T> {
    T run() throws SQLException;
  }

  /**
   * Makes a statement of this connection by running {@code making} (an {@link AvaticaFactory}
   * call) while no other thread makes one, so that it gets a number of its own.
   */
  public final <T> T numbered(JdbcCall<T> making) throws SQLException {
    synchronized (numbering) {
      return making.run();
    }
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
  protected <T extends PreparedStatement> T prepare(String sql, JdbcCall<T> preparation)
      throws SQLException {
    return preparation.run();
  }
}
