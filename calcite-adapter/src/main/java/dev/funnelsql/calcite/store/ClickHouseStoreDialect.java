package dev.funnelsql.calcite.store;

import dev.funnelsql.functions.period.CalendarPeriod;
import java.sql.DatabaseMetaData;
import java.util.Locale;
import java.util.Map;
import org.apache.calcite.rel.type.RelDataType;
import org.apache.calcite.sql.SqlAlienSystemTypeNameSpec;
import org.apache.calcite.sql.SqlCall;
import org.apache.calcite.sql.SqlDataTypeSpec;
import org.apache.calcite.sql.SqlDialect;
import org.apache.calcite.sql.SqlNode;
import org.apache.calcite.sql.SqlWriter;
import org.apache.calcite.sql.parser.SqlParserPos;
import org.apache.calcite.sql.dialect.ClickHouseSqlDialect;
import org.checkerframework.checker.nullness.qual.Nullable;

/**
 * ClickHouse through its official JDBC driver (HTTP): Calcite's ClickHouse dialect; tables named by database and table
 * only, as ClickHouse has no catalogs; connections made read-only by ClickHouse's own {@code readonly = 2} setting
 * (writes refused, settings still allowed), since the driver takes {@code setReadOnly} as a hint; outer joins that
 * give NULLs for missing rows ({@code join_use_nulls = 1}) rather than ClickHouse's default of the type's default
 * value, which FunnelSQL's SQL does not expect; calendar periods as {@code toMonday}, {@code toStartOfMonth} and
 * {@code dateDiff} over the periods' starts, so period tables bucket in ClickHouse; results that the driver streams
 * itself; and funnels that ClickHouse computes whole ({@link ClickHouseFolds}) with {@code funnel.pushdown=engine}.
 */
public final class ClickHouseStoreDialect implements StoreDialect {
  private static final ReadOnlySetup READ_ONLY =
      new ReadOnlySetup(Map.of("clickhouse_setting_readonly", "2"), false);
  /**
   * Outer joins that give NULL for a missing row, and calendar functions ({@code toMonday}, {@code toStartOfDay}, …)
   * that keep a DateTime64 or Date32 in its own wider range rather than cutting it to 1970–2106.
   */
  private static final Map<String, String> STANDARD_SEMANTICS = Map.of("clickhouse_setting_join_use_nulls", "1",
      "clickhouse_setting_enable_extended_results_for_datetime_functions", "1");
  private static final StreamingSetup STREAMED_BY_DRIVER = new StreamingSetup(false, 0);
  private static final EngineFolds FOLDS = new ClickHouseFolds();

  private static final StoreCalendar CALENDAR = new StoreCalendar() {
    @Override public SqlNode periodStart(SqlNode time, CalendarPeriod period) {
      final SqlNode exact = milliseconds(time);
      switch (period) {
        case HOUR:
          return milliseconds(SqlCalls.named("toStartOfHour", exact));
        case DAY:
          return milliseconds(SqlCalls.named("toStartOfDay", exact));
        case WEEK:
          return milliseconds(SqlCalls.named("toMonday", exact));
        default:
          return milliseconds(SqlCalls.named("toStartOfMonth", exact));
      }
    }

    /** Whole periods between two period starts; weeks as days over 7, since ClickHouse's own weeks vary by mode. */
    @Override public SqlNode periodsBetween(SqlNode from, SqlNode to, CalendarPeriod period) {
      final SqlNode start = periodStart(from, period);
      final SqlNode end = periodStart(to, period);
      if (period == CalendarPeriod.WEEK) {
        return SqlCalls.named("intDiv", SqlCalls.named("dateDiff", SqlCalls.literal("day"), start, end),
            SqlCalls.number(7));
      }
      return SqlCalls.named("dateDiff", SqlCalls.literal(period.name().toLowerCase(Locale.ROOT)), start, end);
    }

    /** The time plus the zone's offset from UTC at that instant. */
    @Override public SqlNode localTime(SqlNode time, String zone) {
      final SqlNode exact = milliseconds(time);
      return SqlCalls.named("addSeconds", exact,
          SqlCalls.named("timeZoneOffset", SqlCalls.named("toTimeZone", exact, SqlCalls.literal(zone))));
    }

    /** A TIMESTAMP or DATE, or a Date a function gave, as a DateTime64 to the millisecond. */
    private SqlNode milliseconds(SqlNode time) {
      return SqlCalls.named("toDateTime64", time, SqlCalls.number(3));
    }
  };

  /** Creates the dialect (called by {@link java.util.ServiceLoader}). */
  public ClickHouseStoreDialect() {
  }

  @Override public boolean handlesUrl(String url) {
    final String lower = url.toLowerCase(Locale.ROOT);
    return lower.startsWith("jdbc:clickhouse:") || lower.startsWith("jdbc:ch:");
  }

  @Override public boolean handlesProduct(String productName) {
    return productName.equalsIgnoreCase("ClickHouse");
  }

  @Override public SqlDialect sqlDialect(DatabaseMetaData metaData) {
    return new ClickHouseWithTypes();
  }

  @Override public ReadOnlySetup readOnlySetup(String url) {
    return READ_ONLY;
  }

  @Override public Map<String, String> connectionProperties() {
    return STANDARD_SEMANTICS;
  }

  @Override public StoreCalendar calendar() {
    return CALENDAR;
  }

  @Override public boolean namesCatalog() {
    return false;
  }

  /**
   * ClickHouse types a {@code UNION ALL} of a {@code COUNT(*)} (UInt64) and a literal (Int64) as a Variant, which
   * {@code MAX} refuses (Code 43), as a cohort matrix grouped in ClickHouse would be; Calcite groups those rows.
   */
  @Override public boolean takesCalciteGroupings() {
    return false;
  }

  @Override public StreamingSetup streamingSetup() {
    return STREAMED_BY_DRIVER;
  }

  @Override public EngineFolds engineFolds() {
    return FOLDS;
  }

  /**
   * ClickHouse computes funnels itself with {@code funnel.pushdown=auto}: on 10M events (1M users) of the test run's
   * embedded ClickHouse, the benchmark's engine mode took 1.81 s in ClickHouse against 9.36 s sending the step rows
   * (8.4M of them) to the JVM, and a cluster computes its shards in parallel where every step row would pass through
   * one HTTP response.
   */
  @Override public boolean prefersEngineFolds() {
    return true;
  }

  /**
   * Calcite's ClickHouse dialect with casts to ClickHouse's own type names written as names, not quoted identifiers
   * (Calcite writes {@code CAST(x AS `Nullable(String)`)}, which ClickHouse's parser refuses), and a TIMESTAMP cast
   * keeping its milliseconds ({@code DateTime64(3)}, not {@code DateTime}).
   */
  private static final class ClickHouseWithTypes extends ClickHouseSqlDialect {
    ClickHouseWithTypes() {
      super(ClickHouseSqlDialect.DEFAULT_CONTEXT);
    }

    @Override public void unparseCall(SqlWriter writer, SqlCall call, int leftPrec, int rightPrec) {
      if (!CalendarCalls.unparse(CALENDAR, writer, call, leftPrec, rightPrec)) {
        super.unparseCall(writer, call, leftPrec, rightPrec);
      }
    }

    @Override public @Nullable SqlNode getCastSpec(RelDataType type) {
      final String name = typeName(type);
      if (name == null) {
        return super.getCastSpec(type);
      }
      final String spelled = type.isNullable() ? "Nullable(" + name + ")" : name;
      return new SqlDataTypeSpec(new SqlAlienSystemTypeNameSpec(spelled, type.getSqlTypeName(), SqlParserPos.ZERO) {
        /** As spelled: ClickHouse's type names are case-sensitive, and a keyword would be written upper case. */
        @Override public void unparse(SqlWriter writer, int leftPrec, int rightPrec) {
          writer.print(spelled);
          writer.setNeedWhitespace(true);
        }
      }, SqlParserPos.ZERO);
    }

    private static @Nullable String typeName(RelDataType type) {
      switch (type.getSqlTypeName()) {
        case BOOLEAN:
          return "Bool";
        case TINYINT:
          return "Int8";
        case SMALLINT:
          return "Int16";
        case INTEGER:
          return "Int32";
        case BIGINT:
          return "Int64";
        case REAL:
          return "Float32";
        case FLOAT:
        case DOUBLE:
          return "Float64";
        case DECIMAL:
          return "Decimal(" + type.getPrecision() + ", " + Math.max(0, type.getScale()) + ")";
        case CHAR:
        case VARCHAR:
          return "String";
        case DATE:
          return "Date32";
        case TIMESTAMP:
          return "DateTime64(3)";
        default:
          return null;
      }
    }
  }
}
