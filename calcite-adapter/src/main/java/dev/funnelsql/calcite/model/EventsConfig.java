package dev.funnelsql.calcite.model;

import java.util.List;

/**
 * The {@code events:} block of a model (or what a {@code preset:} gives): the events table and which of its columns
 * hold the user, the time, the event name and the properties that funnels and segments may refer to.
 *
 * @param table the table, possibly qualified ({@code public.events})
 * @param user the column identifying the user (actor)
 * @param time the column holding the event's time
 * @param event the column holding the event's name
 * @param properties further columns exposed as event properties, in file order
 */
public record EventsConfig(Located table, Located user, Located time, Located event, List<Located> properties) {
  /** Creates the events configuration (the property list is copied). */
  public EventsConfig {
    properties = List.copyOf(properties);
  }
}
