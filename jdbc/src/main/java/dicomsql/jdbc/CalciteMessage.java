package dicomsql.jdbc;

import static org.apache.calcite.util.Static.RESOURCE;

import java.text.MessageFormat;
import java.text.ParsePosition;
import java.util.Arrays;
import java.util.List;
import java.util.Locale;
import java.util.Optional;
import java.util.function.Function;
import org.apache.calcite.runtime.CalciteResource;
import org.apache.calcite.runtime.Resources;

/**
 * The kinds of Calcite's validation errors a user gets a better message or a SQLState for,
 * each recognised by the resources of Calcite's {@link CalciteResource} that raise it (their
 * own message templates, in the locale Calcite renders them in), with the values it was
 * raised with, e.g. the name of the column not found.
 */
enum CalciteMessage {
  UNKNOWN_TABLE(r -> r.objectNotFound(""), r -> r.objectNotFoundWithin("", ""),
      r -> r.objectNotFoundDidYouMean("", ""), r -> r.objectNotFoundWithinDidYouMean("", "", ""),
      r -> r.tableNameNotFound(""), r -> r.tableNameNotFoundDidYouMean("", "")),
  UNKNOWN_COLUMN(r -> r.columnNotFound(""), r -> r.columnNotFoundDidYouMean("", ""),
      r -> r.columnNotFoundInTable("", ""), r -> r.columnNotFoundInTableDidYouMean("", "", ""),
      r -> r.unknownIdentifier("")),
  /** Its value is the signature called, e.g. {@code NOW()} or {@code ROI_SLICES(<NUMERIC>)}. */
  UNKNOWN_FUNCTION(r -> r.validatorUnknownFunction(""), r -> r.functionUndefined("")),
  NOT_GROUPED(r -> r.notGroupExpr(""), r -> r.notSelectDistinctExpr("")),
  NOT_A_QUERY(CalciteResource::illegalNonQueryExpression);

  /** A message recognised: its kind and the values in it, the first being the name. */
  record Match(CalciteMessage kind, List<String> values) {
    String name() {
      return values.isEmpty() ? "" : values.get(0);
    }
  }

  private final List<Function<CalciteResource, Resources.Inst>> resources;

  @SafeVarargs
  CalciteMessage(Function<CalciteResource, Resources.Inst>... resources) {
    this.resources = List.of(resources);
  }

  /** What Calcite meant by this message of one of its exceptions, if it is one of ours. */
  static Optional<Match> of(String message) {
    if (message == null) {
      return Optional.empty();
    }
    for (CalciteMessage kind : values()) {
      for (Function<CalciteResource, Resources.Inst> resource : kind.resources) {
        MessageFormat template = new MessageFormat(resource.apply(RESOURCE).raw(), Locale.ROOT);
        ParsePosition position = new ParsePosition(0);
        Object[] values = template.parse(message, position);
        if (values != null && position.getIndex() == message.length()) {
          return Optional.of(new Match(kind, Arrays.stream(values)
              .map(String::valueOf).toList()));
        }
      }
    }
    return Optional.empty();
  }
}
