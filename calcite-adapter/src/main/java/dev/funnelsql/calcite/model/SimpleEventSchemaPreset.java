package dev.funnelsql.calcite.model;

import java.util.List;

/**
 * Convenience base class of an {@link EventSchemaPreset} that is one fixed table and columns; a provider extends it
 * with a public no-argument constructor that passes the names.
 */
public abstract class SimpleEventSchemaPreset implements EventSchemaPreset {
  private final String name;
  private final String description;
  private final String table;
  private final String user;
  private final String time;
  private final String event;
  private final List<String> properties;

  /**
   * Creates a preset.
   *
   * @param name the name used in {@code preset:}
   * @param description what it is, for users
   * @param table the events table, possibly qualified
   * @param user the user column
   * @param time the time column
   * @param event the event name column
   * @param properties further columns exposed as properties
   */
  protected SimpleEventSchemaPreset(String name, String description, String table, String user, String time,
      String event, List<String> properties) {
    this.name = name;
    this.description = description;
    this.table = table;
    this.user = user;
    this.time = time;
    this.event = event;
    this.properties = List.copyOf(properties);
  }

  @Override public String name() {
    return name;
  }

  @Override public String description() {
    return description;
  }

  @Override public EventsConfig events(ModelNode where) {
    return new EventsConfig(new Located(table, where), new Located(user, where), new Located(time, where),
        new Located(event, where), properties.stream().map(p -> new Located(p, where)).toList());
  }

  @Override public String toString() {
    return "EventSchemaPreset[" + name + "]";
  }
}
