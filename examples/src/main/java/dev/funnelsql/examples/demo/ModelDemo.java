package dev.funnelsql.examples.demo;

import java.io.IOException;
import java.io.InputStream;
import java.io.PrintStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DatabaseMetaData;
import java.sql.DriverManager;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;

/**
 * The second half of the demo: the shop and SaaS models shipped in {@code models/} are written next to the store and
 * their virtual tables (segmented funnel, segment sizes, transitions, retention matrix) are printed with no
 * hand-written analytics SQL.
 *
 * <p>Tables that the driver on the classpath does not provide (some kinds and tables are newer than others) are
 * skipped, never failed, and listed in one line at the end; a model that does not load at all is skipped the same
 * way.
 */
public final class ModelDemo {

  /** The e-commerce model's resource name under {@code models/}. */
  public static final String SHOP_MODEL = "shop.yaml";
  /** The SaaS model's resource name under {@code models/}. */
  public static final String SAAS_MODEL = "saas.yaml";
  /** The text in the shipped models that stands for the store's JDBC URL. */
  public static final String URL_PLACEHOLDER = "${FUNNELSQL_DEMO_URL}";

  /**
   * A titled query over one virtual table of a model; it runs only if that table exists.
   *
   * @param title one line saying what the query answers
   * @param table the table it needs, {@code schema.table}
   * @param sql the query text
   */
  public record ModelQuery(String title, String table, String sql) {
    /** The sizes of a segmentation, largest first: {@code segment}, {@code users}, {@code share}. */
    static ModelQuery sizes(String title, String segmentation) {
      final String table = "segments." + segmentation + "_sizes";
      return new ModelQuery(title, table, "SELECT segment, users, share\nFROM " + table + "\nORDER BY users DESC");
    }
  }

  /** The checkout funnel as a BI tool charts it: one row per step, from the funnel's chart table. */
  public static final ModelQuery FUNNEL_CHART = new ModelQuery(
      "Checkout funnel from the model, as a BI chart reads it (no SQL beyond SELECT *)",
      "funnels.checkout_chart",
      """
      SELECT *
      FROM funnels.checkout_chart""");

  /** The checkout funnel per acquisition source, from the funnel's summary table. */
  public static final ModelQuery SEGMENTED_FUNNEL = new ModelQuery(
      "Checkout funnel by acquisition source, from the model (no SQL beyond a filter)",
      "funnels.checkout_summary",
      """
      SELECT step_label, segment, users, conversion_from_start
      FROM funnels.checkout_summary
      WHERE breakdown = 'source'
      ORDER BY segment, step""");

  /** Sizes of the engagement segments. */
  public static final ModelQuery ENGAGEMENT_SIZES = ModelQuery.sizes(
      "Engagement segments (rules on sessions): size and share", "engagement");

  /** Sizes of the churn-risk segments (the third-party {@code churn_risk} kind). */
  public static final ModelQuery CHURN_SIZES = new ModelQuery(
      "Churn risk (third-party kind churn_risk: days since the last session or order)",
      "segments.churn_sizes",
      """
      SELECT segment, users, share
      FROM segments.churn_sizes
      ORDER BY segment""");

  /** Week-to-week moves between engagement segments, summed over all weeks, as a from × to matrix. */
  public static final ModelQuery ENGAGEMENT_TRANSITIONS = new ModelQuery(
      "Engagement transitions: users moving from one week's segment (rows) to the next week's (columns)",
      "segments.engagement_transitions",
      """
      SELECT from_segment,
             SUM(CASE WHEN to_segment = 'power' THEN users ELSE 0 END) AS to_power,
             SUM(CASE WHEN to_segment = 'regular' THEN users ELSE 0 END) AS to_regular,
             SUM(CASE WHEN to_segment = 'casual' THEN users ELSE 0 END) AS to_casual,
             SUM(CASE WHEN to_segment = 'silent' THEN users ELSE 0 END) AS to_silent
      FROM segments.engagement_transitions
      GROUP BY from_segment
      ORDER BY from_segment""");

  /** How the engagement segments' shares shift week by week, as a stacked area chart would show them. */
  public static final ModelQuery ENGAGEMENT_TREND = new ModelQuery(
      "Engagement shares at the end of each week (segments.engagement_trend: the segmentation as it stood then)",
      "segments.engagement_trend",
      """
      SELECT CAST(period_start AS DATE) AS week,
             SUM(CASE WHEN segment = 'power' THEN share ELSE 0 END) AS power_share,
             SUM(CASE WHEN segment = 'regular' THEN share ELSE 0 END) AS regular_share,
             SUM(CASE WHEN segment = 'casual' THEN share ELSE 0 END) AS casual_share,
             SUM(CASE WHEN segment = 'silent' THEN share ELSE 0 END) AS silent_share,
             SUM(users) AS users
      FROM segments.engagement_trend
      GROUP BY period_start
      ORDER BY period_start""");

  /** The engagement segmentation's health: segment count, sizes, overlapping rules. */
  public static final ModelQuery ENGAGEMENT_CHECK = new ModelQuery(
      "Engagement health (segments.engagement_check): 3-8 segments, exhaustive, overlapping rules",
      "segments.engagement_check",
      """
      SELECT finding, segment, other_segment, users, segments, warning
      FROM segments.engagement_check""");

  /** The weekly cohort retention matrix, one row per signup week. */
  public static final ModelQuery RETENTION_MATRIX = new ModelQuery(
      "Retention matrix of weekly_buyers: share of each signup week's users with a session k weeks later",
      "cohorts.weekly_buyers_matrix",
      """
      SELECT CAST(cohort_period AS DATE) AS cohort_week, MAX(cohort_users) AS users,
             MAX(CASE WHEN period_offset = 1 THEN retention_rate END) AS w1_rate,
             MAX(CASE WHEN period_offset = 2 THEN retention_rate END) AS w2_rate,
             MAX(CASE WHEN period_offset = 3 THEN retention_rate END) AS w3_rate,
             MAX(CASE WHEN period_offset = 4 THEN retention_rate END) AS w4_rate,
             MAX(CASE WHEN period_offset = 5 THEN retention_rate END) AS w5_rate,
             MAX(CASE WHEN period_offset = 6 THEN retention_rate END) AS w6_rate,
             MAX(CASE WHEN period_offset = 7 THEN retention_rate END) AS w7_rate,
             MAX(CASE WHEN period_offset = 8 THEN retention_rate END) AS w8_rate
      FROM cohorts.weekly_buyers_matrix
      WHERE breakdown IS NULL
      GROUP BY cohort_period
      ORDER BY cohort_period""");

  /** Week-1 and week-4 retention of the weekly cohorts per acquisition source (the matrix's breakdown). */
  public static final ModelQuery RETENTION_BY_SOURCE = new ModelQuery(
      "Retention of weekly_buyers by acquisition source (the matrix's breakdown: all cohorts with that week observed)",
      "cohorts.weekly_buyers_matrix",
      """
      SELECT segment AS source,
             CAST(SUM(CASE WHEN period_offset = 1 THEN users END) AS DOUBLE)
               / SUM(CASE WHEN period_offset = 1 THEN cohort_users END) AS w1_rate,
             CAST(SUM(CASE WHEN period_offset = 4 THEN users END) AS DOUBLE)
               / SUM(CASE WHEN period_offset = 4 THEN cohort_users END) AS w4_rate
      FROM cohorts.weekly_buyers_matrix
      WHERE breakdown = 'source'
      GROUP BY segment
      ORDER BY segment""");

  /** The SaaS model's sessions-per-week buckets (the frequency kind). */
  public static final ModelQuery HABIT_SIZES = ModelQuery.sizes(
      "SaaS model: sessions per week over the last 4 complete weeks (frequency kind, thresholds 0.25 and 1)",
      "habit");

  /** Sessions in the last week, bucketed at the thresholds the tipping point chooses ({@code thresholds: auto}). */
  public static final ModelQuery HABIT_AUTO_SIZES = ModelQuery.sizes(
      "SaaS model: sessions in the last complete week, thresholds chosen from the tipping point (thresholds: auto)",
      "habit_auto");

  /** The tipping point behind them, the chosen thresholds marked. */
  public static final ModelQuery HABIT_TIPPING_POINTS = new ModelQuery(
      "SaaS model: sessions in a week against a session the next week; the chosen thresholds marked",
      "segments.habit_auto_tipping_points",
      """
      SELECT threshold, users_at_or_above, outcome_rate_at_or_above, outcome_rate_below, lift, chosen
      FROM segments.habit_auto_tipping_points
      ORDER BY threshold""");

  /** The SaaS model's activation funnel, overall. */
  public static final ModelQuery ACTIVATION_FUNNEL = new ModelQuery(
      "SaaS model: activation funnel signed_up -> session -> product view -> subscribed, within 14 days",
      "funnels.activation_summary",
      """
      SELECT step_label, users, conversion_from_start, conversion_from_previous, drop_off,
             median_seconds_to_reach
      FROM funnels.activation_summary
      WHERE breakdown IS NULL
      ORDER BY step""");

  /** The same activation funnel counted per account ({@code per: account_id}), beside the users'. */
  public static final ModelQuery ACCOUNT_ACTIVATION = new ModelQuery(
      "SaaS model: the same funnel per account (per: account_id), beside the users'",
      "funnels.account_activation_chart",
      """
      SELECT a.step_label, a.users AS accounts, u.users AS users
      FROM funnels.account_activation_chart AS a
      JOIN funnels.activation_chart AS u ON u.step_label = a.step_label
      ORDER BY a.step_label""");

  private ModelDemo() {
  }

  /**
   * Returns the queries run over the shop model, in order.
   *
   * @return funnel chart, segmented funnel, engagement sizes, churn sizes, transitions, trend, check, retention
   *     matrix, retention by source
   */
  public static List<ModelQuery> shopQueries() {
    return List.of(FUNNEL_CHART, SEGMENTED_FUNNEL, ENGAGEMENT_SIZES, CHURN_SIZES, ENGAGEMENT_TRANSITIONS,
        ENGAGEMENT_TREND, ENGAGEMENT_CHECK, RETENTION_MATRIX, RETENTION_BY_SOURCE);
  }

  /**
   * Returns the queries run over the SaaS model, in order.
   *
   * @return the activation funnel, and per account, and the sessions-per-week buckets, fixed and chosen
   */
  public static List<ModelQuery> saasQueries() {
    return List.of(ACTIVATION_FUNNEL, ACCOUNT_ACTIVATION, HABIT_SIZES, HABIT_AUTO_SIZES, HABIT_TIPPING_POINTS);
  }

  /**
   * Returns the text of a shipped model, as in the jar (with the URL placeholder).
   *
   * @param name {@link #SHOP_MODEL} or {@link #SAAS_MODEL}
   * @return the YAML text
   */
  public static String modelText(String name) {
    try (InputStream in = ModelDemo.class.getResourceAsStream("/models/" + name)) {
      if (in == null) {
        throw new IllegalArgumentException("no model resource /models/" + name);
      }
      return new String(in.readAllBytes(), StandardCharsets.UTF_8);
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  /**
   * Writes a shipped model to {@code dir} with {@link #URL_PLACEHOLDER} replaced by {@code jdbcUrl}, escaped for the
   * YAML double-quoted string it sits in (and {@code ${} written as {@code $${}}, so no path is read as a variable).
   *
   * @param name {@link #SHOP_MODEL} or {@link #SAAS_MODEL}
   * @param dir the directory, created if missing
   * @param jdbcUrl the store's JDBC URL
   * @return the written file
   * @throws IOException when writing fails
   */
  public static Path writeModel(String name, Path dir, String jdbcUrl) throws IOException {
    String escaped = jdbcUrl.replace("\\", "\\\\").replace("\"", "\\\"").replace("${", "$${");
    String text = modelText(name).replace(URL_PLACEHOLDER, escaped);
    Files.createDirectories(dir);
    Path file = dir.resolve(name);
    Files.writeString(file, text, StandardCharsets.UTF_8);
    return file;
  }

  /**
   * Returns the FunnelSQL URL of a model file.
   *
   * @param model the model file
   * @return {@code jdbc:funnelsql:model=<absolute path>}
   */
  public static String modelUrl(Path model) {
    return "jdbc:funnelsql:model=" + model.toAbsolutePath().normalize();
  }

  /**
   * Prints the shop model's queries, then the SaaS model's; queries whose table is missing are skipped and listed
   * in one line at the end.
   *
   * @param shopModel the shop model file (with the store's URL)
   * @param saasModel the SaaS model file (with the store's URL)
   * @param out where to print
   * @return the number of queries that failed (a skipped table or model is not a failure)
   * @throws SQLException when the shop model cannot be connected to
   */
  public static int run(Path shopModel, Path saasModel, PrintStream out) throws SQLException {
    List<String> skipped = new ArrayList<>();
    int failures = runModel(shopModel, shopQueries(), out, skipped, true);
    failures += runModel(saasModel, saasQueries(), out, skipped, false);
    if (!skipped.isEmpty()) {
      out.println();
      out.println("Skipped (not provided by this build of the driver): " + String.join("; ", skipped));
    }
    return failures;
  }

  private static int runModel(Path model, List<ModelQuery> queries, PrintStream out, List<String> skipped,
                              boolean required) throws SQLException {
    String url = modelUrl(model);
    out.println();
    out.println("Connecting to " + url);
    long start = System.nanoTime();
    Connection connection;
    try {
      connection = DriverManager.getConnection(url);
    } catch (SQLException e) {
      if (required) {
        throw e;
      }
      skipped.add("model " + model.getFileName() + " (" + firstLine(e.getMessage()) + ")");
      return 0;
    }
    out.printf(Locale.ROOT, "Model loaded in %.2f s%n", (System.nanoTime() - start) / 1e9);
    int failures = 0;
    try (connection) {
      for (ModelQuery query : queries) {
        if (!tableExists(connection, query.table())) {
          skipped.add(query.table());
          continue;
        }
        out.println();
        out.println("== " + query.title());
        out.println();
        out.println(query.sql().indent(4).stripTrailing());
        out.println();
        long queryStart = System.nanoTime();
        try (Statement statement = connection.createStatement();
             ResultSet rs = statement.executeQuery(query.sql())) {
          TablePrinter.print(rs, out);
          out.printf(Locale.ROOT, "Time: %.2f s%n", (System.nanoTime() - queryStart) / 1e9);
        } catch (SQLException | RuntimeException e) {
          failures++;
          out.flush();
          System.err.println("FAILED: " + e);
        }
      }
    }
    return failures;
  }

  /**
   * Returns whether the connection's catalog lists the table.
   *
   * @param connection a FunnelSQL connection
   * @param qualified {@code schema.table}
   * @return whether {@link DatabaseMetaData#getTables} lists exactly that schema and table
   * @throws SQLException when reading the catalog fails
   */
  public static boolean tableExists(Connection connection, String qualified) throws SQLException {
    int dot = qualified.indexOf('.');
    String schema = qualified.substring(0, dot);
    String table = qualified.substring(dot + 1);
    try (ResultSet rs = connection.getMetaData().getTables(null, schema, table, null)) {
      while (rs.next()) {
        if (schema.equals(rs.getString("TABLE_SCHEM")) && table.equals(rs.getString("TABLE_NAME"))) {
          return true;
        }
      }
    }
    return false;
  }

  private static String firstLine(String message) {
    return message == null ? "unknown error" : message.lines().findFirst().orElse("");
  }
}
