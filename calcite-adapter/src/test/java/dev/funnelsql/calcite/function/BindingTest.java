package dev.funnelsql.calcite.function;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertSame;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.funnelsql.functions.funnel.FunnelMode;
import dev.funnelsql.functions.funnel.FunnelSpec;
import dev.funnelsql.functions.sequence.SequencePattern;
import java.math.BigDecimal;
import java.util.EnumSet;
import java.util.List;
import org.apache.calcite.avatica.util.TimeUnit;
import org.apache.calcite.jdbc.JavaTypeFactoryImpl;
import org.apache.calcite.rel.type.RelDataType;
import org.apache.calcite.rel.type.RelDataTypeFactory;
import org.apache.calcite.rex.RexBuilder;
import org.apache.calcite.rex.RexLiteral;
import org.apache.calcite.sql.SqlIntervalQualifier;
import org.apache.calcite.sql.parser.SqlParserPos;
import org.apache.calcite.sql.type.SqlTypeName;
import org.junit.jupiter.api.Test;

/**
 * Binding a behavioural aggregate to the literals of its constant arguments: it yields the validated spec both
 * back ends run, and windows are decoded onto the time line in one place.
 */
class BindingTest {
  private static final RelDataTypeFactory TYPES = new JavaTypeFactoryImpl();
  private static final RexBuilder REX = new RexBuilder(TYPES);
  private static final RelDataType TIMESTAMP = TYPES.createSqlType(SqlTypeName.TIMESTAMP, 3);
  private static final RelDataType BIGINT = TYPES.createSqlType(SqlTypeName.BIGINT);
  private static final RelDataType BOOLEAN = TYPES.createSqlType(SqlTypeName.BOOLEAN);
  private static final RelDataType VARCHAR = TYPES.createSqlType(SqlTypeName.VARCHAR);

  private static RexLiteral days(long days) {
    return REX.makeIntervalLiteral(BigDecimal.valueOf(days * 86_400_000L),
        new SqlIntervalQualifier(TimeUnit.DAY, null, SqlParserPos.ZERO));
  }

  private static RexLiteral months(long months) {
    return REX.makeIntervalLiteral(BigDecimal.valueOf(months),
        new SqlIntervalQualifier(TimeUnit.MONTH, null, SqlParserPos.ZERO));
  }

  private static RexLiteral number(String value) {
    return REX.makeExactLiteral(new BigDecimal(value));
  }

  @Test void bindingAFunnelStepYieldsItsSpecWithWindowAndModes() {
    final List<RelDataType> types = List.of(TIMESTAMP, days(7).getType(), VARCHAR, BOOLEAN, BOOLEAN, BOOLEAN);
    final BoundAggFunction bound = FunnelFunction.FUNNEL_STEP.bind(types,
        List.of(days(7), REX.makeLiteral(" STRICT_ORDER, strict_increase")), TYPES.createSqlType(SqlTypeName.INTEGER));
    assertEquals(FunnelSpec.of(3, 604_800_000L, EnumSet.of(FunnelMode.STRICT_ORDER, FunnelMode.STRICT_INCREASE)),
        bound.spec());
    assertEquals("FUNNEL_STEP[window=604800000ms, mode=strict_order,strict_increase]", bound.toString());
    assertEquals(TimeKind.TIMESTAMP, bound.timeKind());
    assertTrue(bound.readsRowsMatchingNoCondition(), "strict_order reads the rows between the steps");
  }

  @Test void theStepScanEvaluatorRunsTheBoundSpec() {
    final BoundAggFunction bound = FunnelFunction.FUNNEL_TIMES.bind(List.of(BIGINT, BIGINT, BOOLEAN, BOOLEAN),
        List.of(number("10")), TYPES.createSqlType(SqlTypeName.INTEGER));
    assertEquals(FunnelSpec.of(2, 10L, EnumSet.noneOf(FunnelMode.class)), bound.spec());
    assertEquals("FUNNEL_TIMES[window=10]", bound.toString());
    assertFalse(bound.readsRowsMatchingNoCondition());
    final GroupEvaluator evaluator = bound.newEvaluator();
    evaluator.reset();
    evaluator.accept(100L, 1);
    evaluator.accept(105L, 2);
    assertEquals(List.of(100L, 105L), evaluator.result());
    evaluator.reset();
    evaluator.accept(100L, 1);
    evaluator.accept(111L, 2);
    assertEquals(java.util.Arrays.asList(100L, null), evaluator.result(), "111 is past the window of 10");
  }

  @Test void bindingASequenceFunctionParsesItsPatternOnce() {
    final BoundAggFunction bound = SequenceFunction.SEQUENCE_COUNT.bind(List.of(VARCHAR, TIMESTAMP, BOOLEAN, BOOLEAN),
        List.of(REX.makeLiteral("(?1).*(?2)")), BIGINT);
    assertEquals(SequencePattern.parse("(?1).*(?2)", 2), bound.spec());
    assertEquals("SEQUENCE_COUNT['(?1).*(?2)']", bound.toString());
  }

  @Test void windowsAreDecodedOntoTheTimeLine() {
    assertEquals(604_800_000L, Literals.window(days(7), TimeKind.TIMESTAMP, 1), "INTERVAL '7' DAY");
    assertEquals(604_800_000L, Literals.window(number("604800"), TimeKind.TIMESTAMP, 1), "604800 seconds");
    assertEquals(1_500L, Literals.window(number("1.5"), TimeKind.TIMESTAMP, 1), "1.5 seconds");
    assertEquals(604_800_000L, Literals.window(number("604800"), TimeKind.DATE, 1), "dates are on milliseconds too");
    assertEquals(604_800L, Literals.window(number("604800"), TimeKind.INTEGER, 1), "integers keep their unit");
    assertEquals(0L, Literals.window(number("0"), TimeKind.TIMESTAMP, 1));
  }

  @Test void aWindowThatCannotBeUsedSaysWhy() {
    assertInvalid(false, "the window must not be negative, got -5 seconds", number("-5"), TimeKind.TIMESTAMP);
    assertInvalid(false, "the window 0.0005 seconds is not a whole number of milliseconds or is too large",
        number("0.0005"), TimeKind.TIMESTAMP);
    assertInvalid(false, "the window 1.5 is not a whole number of time units or is too large", number("1.5"),
        TimeKind.INTEGER);
    assertInvalid(true, "a window in months or years has no fixed length; use days, e.g. INTERVAL '30' DAY",
        months(1), TimeKind.TIMESTAMP);
    assertInvalid(true, "the time is a number, so the window must be a number in the same unit, not an INTERVAL",
        days(1), TimeKind.INTEGER);
    assertInvalid(true, "the window (argument 2) must be INTERVAL '7' DAY or 604800 (seconds), got CHAR",
        REX.makeLiteral("7"), TimeKind.TIMESTAMP);
  }

  private static void assertInvalid(boolean wrongType, String message, RexLiteral literal, TimeKind kind) {
    final WindowValue.Invalid e = assertThrows(WindowValue.Invalid.class, () -> Literals.window(literal, kind, 1));
    assertEquals(message, e.getMessage());
    assertEquals(wrongType, e.wrongType(), message);
  }

  @Test void equalBindingsShareOneSpecThatGeneratedCodeReachesByNumber() {
    final List<RelDataType> types = List.of(TIMESTAMP, days(1).getType(), VARCHAR, BOOLEAN, BOOLEAN);
    final BoundAggFunction first = FunnelFunction.FUNNEL_STEP.bind(types,
        List.of(days(1), REX.makeLiteral("strict_order")), TYPES.createSqlType(SqlTypeName.INTEGER));
    final BoundAggFunction second = FunnelFunction.FUNNEL_STEP.bind(types,
        List.of(days(1), REX.makeLiteral("Strict_Order")), TYPES.createSqlType(SqlTypeName.INTEGER));
    assertSame(first.spec(), second.spec());
    assertSame(first.spec(), BehaviouralRuntime.funnelSpec(BoundValues.number(first.spec())));
    final BoundAggFunction sequence = SequenceFunction.SEQUENCE_MATCH.bind(List.of(VARCHAR, TIMESTAMP, BOOLEAN),
        List.of(REX.makeLiteral("(?1)")), BOOLEAN);
    assertSame(sequence.spec(), BehaviouralRuntime.sequencePattern(BoundValues.number(sequence.spec())));
  }
}
