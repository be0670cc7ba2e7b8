package dev.funnelsql.calcite.stepscan;

import dev.funnelsql.calcite.settings.ConnectionValues;
import dev.funnelsql.calcite.settings.SettingValues;
import java.sql.SQLException;
import java.util.Locale;
import java.util.Properties;
import org.apache.calcite.jdbc.CalciteSchema;
import org.apache.calcite.schema.Schema;
import org.checkerframework.checker.nullness.qual.Nullable;

/**
 * The connection's choices for the step scan ({@code funnel.*} connection properties): where behavioural aggregates
 * run ({@link Pushdown}), where step rows are ordered, and how much heap one query may buffer before it has the store
 * sort instead.
 */
public final class StepScanSettings {
  /** The property that chooses where behavioural aggregates run: {@code auto|engine|client|never}. */
  public static final String PUSHDOWN = "funnel.pushdown";
  /** The property that chooses where rows are ordered: {@code client} (the default) or {@code source}. */
  public static final String SORT = "funnel.sort";
  /** The property that bounds the bytes one query buffers when FunnelSQL orders the rows itself. */
  public static final String BUFFER_LIMIT = "funnel.bufferLimit";
  /**
   * The property that chooses how step rows are read: {@code auto} (the default: as Arrow batches where the store's
   * driver exports them and this JVM lets Arrow run, copied out in bulk where the store copies them, PostgreSQL's
   * binary {@code COPY}) or {@code jdbc} (always through the driver's getters).
   */
  public static final String TRANSFER = "funnel.transfer";

  /** The settings of a connection that sets none. */
  public static final StepScanSettings DEFAULT =
      new StepScanSettings(Pushdown.AUTO, false, defaultBufferLimit(), true);

  private static final ConnectionValues<StepScanSettings> BY_ROOT = new ConnectionValues<>();

  private final Pushdown pushdown;
  private final boolean sourceSort;
  private final long bufferLimit;
  private final boolean columnar;

  /** Where a behavioural aggregate over a JDBC store runs, the values of {@link #PUSHDOWN}. */
  public enum Pushdown {
    /** In the engine where its dialect prefers that (distributed engines), else the client step scan. */
    AUTO,
    /** In the engine wherever its SQL can compute the aggregate exactly, else the client step scan. */
    ENGINE,
    /** The step scan in FunnelSQL's JVM: the store sends the step rows. */
    CLIENT,
    /** Calcite's generic aggregate, row by row (slow; for comparison). */
    NEVER
  }

  private StepScanSettings(Pushdown pushdown, boolean sourceSort, long bufferLimit, boolean columnar) {
    this.pushdown = pushdown;
    this.sourceSort = sourceSort;
    this.bufferLimit = bufferLimit;
    this.columnar = columnar;
  }

  private static long defaultBufferLimit() {
    return Runtime.getRuntime().maxMemory() / 4;
  }

  /** Whether {@code key} is one of the step scan's properties. */
  public static boolean isKey(String key) {
    return key.equalsIgnoreCase(PUSHDOWN) || key.equalsIgnoreCase(SORT) || key.equalsIgnoreCase(BUFFER_LIMIT)
        || key.equalsIgnoreCase(TRANSFER);
  }

  /**
   * Reads the settings from connection properties (other keys are ignored).
   *
   * @throws SQLException with SQLState 22023 naming the property and its valid values if a value is wrong
   */
  public static StepScanSettings from(Properties properties) throws SQLException {
    Pushdown pushdown = DEFAULT.pushdown;
    boolean sourceSort = DEFAULT.sourceSort;
    long bufferLimit = DEFAULT.bufferLimit;
    boolean columnar = DEFAULT.columnar;
    for (String name : properties.stringPropertyNames()) {
      final String value = properties.getProperty(name).trim().toLowerCase(Locale.ROOT);
      if (name.equalsIgnoreCase(PUSHDOWN)) {
        pushdown = pushdown(value);
      } else if (name.equalsIgnoreCase(SORT)) {
        sourceSort = !choose(SORT, value, "client", "source");
      } else if (name.equalsIgnoreCase(BUFFER_LIMIT)) {
        bufferLimit = SettingValues.bytes(BUFFER_LIMIT, value, "512m or 2g");
      } else if (name.equalsIgnoreCase(TRANSFER)) {
        columnar = choose(TRANSFER, value, "auto", "jdbc");
      }
    }
    return new StepScanSettings(pushdown, sourceSort, bufferLimit, columnar);
  }

  private static Pushdown pushdown(String value) throws SQLException {
    for (Pushdown choice : Pushdown.values()) {
      if (choice.name().toLowerCase(Locale.ROOT).equals(value)) {
        return choice;
      }
    }
    throw new SQLException("connection property " + PUSHDOWN + " must be 'auto', 'engine', 'client' or 'never', got '"
        + value + "'", "22023");
  }

  private static boolean choose(String key, String value, String yes, String no) throws SQLException {
    if (value.equals(yes)) {
      return true;
    }
    if (value.equals(no)) {
      return false;
    }
    throw new SQLException("connection property " + key + " must be '" + yes + "' or '" + no + "', got '" + value
        + "'", "22023");
  }

  /**
   * Records the settings of the connection whose root schema is {@code root}. They are kept by the root's {@link
   * Schema}, which the snapshots a statement is prepared against share with the connection's own root.
   */
  public static void register(CalciteSchema root, StepScanSettings settings) {
    BY_ROOT.put(root, settings);
  }

  /** Forgets the settings of a connection that closed. */
  public static void forget(CalciteSchema root) {
    BY_ROOT.remove(root);
  }

  /** The settings of the connection whose root schema (or a snapshot of it) is {@code root}, or the defaults. */
  public static StepScanSettings of(@Nullable CalciteSchema root) {
    final @Nullable StepScanSettings settings = BY_ROOT.get(root);
    return settings == null ? DEFAULT : settings;
  }

  /** Whether behavioural aggregates over a JDBC store use the step scan (or the engine), not Calcite's aggregate. */
  public boolean enabled() {
    return pushdown != Pushdown.NEVER;
  }

  /** Where behavioural aggregates over a JDBC store run. */
  public Pushdown pushdown() {
    return pushdown;
  }

  /** Whether the store orders the rows (streaming, memory per group) rather than FunnelSQL (faster). */
  public boolean sourceSort() {
    return sourceSort;
  }

  /** The most bytes one query buffers to order rows itself before it has the store order them instead. */
  public long bufferLimit() {
    return bufferLimit;
  }

  /** Whether step rows are read as Arrow batches or a bulk copy where the store offers one, not through getters. */
  public boolean columnar() {
    return columnar;
  }

  @Override public String toString() {
    return "StepScanSettings{pushdown=" + pushdown.name().toLowerCase(Locale.ROOT) + ", sort="
        + (sourceSort ? "source" : "client") + ", bufferLimit="
        + bufferLimit + ", transfer=" + (columnar ? "auto" : "jdbc") + "}";
  }
}
