package dicomsql.connector;

import com.google.common.cache.Cache;
import com.google.common.cache.CacheBuilder;
import java.lang.reflect.Type;
import java.util.List;
import java.util.concurrent.ExecutionException;
import org.apache.calcite.avatica.Meta;
import org.apache.calcite.schema.Schema;

/**
 * Calcite's preparation (with this connector's {@link PlannerSetUp}) with a cache of prepared
 * queries per connection, keyed by the SQL text (and what else decides the plan: default
 * schema, row type wanted, row limit): a statement sent again as text is neither parsed,
 * planned nor compiled again. Sound because a
 * connection's schema stays as it was opened (its index is not refreshed under it) and the
 * plans take their constants from the statement's context at run time. Only queries are
 * cached: DDL acts when it is prepared.
 */
public final class StatementCache extends PlannerSetUp {
  private static final int PER_CONNECTION = 256;

  /**
   * By connection: its root schema, held weakly so that closed connections go. (Each statement
   * sees a snapshot of the connection's schemas, all over the same schema objects.)
   */
  private static final Cache<Schema, Cache<Key, CalciteSignature<?>>> CONNECTIONS =
      CacheBuilder.newBuilder().weakKeys().build();

  private record Key(String sql, List<String> schemaPath, Type elementType, long maxRowCount) {}

  @Override
  @SuppressWarnings("unchecked")
  public <T> CalciteSignature<T> prepareSql(Context context, Query<T> query, Type elementType,
      long maxRowCount) {
    if (query.sql == null) {
      return super.prepareSql(context, query, elementType, maxRowCount);
    }
    Cache<Key, CalciteSignature<?>> plans = plansOf(context.getRootSchema().schema);
    Key key = new Key(query.sql, List.copyOf(context.getDefaultSchemaPath()), elementType,
        maxRowCount);
    CalciteSignature<?> known = plans.getIfPresent(key);
    if (known != null) {
      return (CalciteSignature<T>) known;
    }
    CalciteSignature<T> prepared = super.prepareSql(context, query, elementType, maxRowCount);
    if (prepared.statementType == Meta.StatementType.SELECT) {
      plans.put(key, prepared);
    }
    return prepared;
  }

  private static Cache<Key, CalciteSignature<?>> plansOf(Schema root) {
    try {
      return CONNECTIONS.get(root,
          () -> CacheBuilder.newBuilder().maximumSize(PER_CONNECTION).build());
    } catch (ExecutionException e) {
      throw new IllegalStateException(e.getCause());
    }
  }
}
