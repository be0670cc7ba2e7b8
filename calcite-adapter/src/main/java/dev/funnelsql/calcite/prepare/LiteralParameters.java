package dev.funnelsql.calcite.prepare;

import java.util.ArrayList;
import java.util.List;
import java.util.regex.Pattern;
import org.apache.calcite.avatica.AvaticaParameter;
import org.apache.calcite.jdbc.CalcitePrepare.CalciteSignature;
import org.apache.calcite.rel.type.RelDataTypeFactory;
import org.apache.calcite.sql.SqlKind;
import org.apache.calcite.sql.SqlNode;
import org.apache.calcite.sql.parser.SqlParseException;
import org.apache.calcite.sql.parser.SqlParser;
import org.apache.calcite.sql.parser.SqlParserPos;
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

  /** Where a parameter's literal is in the text: {@code [start, end)}. */
  private record Span(int start, int end) {
  }

  private final String sql;
  private final String keySql;
  private final List<String> keyTypes;
  private final List<LiteralParameter> parameters;
  private final List<Span> spans;

  private LiteralParameters(String sql, List<LiteralParameter> parameters, List<Span> spans) {
    this.sql = sql;
    this.parameters = List.copyOf(parameters);
    this.spans = List.copyOf(spans);
    final List<String> types = new ArrayList<>();
    for (LiteralParameter parameter : parameters) {
      types.add(parameter.keyType());
    }
    this.keyTypes = List.copyOf(types);
    final StringBuilder masked = new StringBuilder();
    int done = 0;
    for (Span span : spans) {
      masked.append(sql, done, span.start()).append('?');
      done = span.end();
    }
    this.keySql = masked.append(sql, done, sql.length()).toString();
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
    final TextPositions positions = new TextPositions(sql);
    final List<LiteralParameter> parameters = new ArrayList<>();
    final List<Span> spans = new ArrayList<>();
    int done = 0;
    for (FilterLiterals.Slot slot : slots) {
      final SqlParserPos pos = slot.literal().getParserPosition();
      final int start = positions.offset(pos.getLineNum(), pos.getColumnNum());
      final int end = positions.offset(pos.getEndLineNum(), pos.getEndColumnNum()) + 1;
      if (start < done || end <= start || end > sql.length() || !looksLike(slot, sql.substring(start, end))) {
        // A position that does not cover exactly a literal's characters: the statement is planned as it is.
        return null;
      }
      parameters.add(slot.parameter());
      spans.add(new Span(start, end));
      done = end;
    }
    return new LiteralParameters(sql, parameters, spans);
  }

  private static boolean looksLike(FilterLiterals.Slot slot, String text) {
    if (slot.parameter().isString()) {
      return text.length() >= 2 && text.charAt(0) == '\'' && text.charAt(text.length() - 1) == '\'';
    }
    return NUMBER.matcher(text).matches();
  }

  /**
   * The parameters of a statement of a known shape, read from its tokens without parsing it, or null if one of
   * those tokens cannot be a parameter here (a string the character set cannot encode, say).
   */
  static @Nullable LiteralParameters of(String sql, LiteralTokens tokens, LiteralTemplate template,
      RelDataTypeFactory typeFactory) {
    final List<LiteralParameter> parameters = new ArrayList<>();
    final List<Span> spans = new ArrayList<>();
    for (int i = 0; i < template.tokens().size(); i++) {
      final int index = template.tokens().get(i);
      if (index >= tokens.literals().size()) {
        return null;
      }
      final LiteralTokens.Token token = tokens.literals().get(index);
      final boolean negated = template.negated().get(i);
      if (negated && token.minusStart() < 0) {
        return null;
      }
      final @Nullable LiteralParameter parameter =
          LiteralParameter.of(sql.substring(token.start(), token.end()), token.kind(), negated, typeFactory);
      if (parameter == null) {
        return null;
      }
      parameters.add(parameter);
      spans.add(new Span(negated ? token.minusStart() : token.start(), token.end()));
    }
    return new LiteralParameters(sql, parameters, spans);
  }

  /**
   * Which of the statement's tokens are its parameters, if reading them from the tokens gives these parameters back
   * exactly; else null (the statement's shape is then always parsed).
   */
  @Nullable LiteralTemplate template(LiteralTokens tokens, RelDataTypeFactory typeFactory) {
    final List<Integer> indexes = new ArrayList<>();
    final List<Boolean> negated = new ArrayList<>();
    for (Span span : spans) {
      int found = -1;
      for (int t = 0; t < tokens.literals().size() && found < 0; t++) {
        final LiteralTokens.Token token = tokens.literals().get(t);
        if (token.end() == span.end() && (token.start() == span.start() || token.minusStart() == span.start())) {
          found = t;
          negated.add(token.start() != span.start());
        }
      }
      if (found < 0) {
        return null;
      }
      indexes.add(found);
    }
    final LiteralTemplate template = new LiteralTemplate(indexes, negated);
    final @Nullable LiteralParameters read = of(sql, tokens, template, typeFactory);
    return read != null && read.keySql.equals(keySql) && read.sameValues(this) ? template : null;
  }

  private boolean sameValues(LiteralParameters other) {
    if (other.parameters.size() != parameters.size()) {
      return false;
    }
    for (int i = 0; i < parameters.size(); i++) {
      if (!parameters.get(i).sameAs(other.parameters.get(i))) {
        return false;
      }
    }
    return true;
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
    if (slots.size() != parameters.size()) {
      throw new IllegalStateException("the statement's literals are not the ones its plan is kept by");
    }
    for (int i = 0; i < slots.size(); i++) {
      if (!slots.get(i).parameter().sameAs(parameters.get(i))) {
        throw new IllegalStateException("the statement's literals are not the ones its plan is kept by");
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
