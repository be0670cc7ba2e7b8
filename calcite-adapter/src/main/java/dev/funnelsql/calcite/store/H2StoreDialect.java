package dev.funnelsql.calcite.store;

import dev.funnelsql.calcite.schema.FilterAsCase;
import dev.funnelsql.functions.period.CalendarPeriod;
import java.sql.DatabaseMetaData;
import java.util.Locale;
import org.apache.calcite.sql.SqlCall;
import org.apache.calcite.sql.SqlDialect;
import org.apache.calcite.sql.SqlKind;
import org.apache.calcite.sql.SqlLiteral;
import org.apache.calcite.sql.SqlNode;
import org.apache.calcite.sql.SqlWindow;
import org.apache.calcite.sql.SqlWriter;
import org.apache.calcite.sql.fun.SqlStdOperatorTable;
import org.apache.calcite.sql.dialect.H2SqlDialect;
import org.apache.calcite.sql.type.SqlTypeName;

/**
 * H2: Calcite's H2 dialect with the window functions H2 2.x has; calendar periods as {@code DATE_TRUNC} and
 * {@code DATEDIFF} (ISO weeks as {@code ISO_WEEK}: H2's {@code WEEK} starts on Sunday); and no key lane in step scans
 * (H2's DISTINCT over the dropped rows costs more than sending them). H2 takes {@code setReadOnly(true)} as a hint; a
 * file URL with
 * {@code ;ACCESS_MODE_DATA=r} makes it refuse writes.
 */
public final class H2StoreDialect implements StoreDialect {
  /** Creates the dialect (called by {@link java.util.ServiceLoader}). */
  public H2StoreDialect() {
  }

  @Override public boolean handlesUrl(String url) {
    return url.toLowerCase(Locale.ROOT).startsWith("jdbc:h2:");
  }

  @Override public boolean handlesProduct(String productName) {
    return productName.equalsIgnoreCase("H2");
  }

  private static final StoreCalendar CALENDAR = new StoreCalendar() {
    @Override public SqlNode periodStart(SqlNode time, CalendarPeriod period) {
      return SqlCalls.function("DATE_TRUNC", SqlCalls.literal(unit(period)),
          SqlCalls.cast(time, SqlTypeName.TIMESTAMP));
    }

    @Override public SqlNode periodsBetween(SqlNode from, SqlNode to, CalendarPeriod period) {
      return SqlCalls.function("DATEDIFF", SqlCalls.literal(unit(period)), SqlCalls.cast(from, SqlTypeName.TIMESTAMP),
          SqlCalls.cast(to, SqlTypeName.TIMESTAMP));
    }

    private String unit(CalendarPeriod period) {
      return period == CalendarPeriod.WEEK ? "ISO_WEEK" : period.name();
    }

    @Override public SqlNode localTime(SqlNode time, String zone) {
      // H2 reads a TIMESTAMP in the session's zone: the instant is built from the UTC epoch instead, and the zone's
      // offset at it is added to the time.
      final SqlNode timestamp = SqlCalls.cast(time, SqlTypeName.TIMESTAMP);
      final SqlNode instant = SqlCalls.function("DATEADD", SqlCalls.literal("MILLISECOND"),
          SqlCalls.function("DATEDIFF", SqlCalls.literal("MILLISECOND"),
              SqlCalls.cast(SqlCalls.literal("1970-01-01 00:00:00"), SqlTypeName.TIMESTAMP), timestamp),
          SqlCalls.cast(SqlCalls.literal("1970-01-01 00:00:00+00"), SqlTypeName.TIMESTAMP_TZ));
      final SqlNode zoned = SqlCalls.atTimeZone(instant, zone);
      final SqlNode offset = SqlCalls.plus(
          SqlCalls.times(SqlCalls.extract("TIMEZONE_HOUR", zoned), SqlCalls.number(3600)),
          SqlCalls.times(SqlCalls.extract("TIMEZONE_MINUTE", zoned), SqlCalls.number(60)));
      return SqlCalls.function("DATEADD", SqlCalls.literal("SECOND"), offset, timestamp);
    }
  };

  @Override public SqlDialect sqlDialect(DatabaseMetaData metaData) {
    return new H2WithWindows();
  }

  /**
   * {@link #CALENDAR}: H2 computes the per-period tables itself; their SQL avoids the joins H2 would evaluate again
   * per row (see {@code KindSql.latest} and {@code KindSql.notBefore} in the segment package).
   */
  @Override public StoreCalendar calendar() {
    return CALENDAR;
  }

  @Override public boolean keyLaneWorthIt() {
    return false;
  }

  /**
   * True: an embedded H2 groups in this JVM's heap. (An H2 server, {@code jdbc:h2:tcp:}, does not, but its
   * memberships read one after another cost only their overlap with each other.)
   */
  @Override public boolean sharesTheJvmHeap() {
    return true;
  }

  /** H2's dialect with the window functions that H2 2.x supports, printing the calendar functions. */
  private static final class H2WithWindows extends H2SqlDialect {
    H2WithWindows() {
      super(H2SqlDialect.DEFAULT_CONTEXT);
    }

    @Override public boolean supportsWindowFunctions() {
      return true;
    }

    @Override public void unparseCall(SqlWriter writer, SqlCall call, int leftPrec, int rightPrec) {
      if (call.getKind() == SqlKind.OVER && call.operand(0).getKind() == SqlKind.NTILE
          && call.operand(1) instanceof SqlWindow && ((SqlWindow) call.operand(1)).getLowerBound() != null) {
        // H2 refuses a frame on NTILE, which Calcite always prints; NTILE ignores the frame anyway.
        final SqlWindow window = call.operand(1);
        SqlStdOperatorTable.OVER.createCall(call.getParserPosition(), call.operand(0),
            SqlWindow.create(null, null, window.getPartitionList(), window.getOrderList(),
                SqlLiteral.createBoolean(window.isRows(), window.getParserPosition()), null, null, null,
                window.getParserPosition())).unparse(writer, leftPrec, rightPrec);
      } else if (call.getKind() == SqlKind.FILTER && call.operand(0).getKind() != SqlKind.WITHIN_GROUP) {
        // H2 2.3 fails (ArrayIndexOutOfBoundsException in its grouping) when one FILTER aggregate occurs four times
        // or more in a grouped query, as the tipping point's lifts make it. Calcite's own rewrite (a dialect without
        // FILTER) would keep every filtered aggregate out of H2. An ordered-set aggregate (WITHIN GROUP) keeps it.
        FilterAsCase.of(call).unparse(writer, leftPrec, rightPrec);
      } else if (!CalendarCalls.unparse(CALENDAR, writer, call, leftPrec, rightPrec)) {
        super.unparseCall(writer, call, leftPrec, rightPrec);
      }
    }
  }
}
