package dicomsql.jdbc;

import java.util.Properties;
import org.apache.calcite.config.CalciteConnectionConfigImpl;

/**
 * A connection's Calcite settings, with the ones Calcite reads on every run of a statement
 * read once. Calcite's own config reads a setting by parsing all of the connection's
 * properties again (each name upper-cased, a map built), and a run reads four settings, the
 * time zone twice: about a tenth of the server's CPU for a served prepared lookup. Reading
 * them once is safe because a connection's properties are the driver's own, fixed when it is
 * made ({@link DicomDriver}; Avatica refuses {@code setClientInfo}).
 */
final class FixedConnectionConfig extends CalciteConnectionConfigImpl {
  private final String timeZone;
  private final String locale;
  private final boolean spark;
  private final boolean autoTemp;

  FixedConnectionConfig(Properties properties) {
    super(properties);
    this.timeZone = super.timeZone();
    this.locale = super.locale();
    this.spark = super.spark();
    this.autoTemp = super.autoTemp();
  }

  @Override
  public String timeZone() {
    return timeZone;
  }

  @Override
  public String locale() {
    return locale;
  }

  @Override
  public boolean spark() {
    return spark;
  }

  @Override
  public boolean autoTemp() {
    return autoTemp;
  }
}
