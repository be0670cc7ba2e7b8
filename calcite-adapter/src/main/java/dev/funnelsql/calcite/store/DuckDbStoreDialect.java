package dev.funnelsql.calcite.store;

import dev.funnelsql.functions.period.CalendarPeriod;
import java.sql.DatabaseMetaData;
import java.util.Locale;
import java.util.Map;
import org.apache.calcite.rel.type.RelDataType;
import org.apache.calcite.rex.RexBuilder;
import org.apache.calcite.rex.RexCall;
import org.apache.calcite.rex.RexNode;
import org.apache.calcite.sql.SqlBasicTypeNameSpec;
import org.apache.calcite.sql.SqlCall;
import org.apache.calcite.sql.SqlDataTypeSpec;
import org.apache.calcite.sql.SqlDialect;
import org.apache.calcite.sql.SqlNode;
import org.apache.calcite.sql.SqlWriter;
import org.apache.calcite.sql.dialect.DuckDBSqlDialect;
import org.apache.calcite.sql.parser.SqlParserPos;
import org.apache.calcite.sql.type.SqlTypeName;
import org.apache.calcite.sql.type.SqlTypeUtil;
import org.checkerframework.checker.nullness.qual.Nullable;

/**
 * DuckDB, which Calcite 1.41 does not recognise by its product name: Calcite's DuckDB dialect without the
 * {@code CHARACTER SET} clause in casts that DuckDB cannot parse; a database file opened with
 * {@code duckdb.read_only=true} (DuckDB refuses that for an in-memory database, and cannot open a file read-only
 * while a connection in the same process has it open read-write, when the pool opens it as that connection did);
 * results streamed rather than held whole by the driver;
 * calendar periods as {@code date_trunc} (ISO weeks) and {@code date_diff} (counting period boundaries; weeks from
 * the two Mondays, as DuckDB's own week difference counts whole 7-day spans); and step rows whose time is
 * {@code epoch_ms(ts)} and mask a BIGINT, which its driver reads fastest; casts from text to a date or time kept.
 */
public final class DuckDbStoreDialect implements StoreDialect {
  private static final String URL_PREFIX = "jdbc:duckdb:";
  private static final ReadOnlySetup FILE_READ_ONLY = new ReadOnlySetup(Map.of("duckdb.read_only", "true"), false);
  /**
   * DuckDB's driver holds a query's whole result before it hands over the first row unless asked to stream: the step
   * rows then reach FunnelSQL while DuckDB still computes them, and never all at once in DuckDB's memory. A file that
   * a connection in the same process opened without the property cannot be opened with it, and is then read as it
   * comes. The transaction stays: the values DuckDB numbers are read in the step query's.
   */
  private static final StreamingSetup STREAMED =
      new StreamingSetup(true, 10_000, Map.of("jdbc_stream_results", "true"));
  private static final ReadOnlySetup IN_MEMORY = new ReadOnlySetup(Map.of(), false);

  private static final StoreCalendar CALENDAR = new StoreCalendar() {
    @Override public SqlNode periodStart(SqlNode time, CalendarPeriod period) {
      // date_trunc gives a DATE for day, week and month.
      return SqlCalls.cast(SqlCalls.function("date_trunc", unit(period), SqlCalls.cast(time, SqlTypeName.TIMESTAMP)),
          SqlTypeName.TIMESTAMP);
    }

    @Override public SqlNode periodsBetween(SqlNode from, SqlNode to, CalendarPeriod period) {
      if (period == CalendarPeriod.WEEK) {
        return SqlCalls.function("date_diff", unit(period), periodStart(from, period), periodStart(to, period));
      }
      return SqlCalls.function("date_diff", unit(period), SqlCalls.cast(from, SqlTypeName.TIMESTAMP),
          SqlCalls.cast(to, SqlTypeName.TIMESTAMP));
    }

    private SqlNode unit(CalendarPeriod period) {
      return SqlCalls.literal(period.name().toLowerCase(Locale.ROOT));
    }

    @Override public SqlNode localTime(SqlNode time, String zone) {
      return SqlCalls.timezone(time, zone);
    }
  };

  /** Creates the dialect (called by {@link java.util.ServiceLoader}). */
  public DuckDbStoreDialect() {
  }

  @Override public boolean handlesUrl(String url) {
    return url.toLowerCase(Locale.ROOT).startsWith(URL_PREFIX);
  }

  @Override public boolean handlesProduct(String productName) {
    return productName.toUpperCase(Locale.ROOT).contains("DUCKDB");
  }

  @Override public SqlDialect sqlDialect(DatabaseMetaData metaData) {
    return new DuckDbWithoutCharsets();
  }

  @Override public StoreCalendar calendar() {
    return CALENDAR;
  }

  @Override public ReadOnlySetup readOnlySetup(String url) {
    final String lower = url.toLowerCase(Locale.ROOT);
    final String path = lower.startsWith(URL_PREFIX) ? lower.substring(URL_PREFIX.length()) : "";
    return path.isEmpty() || path.startsWith(":memory:") ? IN_MEMORY : FILE_READ_ONLY;
  }

  @Override public StreamingSetup streamingSetup() {
    return STREAMED;
  }

  @Override public TimestampReading timestampReading() {
    return TimestampReading.EPOCH_MILLIS;
  }

  @Override public RexNode epochMillis(RexBuilder rexBuilder, RexNode timestamp) {
    return rexBuilder.makeCall(EpochMillis.INSTANCE, timestamp);
  }

  /**
   * Arrow batches: reading 10M step rows takes 0.20 s through {@code arrowExportStream} against 0.35–0.43 s through
   * the getters of DuckDB's 2.0 driver.
   */
  @Override public ColumnarExport columnarExport() {
    return DuckDbArrowExport.INSTANCE;
  }

  @Override public boolean wideMask() {
    return true;
  }

  /**
   * DuckDB's driver makes each string of a result through Java's charset decoder, about half a microsecond a row on
   * an event column (a million rows: 0.4–0.6 s on the benchmark's machine), while numbering the distinct values and
   * joining the rows with them costs DuckDB a few tens of milliseconds; its transactions see one snapshot.
   */
  @Override public boolean numbersValues() {
    return true;
  }

  /**
   * {@code (value COLLATE C)}: a column's collation ({@code COLLATE NOCASE}) would make {@code 'A'} and {@code 'a'}
   * one value of {@code DISTINCT} and of the join; under the binary collation equal means the same string.
   */
  @Override public RexNode numberedValue(RexBuilder rexBuilder, RexNode value) {
    return rexBuilder.makeCall(BinaryCollation.INSTANCE, value);
  }

  /**
   * DuckDB's dialect, printing character types in casts without a CHARACTER SET clause DuckDB cannot parse, and the
   * calendar functions; DuckDB takes grouped expressions in windows, computes a path table in its windows faster
   * than its driver sends the events (1M events: 0.41–0.47 s for the table, where reading the events took 0.81–0.82 s
   * of FunnelSQL's), and orders and compares text byte by byte, which is code point order in UTF-8.
   */
  private static final class DuckDbWithoutCharsets extends DuckDBSqlDialect
      implements StoreCapabilities.GroupKeysInWindows, StoreCapabilities.PathWindows {
    DuckDbWithoutCharsets() {
      super(DuckDBSqlDialect.DEFAULT_CONTEXT);
    }

    @Override public @Nullable SqlNode getCastSpec(RelDataType type) {
      if (SqlTypeUtil.inCharFamily(type)) {
        final SqlTypeName name = type.getSqlTypeName() == SqlTypeName.CHAR ? SqlTypeName.CHAR : SqlTypeName.VARCHAR;
        final int precision = type.getPrecision() > 0 && type.getPrecision() < 65536 ? type.getPrecision() : -1;
        return new SqlDataTypeSpec(new SqlBasicTypeNameSpec(name, precision, SqlParserPos.ZERO), SqlParserPos.ZERO);
      }
      return super.getCastSpec(type);
    }

    /**
     * Casts from text to a date or time are kept: Calcite's default drops them as implicit, but DuckDB compares a
     * text value (a text parameter, say) with a timestamp only after an explicit cast.
     */
    @Override public boolean supportsImplicitTypeCoercion(RexCall call) {
      return !SqlTypeUtil.isDatetime(call.getType()) && super.supportsImplicitTypeCoercion(call);
    }

    @Override public void unparseCall(SqlWriter writer, SqlCall call, int leftPrec, int rightPrec) {
      if (!CalendarCalls.unparse(CALENDAR, writer, call, leftPrec, rightPrec)) {
        super.unparseCall(writer, call, leftPrec, rightPrec);
      }
    }
  }
}
