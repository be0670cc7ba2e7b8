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
    final int highest = wholeNumber(node.optionalText("max"), DEFAULT_MAX, 1, LIMIT, "max");
    return new TippingPoint(event, outcome, unit, highest);
  }

  /**
   * A whole-number option from {@code least} to {@code most}, or {@code otherwise} when absent; anything else is an
   * error at the option's line naming {@code key}.
   */
  public static int wholeNumber(@Nullable Located text, int otherwise, int least, int most, String key)
      throws ModelException {
    if (text == null) {
      return otherwise;
    }
    int value;
    try {
      value = Integer.parseInt(text.text().trim());
    } catch (NumberFormatException e) {
      value = least - 1;
    }
    if (value < least || value > most) {
      throw text.where().error(key + " must be a whole number from " + least + " to " + most + ", got "
          + text.where().quoted());
    }
    return value;
  }
}
