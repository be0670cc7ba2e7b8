package dev.funnelsql.calcite.store;

import org.apache.calcite.sql.SqlCall;
import org.apache.calcite.sql.SqlFunction;
import org.apache.calcite.sql.SqlFunctionCategory;
import org.apache.calcite.sql.SqlKind;
import org.apache.calcite.sql.SqlWriter;
import org.apache.calcite.sql.type.OperandTypes;
import org.apache.calcite.sql.type.ReturnTypes;

/**
 * DuckDB's {@code (value COLLATE C)}: a string compared byte by byte whatever its column's collation, so that
 * {@code DISTINCT} and a join keep {@code 'Cart'} and {@code 'cart'} apart under {@code COLLATE NOCASE}. DuckDB 1.x
 * dropped a collation through {@code value || ''}; 2.x keeps it there, and {@code C} is the one spelling of the
 * binary collation both parse. Used by {@link DuckDbStoreDialect}.
 */
final class BinaryCollation extends SqlFunction {
  /** The operator. */
  static final BinaryCollation INSTANCE = new BinaryCollation();

  private BinaryCollation() {
    super("COLLATE_C", SqlKind.OTHER_FUNCTION, ReturnTypes.ARG0, null, OperandTypes.STRING,
        SqlFunctionCategory.STRING);
  }

  @Override public void unparse(SqlWriter writer, SqlCall call, int leftPrec, int rightPrec) {
    final SqlWriter.Frame frame = writer.startList("(", ")");
    call.operand(0).unparse(writer, 0, 0);
    writer.keyword("COLLATE C");
    writer.endList(frame);
  }
}
