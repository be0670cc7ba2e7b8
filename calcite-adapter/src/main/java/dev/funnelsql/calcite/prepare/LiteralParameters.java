package dev.funnelsql.calcite.prepare;

import java.util.ArrayList;
import java.util.List;
import java.util.regex.Pattern;
import org.apache.calcite.avatica.AvaticaParameter;
import org.apache.calcite.jdbc.CalcitePrepare.CalciteSignature;
import org.apache.calcite.rel.type.RelDataTypeFactory;
import org.apache.calcite.sql.SqlKind;
import org.apache.calcite.sql.SqlLiteral;
import org.apache.calcite.sql.SqlNode;
import org.apache.calcite.sql.parser.SqlParseException;
import org.apache.calcite.sql.parser.SqlParser;
import org.apache.calcite.sql.parser.SqlParserPos;
import org.apache.calcite.util.Litmus;
import org.checkerframework.checker.nullness.qual.Nullable;

/**
 * A query whose filter literals ({@link FilterLiterals}) are planned as parameters, so that every query that differs
 * from it only in those literals shares its plan: dashboards send literal SQL, and each filter change is a new text.
 * The plan's key is the text with each literal's characters replaced by {@code ?}, plus the literals' types; the plan
 * is prepared from the same statement with the literals replaced by parameters in its parsed tree, and each execution
 * binds the statement's own values ({@link BoundParameters}).
 */
final class LiteralParameters {
  private static final Pattern NUMBER = Pattern.compile("-?\\s*(\\d+\\.?\\d*|\\.\\d+)([eE][-+]?\\d+)?");

  private final String sql;
  private final String keySql;
  private final List<String> keyTypes;
  private final List<SqlLiteral> literals;
  private final List<LiteralParameter> parameters;

  private LiteralParameters(String sql, String keySql, List<FilterLiterals.Slot> slots) {
    this.sql = sql;
    this.keySql = keySql;
    this.keyTypes = new ArrayList<>();
    this.literals = new ArrayList<>();
    this.parameters = new ArrayList<>();
    for (FilterLiterals.Slot slot : slots) {
      keyTypes.add(slot.parameter().keyType());
      literals.add(slot.literal());
      parameters.add(slot.parameter());
    }
  }

  /**
   * The parameters of a query, or null if it has no literal to share a plan over (or is not a query, or does not
   * parse: then it is prepared as it is, and any error reported as usual).
   */
  static @Nullable LiteralParameters of(String sql, SqlParser.Config parserConfig, RelDataTypeFactory typeFactory) {
    final SqlNode statement;
    try {
      statement = SqlParser.create(sql, parserConfig).parseStmt();
    } catch (SqlParseException | RuntimeException e) {
      return null;
    }
    if (!statement.getKind().belongsTo(SqlKind.QUERY)) {
      return null;
    }
    final List<FilterLiterals.Slot> slots = FilterLiterals.find(statement, typeFactory);
    if (slots.isEmpty()) {
      return null;
    }
    final @Nullable String keySql = mask(sql, slots);
    return keySql == null ? null : new LiteralParameters(sql, keySql, slots);
  }

  /**
   * The text with each literal's characters replaced by {@code ?}, or null if a literal's position does not cover
   * exactly a literal's characters (then the statement is planned as it is).
   */
  private static @Nullable String mask(String sql, List<FilterLiterals.Slot> slots) {
    final TextPositions positions = new TextPositions(sql);
    final StringBuilder masked = new StringBuilder();
    int done = 0;
    for (FilterLiterals.Slot slot : slots) {
      final SqlParserPos pos = slot.literal().getParserPosition();
      final int start = positions.offset(pos.getLineNum(), pos.getColumnNum());
      final int end = positions.offset(pos.getEndLineNum(), pos.getEndColumnNum()) + 1;
      if (start < done || end <= start || end > sql.length() || !looksLike(slot, sql.substring(start, end))) {
        return null;
      }
      masked.append(sql, done, start).append('?');
      done = end;
    }
    return masked.append(sql, done, sql.length()).toString();
  }

  private static boolean looksLike(FilterLiterals.Slot slot, String text) {
    if (slot.parameter().keyType().equals("CHAR")) {
      return text.length() >= 2 && text.charAt(0) == '\'' && text.charAt(text.length() - 1) == '\'';
    }
    return NUMBER.matcher(text).matches();
  }

  /** The text the plan is kept by: the statement with each literal replaced by {@code ?}. */
  String keySql() {
    return keySql;
  }

  /** The literals' types, which are part of the plan's key. */
  List<String> keyTypes() {
    return keyTypes;
  }

  /**
   * Replaces, in the tree Calcite parsed from the same text, each literal by its parameter.
   *
   * @throws IllegalStateException if the tree's literals are not the ones this was made from
   */
  void applyTo(SqlNode parsed, RelDataTypeFactory typeFactory) {
    final List<FilterLiterals.Slot> slots = FilterLiterals.find(parsed, typeFactory);
    if (slots.size() != literals.size()) {
      throw new IllegalStateException("the statement's literals changed between parses");
    }
    for (int i = 0; i < slots.size(); i++) {
      if (!slots.get(i).literal().equalsDeep(literals.get(i), Litmus.IGNORE)) {
        throw new IllegalStateException("the statement's literals changed between parses");
      }
    }
    for (int i = 0; i < slots.size(); i++) {
      final FilterLiterals.Slot slot = slots.get(i);
      slot.parent().setOperand(slot.operand(), parameters.get(i).node(i, slot.literal().getParserPosition()));
    }
  }

  /**
   * Whether a plan prepared with these parameters can be shared at all: each parameter was typed as the literal's
   * kind (a string as {@code VARCHAR}, a number as a number). Otherwise no variant of the statement can share it.
   */
  boolean sharable(CalciteSignature<?> plan) {
    final List<AvaticaParameter> planned = plan.parameters;
    if (planned.size() != parameters.size()) {
      return false;
    }
    for (int i = 0; i < parameters.size(); i++) {
      if (!parameters.get(i).sameKind(planned.get(i))) {
        return false;
      }
    }
    return true;
  }

  /**
   * The shared plan, executed with this statement's values (to its user, a statement without parameters), or null
   * if one of the values does not fit its parameter exactly (then the statement is planned with its literals).
   */
  <T> @Nullable CalciteSignature<T> bind(CalciteSignature<T> plan) {
    if (!sharable(plan)) {
      return null;
    }
    final List<Object> values = new ArrayList<>();
    for (int i = 0; i < parameters.size(); i++) {
      final @Nullable Object value = parameters.get(i).valueFor(plan.parameters.get(i));
      if (value == null) {
        return null;
      }
      values.add(value);
    }
    return new CalciteSignature<>(sql, List.of(), plan.internalParameters, plan.rowType, plan.columns,
        plan.cursorFactory, plan.rootSchema, plan.getCollationList(), -1,
        dataContext -> plan.enumerable(new BoundParameters(dataContext, values)), plan.statementType);
  }
}
