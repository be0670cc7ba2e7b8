package dev.funnelsql.calcite.model;

import java.util.List;
import org.checkerframework.checker.nullness.qual.Nullable;

/**
 * The {@code events:} block of a model (or what a {@code preset:} gives): the events table and which of its columns
 * hold the user, the time, the event name and the properties that funnels and segments may refer to.
 *
 * @param table the table, possibly qualified ({@code public.events})
 * @param user the column identifying the user (actor)
 * @param time the column holding the event's time
 * @param event the column holding the event's name
 * @param properties further columns exposed as event properties, in file order
 * @param session the session the model derives for each event ({@code session:}), or null
 */
public record EventsConfig(Located table, Located user, Located time, Located event, List<Located> properties,
    @Nullable SessionConfig session) {
  /** Creates the events configuration (the property list is copied). */
  public EventsConfig {
    properties = List.copyOf(properties);
  }

  /**
   * Whether a {@code per:} names the session the model derives: {@value SessionConfig#PER}, or the derived column's
   * name (ignoring case), when the model has a {@code session:}.
   */
  public boolean isSession(Located per) {
    final String text = per.text().strip();
    return session != null && (text.equalsIgnoreCase(SessionConfig.PER)
        || text.equalsIgnoreCase(session.column().text()));
  }

  /** The events configuration of a table with no derived session (what a preset gives). */
  public EventsConfig(Located table, Located user, Located time, Located event, List<Located> properties) {
    this(table, user, time, event, properties, null);
  }
}
