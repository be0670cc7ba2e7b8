package dev.funnelsql.calcite.segment;

import dev.funnelsql.calcite.model.Located;
import dev.funnelsql.calcite.model.ModelException;
import dev.funnelsql.calcite.model.ModelNode;
import dev.funnelsql.calcite.schema.ModelExpressions;
import dev.funnelsql.functions.period.CalendarPeriod;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import org.checkerframework.checker.nullness.qual.Nullable;

/**
 * The options every segment kind may accept beside its own: {@code period: hour|day|week|month} (the period of the
 * {@code <name>_transitions} table, default {@code week}) and {@code tipping_point: {event, outcome, period, max}}
 * (the {@code <name>_tipping_points} table, see {@link TippingPoint}). A kind adds {@link #KEYS} to its
 * {@code checkKeys} and reads them with {@link #period} and {@link #tippingPoint}.
 */
public final class SegmentOptions {
  /** The keys read here. */
  public static final List<String> KEYS = List.of("period", "tipping_point");

  /** The default period of transitions and tipping points. */
  public static final String DEFAULT_PERIOD = "week";

  /** The default highest threshold of a tipping-point analysis. */
  public static final int DEFAULT_MAX = 20;

  private static final int LIMIT = 1000;

  private SegmentOptions() {
  }

  /** The kind's own keys followed by {@link #KEYS}, for {@code checkKeys}. */
  public static List<String> keys(String... own) {
    final List<String> keys = new ArrayList<>(List.of(own));
    keys.addAll(KEYS);
    return keys;
  }

  /** The {@code period:} of a segmentation, lower case, or {@link #DEFAULT_PERIOD} when absent. */
  public static String period(ModelNode options) throws ModelException {
    return unit(options.optionalText("period"), DEFAULT_PERIOD);
  }

  private static String unit(@Nullable Located text, String otherwise) throws ModelException {
    if (text == null) {
      return otherwise;
    }
    try {
      return CalendarPeriod.parse(text.text()).name().toLowerCase(Locale.ROOT);
    } catch (IllegalArgumentException e) {
      throw text.where().error("period must be hour, day, week or month, got " + text.where().quoted());
    }
  }

  /** The {@code tipping_point:} of a segmentation, or null when absent; its period defaults to {@code period}. */
  public static @Nullable TippingPoint tippingPoint(ModelNode options, String period) throws ModelException {
    final @Nullable ModelNode node = options.optional("tipping_point");
    if (node == null) {
      return null;
    }
    node.expectMap().checkKeys("event", "outcome", "period", "max");
    final String event = ModelExpressions.canonical(node.requireText("event"), "the tipping point's event");
    final String outcome = ModelExpressions.canonical(node.requireText("outcome"), "the tipping point's outcome");
    final String unit = unit(node.optionalText("period"), period);
    final @Nullable Located max = node.optionalText("max");
    int highest = DEFAULT_MAX;
    if (max != null) {
      try {
        highest = Integer.parseInt(max.text().trim());
      } catch (NumberFormatException e) {
        highest = -1;
      }
      if (highest < 1 || highest > LIMIT) {
        throw max.where().error("max must be a whole number from 1 to " + LIMIT + ", got " + max.where().quoted());
      }
    }
    return new TippingPoint(event, outcome, unit, highest);
  }
}
