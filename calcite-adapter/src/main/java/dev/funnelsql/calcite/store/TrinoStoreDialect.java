package dev.funnelsql.calcite.store;

import dev.funnelsql.functions.period.CalendarPeriod;
import java.sql.DatabaseMetaData;
import java.util.EnumSet;
import java.util.Locale;
import java.util.Set;
import org.apache.calcite.sql.SqlCall;
import org.apache.calcite.sql.SqlDialect;
import org.apache.calcite.sql.SqlDialects;
import org.apache.calcite.sql.SqlKind;
import org.apache.calcite.sql.SqlNode;
import org.apache.calcite.sql.SqlWindow;
import org.apache.calcite.sql.SqlWriter;
import org.apache.calcite.sql.dialect.TrinoSqlDialect;
import org.apache.calcite.sql.type.SqlTypeName;

/**
 * Trino: Calcite's Trino dialect (the generic one that Calcite picks for the product name writes {@code x IS NOT
 * TRUE}, which Trino's parser rejects); calendar periods as {@code date_trunc} (ISO weeks) and {@code date_diff}
 * over the periods' starts; ranking and offset functions without the window frame Calcite writes, which Trino
 * refuses on them; queries that stream as they come, as Trino's driver pages results itself; and funnels computed
 * whole in Trino ({@link TrinoFolds}).
 *
 * <p>Trino's driver enforces {@code setReadOnly} only inside a transaction, and a Trino transaction is aborted by
 * any result set closed before its end (the query is cancelled), which every metadata lookup does; so connections
 * stay in autocommit, FunnelSQL's own refusal of writes is the one defence, and a read-only Trino user (its access
 * control) is the store's.
 */
public final class TrinoStoreDialect implements StoreDialect {
  /** The window functions Trino allows no frame on. */
  private static final Set<SqlKind> FRAMELESS = EnumSet.of(SqlKind.ROW_NUMBER, SqlKind.RANK, SqlKind.DENSE_RANK,
      SqlKind.PERCENT_RANK, SqlKind.CUME_DIST, SqlKind.NTILE, SqlKind.LAG, SqlKind.LEAD);
  private static final StreamingSetup PAGED_BY_DRIVER = new StreamingSetup(false, 0);
  private static final EngineFolds FOLDS = new TrinoFolds();

  private static final StoreCalendar CALENDAR = new StoreCalendar() {
    @Override public SqlNode periodStart(SqlNode time, CalendarPeriod period) {
      return SqlCalls.function("date_trunc", unit(period), SqlCalls.cast(time, SqlTypeName.TIMESTAMP));
    }

    @Override public SqlNode periodsBetween(SqlNode from, SqlNode to, CalendarPeriod period) {
      return SqlCalls.function("date_diff", unit(period), periodStart(from, period), periodStart(to, period));
    }

    private SqlNode unit(CalendarPeriod period) {
      return SqlCalls.literal(period.name().toLowerCase(Locale.ROOT));
    }

    @Override public SqlNode localTime(SqlNode time, String zone) {
      final SqlNode utc = SqlCalls.function("with_timezone", SqlCalls.cast(time, SqlTypeName.TIMESTAMP),
          SqlCalls.literal("UTC"));
      return SqlCalls.cast(SqlCalls.atTimeZone(utc, zone), SqlTypeName.TIMESTAMP);
    }
  };

  /** Creates the dialect (called by {@link java.util.ServiceLoader}). */
  public TrinoStoreDialect() {
  }

  @Override public boolean handlesUrl(String url) {
    return url.toLowerCase(Locale.ROOT).startsWith("jdbc:trino:");
  }

  @Override public boolean handlesProduct(String productName) {
    return productName.equalsIgnoreCase("Trino");
  }

  @Override public SqlDialect sqlDialect(DatabaseMetaData metaData) {
    return new TrinoWithCalendar(SqlDialects.createContext(metaData));
  }

  @Override public StoreCalendar calendar() {
    return CALENDAR;
  }

  @Override public StreamingSetup streamingSetup() {
    return PAGED_BY_DRIVER;
  }

  @Override public EngineFolds engineFolds() {
    return FOLDS;
  }

  @Override public boolean prefersEngineFolds() {
    return true;
  }

  /**
   * Calcite's Trino dialect (which already spells {@code x IS NOT TRUE}, which Trino's parser lacks, as {@code x IS
   * NULL OR NOT x}), printing the calendar functions.
   */
  private static final class TrinoWithCalendar extends TrinoSqlDialect {
    TrinoWithCalendar(Context context) {
      super(context);
    }

    @Override public void unparseCall(SqlWriter writer, SqlCall call, int leftPrec, int rightPrec) {
      if (call.getKind() == SqlKind.OVER && FRAMELESS.contains(call.operand(0).getKind())
          && call.operand(1) instanceof SqlWindow) {
        withoutFrame(call.operand(1));
      }
      if (!CalendarCalls.unparse(CALENDAR, writer, call, leftPrec, rightPrec)) {
        super.unparseCall(writer, call, leftPrec, rightPrec);
      }
    }

    /**
     * Drops the frame Calcite writes for every window function ({@code RANGE BETWEEN UNBOUNDED PRECEDING AND CURRENT
     * ROW}): Trino refuses any frame on a ranking or offset function, which ignores it anyway.
     */
    private static void withoutFrame(SqlWindow window) {
      window.setLowerBound(null);
      window.setUpperBound(null);
    }
  }
}
