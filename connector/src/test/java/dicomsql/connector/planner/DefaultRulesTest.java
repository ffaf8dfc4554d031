package dicomsql.connector.planner;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;
import org.apache.calcite.plan.RelOptRule;
import org.apache.calcite.plan.RelOptUtil;
import org.apache.calcite.plan.volcano.VolcanoPlanner;
import org.junit.jupiter.api.Test;

class DefaultRulesTest {
  @Test
  void registersTheRulesOfCalcitesDefaultPlannerInItsOrder() {
    VolcanoPlanner calcites = new VolcanoPlanner();
    RelOptUtil.registerDefaultRules(calcites, false, false);
    VolcanoPlanner ours = new VolcanoPlanner();
    DefaultRules.register(ours, false, false);

    assertThat(described(ours.getRules())).isEqualTo(described(calcites.getRules()));
    // Equal rules: the same class, description and operands.
    assertThat(ours.getRules()).isEqualTo(calcites.getRules());
  }

  @Test
  void withMaterializationsOrBindableRelsRegistersWhatCalciteDoes() {
    for (boolean bindable : new boolean[] {false, true}) {
      VolcanoPlanner calcites = new VolcanoPlanner();
      RelOptUtil.registerDefaultRules(calcites, true, bindable);
      VolcanoPlanner ours = new VolcanoPlanner();
      DefaultRules.register(ours, true, bindable);
      assertThat(ours.getRules()).isEqualTo(calcites.getRules());
    }
  }

  private static List<String> described(List<RelOptRule> rules) {
    return rules.stream().map(rule -> rule.getClass().getName() + " " + rule).toList();
  }
}
