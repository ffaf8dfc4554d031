package dicomsql.jdbc;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.Properties;
import org.apache.calcite.config.CalciteConnectionConfig;
import org.apache.calcite.config.CalciteConnectionConfigImpl;
import org.junit.jupiter.api.Test;

class FixedConnectionConfigTest {
  @Test
  void answersTheSettingsItReadsOnceAsCalciteReadsThem() {
    Properties properties = new Properties();
    properties.setProperty("timeZone", "Europe/Zurich");
    properties.setProperty("locale", "de_CH");
    properties.setProperty("spark", "true");
    properties.setProperty("autoTemp", "true");
    properties.setProperty("caseSensitive", "false");

    assertSameAnswers(new FixedConnectionConfig(properties),
        new CalciteConnectionConfigImpl(properties));
  }

  @Test
  void answersCalcitesDefaultsWhenNothingIsSet() {
    Properties none = new Properties();

    assertSameAnswers(new FixedConnectionConfig(none), new CalciteConnectionConfigImpl(none));
  }

  private static void assertSameAnswers(CalciteConnectionConfig fixed,
      CalciteConnectionConfig calcite) {
    assertThat(fixed.timeZone()).isEqualTo(calcite.timeZone());
    assertThat(fixed.locale()).isEqualTo(calcite.locale());
    assertThat(fixed.spark()).isEqualTo(calcite.spark());
    assertThat(fixed.autoTemp()).isEqualTo(calcite.autoTemp());
    assertThat(fixed.caseSensitive()).isEqualTo(calcite.caseSensitive());
  }
}
