package dev.funnelsql.examples.bench;

import dev.funnelsql.examples.demo.ModelDemo;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;

/**
 * The shop-like model of the tables mode over the generated events: the funnel {@link FunnelShape} (4 steps, 7 days)
 * as {@value #FUNNEL} with two breakdowns, a {@code rules} segmentation on event counts ({@value #ENGAGEMENT}, with a
 * tipping point), a {@code lifecycle} segmentation ({@value #LIFECYCLE}), two {@code frequency} ones
 * ({@value #FREQUENCY} with fixed thresholds, {@value #FREQUENCY_AUTO} with chosen ones), a weekly cohort
 * ({@value #COHORT}), a path from the funnel's step 2 ({@value #PATH}) and the same path per session
 * ({@value #SESSION_PATH}, over the sessions the model derives: {@code session: { gap: 30m }}). One place for its names
 * and thresholds, so that the YAML and the hand-written SQL ({@link ShopSql}) cannot drift apart.
 */
final class ShopModel {
  /** The funnel. */
  static final String FUNNEL = "checkout";
  /**
   * The same funnel with its engagement breakdown taken at each user's entry (the model's default {@code as_of}),
   * where {@value #FUNNEL} takes its breakdowns now ({@code as_of: now}).
   */
  static final String FUNNEL_AT_ENTRY = "checkout_at_entry";
  /** The step names of the funnel, for {@link FunnelShape#STEPS} in order. */
  static final List<String> STEP_NAMES = List.of("Viewed product", "Added to cart", "Started checkout", "Paid");
  /** The rules segmentation. */
  static final String ENGAGEMENT = "engagement";
  /** The lifecycle segmentation. */
  static final String LIFECYCLE = "lifecycle";
  /** The funnel's breakdowns, in model order. */
  static final List<String> BREAKDOWNS = List.of(ENGAGEMENT, LIFECYCLE);
  /** The frequency segmentation: product views per week over the 4 complete weeks before the latest one. */
  static final String FREQUENCY = "viewing";
  /** The frequency's thresholds, in views per week: light below the first, medium, heavy from the second. */
  static final List<Double> FREQUENCY_THRESHOLDS = List.of(0.5, 2.0);
  /**
   * The same frequency with {@code thresholds: auto}: its two thresholds are the tipping point's (views this week, a
   * payment the next) largest rises of the lift.
   */
  static final String FREQUENCY_AUTO = "viewing_auto";
  /** Every segmentation of the model, in model order: the segment columns of the funnel's detail table. */
  static final List<String> SEGMENTATIONS = List.of(ENGAGEMENT, LIFECYCLE, FREQUENCY, FREQUENCY_AUTO);
  /** The complete weeks the frequency averages. */
  static final int FREQUENCY_WEEKS = 4;
  /** The cohort. */
  static final String COHORT = "weekly_buyers";
  /** The path: where users go from their first cart add (the funnel's step 2). */
  static final String PATH = "after_cart";
  /** The path per session: where each session goes from its first cart add, each user counted once per edge. */
  static final String SESSION_PATH = "after_cart_sessions";
  /** The longest time between two events of one session, in minutes (the model's {@code session: { gap: 30m }}). */
  static final int SESSION_GAP_MINUTES = 30;
  /** The path's depth. */
  static final int PATH_STEPS = 5;
  /** The nodes the path keeps per depth. */
  static final int PATH_TOP = 8;
  /** The engagement rules, in order: {@code power} and {@code regular} by {@code e0} rows, {@code casual} by rows. */
  static final List<String> RULE_SEGMENTS = List.of("power", "regular", "casual");
  /** The engagement segment of users matching no rule. */
  static final String OTHERWISE = "silent";
  /** {@code e0} rows a power user has at least. */
  static final int POWER_VIEWS = 20;
  /** {@code e0} rows a regular user has at least. */
  static final int REGULAR_VIEWS = 5;
  /** Rows a casual user has at least. */
  static final int CASUAL_EVENTS = 3;
  /** The lifecycle's active event and the cohort's entry event: a product view. */
  static final String VIEW = "e0";
  /** The cohort's return event and the tipping point's outcome: a payment. */
  static final String PAID = "e3";
  /** The highest threshold of the tipping point. */
  static final int TIPPING_MAX = 10;
  /** The weeks the cohort follows after its entry week. */
  static final int COHORT_PERIODS = 12;

  private ShopModel() {
  }

  /** The engagement rules' conditions, in order (SQL every store and FunnelSQL read alike). */
  static List<String> ruleConditions() {
    return List.of(views() + " >= " + POWER_VIEWS, views() + " >= " + REGULAR_VIEWS, "COUNT(*) >= " + CASUAL_EVENTS);
  }

  private static String views() {
    return "COUNT(*) FILTER (WHERE event_name = '" + VIEW + "')";
  }

  /** The model's YAML over {@code url} (the table {@code events} in the connection's default schema). */
  static String yaml(String url) {
    final StringBuilder yaml = new StringBuilder("# The model of the benchmark's tables mode (--tables), written by "
        + "the benchmark next to its store.\n");
    yaml.append("source:\n  url: \"").append(url.replace("\\", "\\\\").replace("\"", "\\\"").replace("${", "$${"))
        .append("\"\n");
    yaml.append("events: { table: events, user: user_id, time: ts, event: event_name, session: { gap: ")
        .append(SESSION_GAP_MINUTES).append("m } }\n");
    yaml.append("funnels:\n");
    funnel(yaml, FUNNEL, BREAKDOWNS, "    as_of: now\n");
    funnel(yaml, FUNNEL_AT_ENTRY, List.of(ENGAGEMENT), "");
    yaml.append("segmentations:\n  ").append(ENGAGEMENT).append(":\n    rules:\n");
    for (int i = 0; i < RULE_SEGMENTS.size(); i++) {
      yaml.append("      - { segment: ").append(RULE_SEGMENTS.get(i)).append(", when: \"")
          .append(ruleConditions().get(i)).append("\" }\n");
    }
    yaml.append("    otherwise: ").append(OTHERWISE).append("\n    period: week\n");
    yaml.append("    tipping_point: { event: \"event_name = '").append(VIEW).append("'\", outcome: \"event_name = '")
        .append(PAID).append("'\", max: ").append(TIPPING_MAX).append(" }\n");
    yaml.append("  ").append(LIFECYCLE).append(": { kind: lifecycle, period: week, active: \"event_name = '")
        .append(VIEW).append("'\" }\n");
    yaml.append("  ").append(FREQUENCY).append(": { kind: frequency, event: \"event_name = '").append(VIEW)
        .append("'\", period: week, periods: ").append(FREQUENCY_WEEKS).append(", thresholds: ")
        .append(FREQUENCY_THRESHOLDS).append(" }\n");
    yaml.append("  ").append(FREQUENCY_AUTO).append(":\n    kind: frequency\n    event: \"event_name = '").append(VIEW)
        .append("'\"\n    period: week\n    periods: ").append(FREQUENCY_WEEKS).append("\n    thresholds: auto\n")
        .append("    tipping_point: { event: \"event_name = '").append(VIEW).append("'\", outcome: \"event_name = '")
        .append(PAID).append("'\", max: ").append(TIPPING_MAX).append(" }\n");
    yaml.append("cohorts:\n  ").append(COHORT).append(": { entry: \"event_name = '").append(VIEW)
        .append("'\", return: \"event_name = '").append(PAID).append("'\", period: week, retention: n_day, periods: ")
        .append(COHORT_PERIODS).append(" }\n");
    yaml.append("paths:\n  ").append(PATH).append(": { start: \"event_name = ").append(FunnelShape.step(1))
        .append("\", steps: ").append(PATH_STEPS).append(", top: ").append(PATH_TOP).append(" }\n");
    yaml.append("  ").append(SESSION_PATH).append(": { start: \"event_name = ").append(FunnelShape.step(1))
        .append("\", steps: ").append(PATH_STEPS).append(", top: ").append(PATH_TOP).append(", per: session }\n");
    return yaml.toString();
  }

  private static void funnel(StringBuilder yaml, String name, List<String> breakdowns, String options) {
    yaml.append("  ").append(name).append(":\n    window: 7d\n    steps:\n");
    for (int i = 0; i < FunnelShape.steps(); i++) {
      yaml.append("      - { name: ").append(STEP_NAMES.get(i)).append(", when: \"event_name = ")
          .append(FunnelShape.step(i)).append("\" }\n");
    }
    yaml.append("    breakdowns: [").append(String.join(", ", breakdowns)).append("]\n").append(options);
  }

  /**
   * Writes the model of {@code data} next to its store, {@code <dir>/data/<data set>-<store>-shop.yaml}.
   *
   * @return the file
   */
  static Path write(Path dir, StoreData data) throws IOException {
    final Path file = dir.resolve("data").resolve(data.spec().name() + "-" + data.kind().flag() + "-shop.yaml");
    Files.createDirectories(file.getParent());
    Files.writeString(file, yaml(data.url()), StandardCharsets.UTF_8);
    return file;
  }

  /** The FunnelSQL URL of a model file. */
  static String url(Path model) {
    return ModelDemo.modelUrl(model);
  }
}
