package dev.funnelsql.calcite.store;

import dev.funnelsql.functions.period.CalendarPeriod;
import java.sql.DatabaseMetaData;
import java.util.EnumSet;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import org.apache.calcite.sql.SqlCall;
import org.apache.calcite.sql.SqlKind;
import org.apache.calcite.sql.SqlNode;
import org.apache.calcite.sql.SqlWriter;
import org.apache.calcite.sql.SqlDialect;
import org.apache.calcite.sql.dialect.SparkSqlDialect;
import org.apache.calcite.sql.type.SqlTypeName;

/**
 * Spark SQL through its Thrift server (the Hive JDBC protocol, with Apache Kyuubi's or Hive's driver): Calcite's Spark
 * dialect, whose context is written here because the Hive drivers answer none of the metadata Calcite reads a context
 * from (null ordering, quoting); calendar periods as {@code date_trunc} (weeks from Monday), {@code datediff} and
 * {@code from_utc_timestamp}, so period tables bucket in Spark; connections left in autocommit and read-write at the
 * driver, which refuses both {@code setAutoCommit(false)} and {@code setReadOnly(true)}, so FunnelSQL's own refusal of
 * writes is the defence and a Spark user without write grants the store's; the driver pages results itself; and funnels
 * that Spark can compute whole ({@link SparkFolds}) with {@code funnel.pushdown=engine}. {@code auto} keeps the
 * client's step scan: in local mode on two cores, Spark's interpreted lambdas folded 10M events in 26.5 s (a funnel
 * table's step times in 41 s) where sending the step rows took 20 s (15 s); the fold is for clusters, whose executors
 * fold in parallel while the step rows all pass through the Thrift server.
 *
 * <p>A {@code jdbc:hive2:} or {@code jdbc:kyuubi:} URL may also reach Hive itself; before connecting this dialect takes
 * it, and once connected the product name ({@code Spark SQL}) decides.
 */
public final class SparkStoreDialect implements StoreDialect {
  private static final ReadOnlySetup REFUSED_BY_DRIVER = new ReadOnlySetup(Map.of(), false);
  private static final StreamingSetup PAGED_BY_DRIVER = new StreamingSetup(false, 10_000);
  private static final EngineFolds FOLDS = new SparkFolds();

  private static final StoreCalendar CALENDAR = new StoreCalendar() {
    /** Spark's {@code date_trunc}, whose weeks start on Monday. */
    @Override public SqlNode periodStart(SqlNode time, CalendarPeriod period) {
      return SqlCalls.function("date_trunc", SqlCalls.literal(period.name()), time);
    }

    /** Whole periods between two period starts: hours from epoch seconds, days and weeks from days, months. */
    @Override public SqlNode periodsBetween(SqlNode from, SqlNode to, CalendarPeriod period) {
      final SqlNode start = periodStart(from, period);
      final SqlNode end = periodStart(to, period);
      final SqlNode periods;
      switch (period) {
        case HOUR:
          periods = SqlCalls.divide(SqlCalls.minus(SqlCalls.function("unix_seconds", end),
              SqlCalls.function("unix_seconds", start)), SqlCalls.number(3600));
          break;
        case DAY:
          periods = SqlCalls.function("datediff", end, start);
          break;
        case WEEK:
          periods = SqlCalls.divide(SqlCalls.function("datediff", end, start), SqlCalls.number(7));
          break;
        default:
          periods = SqlCalls.function("months_between", end, start);
          break;
      }
      return SqlCalls.cast(periods, SqlTypeName.BIGINT);
    }

    /** Spark's {@code from_utc_timestamp}: the zone's wall clock at the instant a UTC time names. */
    @Override public SqlNode localTime(SqlNode time, String zone) {
      return SqlCalls.function("from_utc_timestamp", time, SqlCalls.literal(zone));
    }
  };

  /** Creates the dialect (called by {@link java.util.ServiceLoader}). */
  public SparkStoreDialect() {
  }

  @Override public boolean handlesUrl(String url) {
    final String lower = url.toLowerCase(Locale.ROOT);
    return lower.startsWith("jdbc:hive2:") || lower.startsWith("jdbc:kyuubi:");
  }

  @Override public boolean handlesProduct(String productName) {
    return productName.equalsIgnoreCase("Spark SQL");
  }

  @Override public SqlDialect sqlDialect(DatabaseMetaData metaData) {
    return new SparkWithPredicates();
  }

  @Override public ReadOnlySetup readOnlySetup(String url) {
    return REFUSED_BY_DRIVER;
  }

  @Override public StreamingSetup streamingSetup() {
    return PAGED_BY_DRIVER;
  }

  @Override public StoreCalendar calendar() {
    return CALENDAR;
  }

  @Override public EngineFolds engineFolds() {
    return FOLDS;
  }

  /**
   * Calcite's Spark dialect, with a truth test's operand in parentheses: Spark's grammar takes one predicate per
   * operand, so it rejects {@code x IN (…) IS NOT TRUE} as Calcite writes it.
   */
  private static final class SparkWithPredicates extends SparkSqlDialect {
    private static final Set<SqlKind> TRUTH_TESTS =
        EnumSet.of(SqlKind.IS_TRUE, SqlKind.IS_NOT_TRUE, SqlKind.IS_FALSE, SqlKind.IS_NOT_FALSE);

    SparkWithPredicates() {
      super(SparkSqlDialect.DEFAULT_CONTEXT);
    }

    @Override public void unparseCall(SqlWriter writer, SqlCall call, int leftPrec, int rightPrec) {
      if (TRUTH_TESTS.contains(call.getKind())) {
        final SqlWriter.Frame test = writer.startList("(", ")");
        final SqlWriter.Frame operand = writer.startList("(", ")");
        call.operand(0).unparse(writer, 0, 0);
        writer.endList(operand);
        writer.keyword(call.getOperator().getName());
        writer.endList(test);
        return;
      }
      if (!CalendarCalls.unparse(CALENDAR, writer, call, leftPrec, rightPrec)) {
        super.unparseCall(writer, call, leftPrec, rightPrec);
      }
    }
  }
}
