package dicomsql.jdbc;

import static org.apache.calcite.util.Static.RESOURCE;
import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;
import org.junit.jupiter.api.Test;

/** Calcite's messages, as its own resources render them, are known by kind and values. */
class CalciteMessageTest {
  private static CalciteMessage.Match match(String message) {
    return CalciteMessage.of(message).orElseThrow();
  }

  @Test
  void eachKindIsKnownFromEveryResourceThatRaisesIt() {
    assertThat(match(RESOURCE.objectNotFoundWithin("roiz", "dicom").str()))
        .isEqualTo(new CalciteMessage.Match(CalciteMessage.UNKNOWN_TABLE,
            List.of("roiz", "dicom")));
    assertThat(match(RESOURCE.tableNameNotFound("x").str()).kind())
        .isEqualTo(CalciteMessage.UNKNOWN_TABLE);
    assertThat(match(RESOURCE.columnNotFoundInTableDidYouMean("Roi_Nme", "r", "roi_name")
        .str()).name()).isEqualTo("Roi_Nme");
    assertThat(match(RESOURCE.validatorUnknownFunction("NOW()").str()).name())
        .isEqualTo("NOW()");
    assertThat(match(RESOURCE.notGroupExpr("roi_name").str()).kind())
        .isEqualTo(CalciteMessage.NOT_GROUPED);
    assertThat(match(RESOURCE.illegalNonQueryExpression().str()).kind())
        .isEqualTo(CalciteMessage.NOT_A_QUERY);
  }

  @Test
  void otherMessagesAreNotTakenForOnes() {
    assertThat(CalciteMessage.of("Column 'x' not found in any table, really")).isEmpty();
    assertThat(CalciteMessage.of(RESOURCE.invalidOrderByPos().str())).isEmpty();
    assertThat(CalciteMessage.of(null)).isEmpty();
  }
}
