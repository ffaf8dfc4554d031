package dicomsql.connector;

import java.lang.reflect.Type;
import java.util.ArrayList;
import java.util.List;
import java.util.function.Consumer;
import java.util.function.Supplier;
import org.apache.calcite.plan.RelOptUtil;
import org.apache.calcite.prepare.CalcitePrepareImpl;
import org.apache.calcite.rel.RelRoot;
import org.apache.calcite.runtime.Hook;

/**
 * The connector's preparation ({@link PlannerSetUp}, without {@link StatementCache}'s cache)
 * that also plans each query with Calcite's own default set-up ({@code CalcitePrepareImpl}:
 * {@code RelOptUtil.registerDefaultRules} and {@code Programs.standard()}), and fails when the
 * two final plans differ. The connector's tests connect with it (see {@link TestConnections}),
 * so every query they plan checks that our planner set-up plans as Calcite's does.
 */
final class PlansComparedWithCalcites extends PlannerSetUp {
  @Override
  public <T> CalciteSignature<T> prepareSql(Context context, Query<T> query, Type elementType,
      long maxRowCount) {
    List<String> ours = new ArrayList<>();
    CalciteSignature<T> signature = planned(ours,
        () -> super.prepareSql(context, query, elementType, maxRowCount));
    if (!ours.isEmpty()) {
      List<String> calcites = new ArrayList<>();
      planned(calcites, () -> new CalcitePrepareImpl().prepareSql(context, query, elementType,
          maxRowCount));
      if (!calcites.equals(ours)) {
        throw new AssertionError("planned otherwise than by Calcite's default planner: "
            + query.sql + "\nours:\n" + ours + "\nCalcite's:\n" + calcites);
      }
    }
    return signature;
  }

  /** What {@code preparation} gives; each query's final plan goes to {@code plans}. */
  @SuppressWarnings("deprecation")
  private static <S> S planned(List<String> plans, Supplier<S> preparation) {
    try (Hook.Closeable hook = Hook.PLAN_BEFORE_IMPLEMENTATION.addThread(
        (Consumer<RelRoot>) root -> plans.add(RelOptUtil.toString(root.rel)))) {
      return preparation.get();
    }
  }
}
