package dev.funnelsql.calcite.store;

import java.sql.DatabaseMetaData;
import java.time.Duration;
import java.util.Map;
import org.apache.calcite.rex.RexBuilder;
import org.apache.calcite.rex.RexNode;
import org.apache.calcite.sql.SqlDialect;
import org.checkerframework.checker.nullness.qual.Nullable;

/**
 * Everything FunnelSQL does differently for one kind of event store: the SQL spellings Calcite uses for it, how its
 * pooled connections are made read-only, and how a step scan has it send rows so that its driver reads them fastest.
 * Code outside the dialect classes never tests a product name or URL; it asks the store's dialect.
 *
 * <p>Dialects are discovered with {@link java.util.ServiceLoader}; the built-in ones (H2, DuckDB, PostgreSQL) are
 * providers like any other. A store is supported by adding one public class implementing this interface (with a
 * public no-argument constructor) and its name on a line of {@code META-INF/services/dev.funnelsql.calcite.store.
 * StoreDialect}. A store no dialect claims gets {@link GenericStoreDialect}. The default methods are that generic
 * behaviour, so a dialect overrides only where its store differs.
 */
public interface StoreDialect {
  /**
   * Whether this dialect is for the stores with this JDBC URL. Asked before the first connection, to set up the
   * pool; a URL of another driver for the same product may not be recognised, and then the product name decides.
   */
  boolean handlesUrl(String url);

  /** Whether this dialect is for the stores whose driver reports this {@link DatabaseMetaData} product name. */
  boolean handlesProduct(String productName);

  /**
   * The Calcite dialect to write the store's SQL in. It also tells Calcite what the store can compute itself
   * ({@link StoreCapabilities} describes that), so it must not claim less than the store does.
   *
   * @param metaData the metadata of an open connection to the store
   */
  SqlDialect sqlDialect(DatabaseMetaData metaData);

  /** How the pool makes the store's connections read-only at the store; by default it asks the driver. */
  default ReadOnlySetup readOnlySetup(String url) {
    return ReadOnlySetup.DRIVER_READ_ONLY;
  }

  /**
   * How a query's result set streams instead of being held in memory by the driver; by default autocommit is turned
   * off and a fetch size set, which every driver accepts and some (PostgreSQL) need.
   */
  default StreamingSetup streamingSetup() {
    return StreamingSetup.TRANSACTION_WITH_FETCH_SIZE;
  }

  /**
   * Driver properties that make the store's SQL mean what FunnelSQL writes (ClickHouse's {@code join_use_nulls}),
   * passed on every pooled connection; none by default.
   */
  default Map<String, String> connectionProperties() {
    return Map.of();
  }

  /**
   * Whether the store's tables are named with the connection's catalog in front of the schema; false where the store
   * has no catalogs and refuses three-part names (ClickHouse). True by default.
   */
  default boolean namesCatalog() {
    return true;
  }

  /** How a step scan reads a TIMESTAMP time fastest from the store's driver; by default as a LocalDateTime. */
  default TimestampReading timestampReading() {
    return TimestampReading.LOCAL_DATE_TIME;
  }

  /**
   * The store's expression for a TIMESTAMP's wall clock in milliseconds since 1970-01-01 00:00 (a BIGINT); asked only
   * of dialects whose {@link #timestampReading()} is {@link TimestampReading#EPOCH_MILLIS}.
   */
  default RexNode epochMillis(RexBuilder rexBuilder, RexNode timestamp) {
    throw new UnsupportedOperationException(getClass().getName() + " reads timestamps as " + timestampReading());
  }

  /**
   * How the store's driver hands a step scan its rows as Arrow batches where that is faster than its getters, or null
   * (the default) where it has no such export.
   */
  default @Nullable ColumnarExport columnarExport() {
    return null;
  }

  /**
   * How the store copies a step scan's rows out in bulk, in its own binary format, where that is faster than its
   * driver's getters, or null (the default) where it has no such copy.
   */
  default @Nullable BinaryCopy binaryCopy() {
    return null;
  }

  /**
   * Whether a {@code GROUP BY} that Calcite's cost-based planning left in Calcite's operators over the store's rows is
   * moved into the store's query ({@link GroupsInStore}); true by default, false where the store types such SQL
   * otherwise than Calcite does.
   */
  default boolean takesCalciteGroupings() {
    return true;
  }

  /**
   * Whether the step scan's mask column is a BIGINT even when an INTEGER would hold every bit, because the store's
   * driver reads a BIGINT fastest; by default it is an INTEGER up to 30 conditions.
   */
  default boolean wideMask() {
    return false;
  }

  /**
   * Whether the store numbers the values of a step scan's value column (SEQUENCE_NEXT_NODE's event column): it sends
   * each distinct value once with its number, then each row with the number of its value, where its driver reads a
   * string per row much slower than the store joins the rows with their few distinct values. Both queries run in one
   * transaction, so the store must give each transaction one snapshot and its {@link #streamingSetup()} must turn
   * autocommit off. False by default: the store sends each row's string.
   */
  default boolean numbersValues() {
    return false;
  }

  /**
   * The expression whose distinct values the store numbers when it {@linkplain #numbersValues() numbers values}: the
   * value itself by default; it must be equal for two rows only if their strings are (no collation that folds case,
   * for instance), since each row is given back the string of its number.
   */
  default RexNode numberedValue(RexBuilder rexBuilder, RexNode value) {
    return value;
  }

  /**
   * Whether the store should return the key of each group that has no step rows itself ({@code UNION ALL SELECT
   * DISTINCT key … WHERE <rows the step filter drops>}) rather than send all rows unfiltered; false where that
   * aggregation costs the store more than sending the rows. True by default.
   */
  default boolean keyLaneWorthIt() {
    return true;
  }

  /**
   * How the store spells FunnelSQL's calendar functions, so that queries bucketing periods run in the store; null
   * (the default) when it cannot, and FunnelSQL computes them over the rows the store sends. The store's
   * {@link #sqlDialect} must print them with {@link CalendarCalls#unparse}.
   */
  default @Nullable StoreCalendar calendar() {
    return null;
  }

  /**
   * How the engine computes a whole funnel in its own SQL ({@code funnel.pushdown=engine}), so that only a row per
   * group leaves it; null (the default) where it cannot, and the client's step scan computes it.
   */
  default @Nullable EngineFolds engineFolds() {
    return null;
  }

  /**
   * Whether {@code funnel.pushdown=auto} computes funnels in the engine ({@link #engineFolds}) rather than in the
   * client: true where the engine is distributed and its driver sends rows slower than the fold runs.
   */
  default boolean prefersEngineFolds() {
    return false;
  }

  /**
   * Whether the store computes in this JVM's own heap (a database written in Java that runs embedded, H2), so that
   * the groupings it holds while it answers count against the heap FunnelSQL's queries have: a funnel table then
   * reads its segmentations' memberships one after another instead of all at once. False by default.
   */
  default boolean sharesTheJvmHeap() {
    return false;
  }

  /**
   * How long the store's idle pooled connections outlive the last FunnelSQL connection that used them, for the next
   * one to reuse: a new session of a database server costs a handshake, and its first queries pay for caches the
   * server process has not filled yet (PostgreSQL: about 0.1 s on a million events). Zero (the default) closes them
   * with the last connection, which an embedded store's files need, so that another process can open them at once.
   */
  default Duration idleConnectionsKept() {
    return Duration.ZERO;
  }
}
