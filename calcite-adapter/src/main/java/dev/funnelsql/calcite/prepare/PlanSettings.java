package dev.funnelsql.calcite.prepare;

import dev.funnelsql.calcite.settings.ConnectionValues;
import java.sql.SQLException;
import java.util.Locale;
import java.util.Properties;
import org.apache.calcite.jdbc.CalciteSchema;
import org.checkerframework.checker.nullness.qual.Nullable;

/**
 * The connection's choice ({@code plan.literals}) of whether statements that differ only in the literals of their
 * filters share one plan ({@code parameters}, the default: see {@link LiteralParameters}) or each literal text is
 * planned on its own ({@code text}), for comparison or as a way out should sharing ever misbehave.
 */
public final class PlanSettings {
  /** The connection property. */
  public static final String LITERALS = "plan.literals";

  /** The settings of a connection that sets none: literals shared. */
  public static final PlanSettings DEFAULT = new PlanSettings(true);

  private static final ConnectionValues<PlanSettings> BY_ROOT = new ConnectionValues<>();

  private final boolean literalsAsParameters;

  private PlanSettings(boolean literalsAsParameters) {
    this.literalsAsParameters = literalsAsParameters;
  }

  /** Whether {@code key} is one of these settings' properties. */
  public static boolean isKey(String key) {
    return key.equalsIgnoreCase(LITERALS);
  }

  /**
   * Reads the settings from connection properties (other keys are ignored).
   *
   * @throws SQLException with SQLState 22023 naming the property and its valid values if a value is wrong
   */
  public static PlanSettings from(Properties properties) throws SQLException {
    boolean parameters = DEFAULT.literalsAsParameters;
    for (String name : properties.stringPropertyNames()) {
      if (isKey(name)) {
        final String value = properties.getProperty(name).trim().toLowerCase(Locale.ROOT);
        if (value.equals("parameters")) {
          parameters = true;
        } else if (value.equals("text")) {
          parameters = false;
        } else {
          throw new SQLException("connection property " + LITERALS + " must be parameters or text, got '" + value
              + "'", "22023");
        }
      }
    }
    return parameters == DEFAULT.literalsAsParameters ? DEFAULT : new PlanSettings(parameters);
  }

  /** Records the settings of the connection whose root schema is {@code root} (shared by its snapshots). */
  public static void register(CalciteSchema root, PlanSettings settings) {
    BY_ROOT.put(root, settings);
  }

  /** Forgets the settings of a connection that closed. */
  public static void forget(CalciteSchema root) {
    BY_ROOT.remove(root);
  }

  /** The settings of the connection whose root schema (or a snapshot of it) is {@code root}, or the defaults. */
  public static PlanSettings of(@Nullable CalciteSchema root) {
    final @Nullable PlanSettings settings = BY_ROOT.get(root);
    return settings == null ? DEFAULT : settings;
  }

  /** Whether filter literals become parameters of a shared plan. */
  public boolean literalsAsParameters() {
    return literalsAsParameters;
  }

  @Override public String toString() {
    return "PlanSettings{literals=" + (literalsAsParameters ? "parameters" : "text") + "}";
  }
}
