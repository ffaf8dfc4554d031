package dicomsql.jdbc;

import java.util.Locale;
import org.apache.calcite.runtime.Hook;
import org.apache.calcite.sql.SqlBasicTypeNameSpec;
import org.apache.calcite.sql.SqlCall;
import org.apache.calcite.sql.SqlDataTypeSpec;
import org.apache.calcite.sql.SqlFunction;
import org.apache.calcite.sql.SqlIdentifier;
import org.apache.calcite.sql.SqlKind;
import org.apache.calcite.sql.SqlNode;
import org.apache.calcite.sql.SqlNodeList;
import org.apache.calcite.sql.SqlOrderBy;
import org.apache.calcite.sql.SqlSelect;
import org.apache.calcite.sql.SqlWith;
import org.apache.calcite.sql.fun.SqlStdOperatorTable;
import org.apache.calcite.sql.parser.SqlParserPos;

/**
 * Names a query's unnamed result columns as PostgreSQL does, where Calcite would say
 * {@code EXPR$1}: a function call after the function ({@code count}, {@code avg},
 * {@code round}, {@code roi_volume_cc}), a cast after what it casts (or its type), a CASE
 * {@code case}, anything else {@code ?column?}. It works on the parse tree, through Calcite's
 * {@link Hook#PARSE_TREE}, before the validator derives names; only the outermost select list
 * (the first of a UNION) is named, as only its names reach the user.
 */
final class ColumnNames {
  static final String ANONYMOUS = "?column?";

  private ColumnNames() {}

  /** Names the columns of the statements this thread parses until the result is closed. */
  static Hook.Closeable whileParsing() {
    return Hook.PARSE_TREE.addThread((Object[] sqlAndTree) -> name((SqlNode) sqlAndTree[1]));
  }

  static void name(SqlNode node) {
    if (node instanceof SqlOrderBy orderBy) {
      name(orderBy.query);
    } else if (node instanceof SqlWith with) {
      name(with.body);
    } else if (node instanceof SqlSelect select) {
      nameItems(select.getSelectList());
    } else if (node != null && node.isA(SqlKind.SET_QUERY)) {
      name(((SqlCall) node).operand(0));
    }
  }

  private static void nameItems(SqlNodeList items) {
    if (items == null) {
      return;
    }
    for (int i = 0; i < items.size(); i++) {
      SqlNode item = items.get(i);
      if (item instanceof SqlIdentifier || item.getKind() == SqlKind.AS) {
        continue;
      }
      items.set(i, SqlStdOperatorTable.AS.createCall(item.getParserPosition(), item,
          new SqlIdentifier(nameOf(item), SqlParserPos.ZERO)));
    }
  }

  /** PostgreSQL's name for an expression (its FigureColname). */
  static String nameOf(SqlNode item) {
    if (item instanceof SqlIdentifier identifier) {
      return identifier.names.get(identifier.names.size() - 1);
    }
    if (!(item instanceof SqlCall call)) {
      return ANONYMOUS;
    }
    if (call.getKind() == SqlKind.CAST) {
      SqlNode operand = call.operand(0);
      if (operand instanceof SqlIdentifier || operand instanceof SqlCall) {
        String inner = nameOf(operand);
        if (!inner.equals(ANONYMOUS)) {
          return inner;
        }
      }
      return call.operand(1) instanceof SqlDataTypeSpec type
          && type.getTypeNameSpec() instanceof SqlBasicTypeNameSpec basic
          ? basic.getTypeName().getSimple().toLowerCase(Locale.ROOT) : ANONYMOUS;
    }
    if (call.getKind() == SqlKind.CASE) {
      return "case";
    }
    if (call.getOperator() instanceof SqlFunction function) {
      return function.getName().toLowerCase(Locale.ROOT);
    }
    return ANONYMOUS;
  }
}
