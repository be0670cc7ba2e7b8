package dev.funnelsql.calcite.model;

/**
 * A known event schema that a model names with {@code preset: <name>} instead of writing an {@code events:} block,
 * such as the tables that Segment, RudderStack, Snowplow, PostHog or a GA4 export leave in a warehouse.
 *
 * <p>Presets are discovered with {@link java.util.ServiceLoader}; the built-in ones are providers like any other.
 * A team adds its own by putting a jar on the driver's class path that contains a public class implementing this
 * interface (with a public no-argument constructor; {@link SimpleEventSchemaPreset} makes that one line) and a file
 * {@code META-INF/services/dev.funnelsql.calcite.model.EventSchemaPreset} naming that class, one class per line.
 * Names are matched case-insensitively; a preset whose name clashes with an earlier one on the class path is
 * ignored, so a built-in preset cannot be replaced by accident.
 */
public interface EventSchemaPreset {
  /** The name a model uses in {@code preset:}, lower case, such as {@code segment}. */
  String name();

  /** One or two sentences for users: which product and table, and any caveat about the columns. */
  String description();

  /**
   * The events table and columns of this schema.
   *
   * @param where the model's {@code preset:} node, to locate every returned {@link Located} text at
   * @return the events configuration
   */
  EventsConfig events(ModelNode where);
}
