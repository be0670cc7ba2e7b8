package dev.funnelsql.calcite.schema;

import dev.funnelsql.functions.period.LocalCalendar;
import java.util.List;
import org.apache.calcite.jdbc.JavaTypeFactoryImpl;
import org.apache.calcite.rel.type.RelDataType;
import org.apache.calcite.rel.type.RelDataTypeFactory;
import org.apache.calcite.schema.SchemaPlus;
import org.apache.calcite.schema.Table;
import org.apache.calcite.sql.type.SqlTypeName;
import org.checkerframework.checker.nullness.qual.Nullable;

/**
 * The events table of a model as the generated views see it: where it lives in the catalog, its user, time and
 * event columns, and the SQL relation over it (all of it, or as of a point in time).
 */
public final class EventsSource {
  private final SchemaPlus root;
  private final String sourceSchema;
  private final String table;
  private final String user;
  private final String time;
  private final String event;
  private final LocalCalendar calendar;
  private final @Nullable DerivedSession session;
  private final boolean groupKeysInWindows;

  /**
   * Creates a source; the columns are the model's names, matched ignoring case.
   *
   * @param calendar the calendar the model's periods of these events are counted on
   */
  @SuppressWarnings("checkstyle:ParameterNumber")
  public EventsSource(SchemaPlus root, String sourceSchema, String table, String user, String time, String event,
      LocalCalendar calendar) {
    this(root, sourceSchema, table, user, time, event, calendar, null, false);
  }

  /**
   * Creates a source whose relations carry the session the model derives, on a store that may not take a
   * grouped expression in a window over the grouping.
   *
   * @param calendar the calendar the model's periods of these events are counted on
   * @param session the derived session, or null
   * @param groupKeysInWindows whether the store takes a grouped expression in a window over the grouping
   */
  @SuppressWarnings("checkstyle:ParameterNumber")
  public EventsSource(SchemaPlus root, String sourceSchema, String table, String user, String time, String event,
      LocalCalendar calendar, @Nullable DerivedSession session, boolean groupKeysInWindows) {
    this.root = root;
    this.sourceSchema = sourceSchema;
    this.table = table;
    this.user = user;
    this.time = time;
    this.event = event;
    this.calendar = calendar;
    this.session = session;
    this.groupKeysInWindows = groupKeysInWindows;
  }

  /** The session the model derives for each event, or null. */
  public @Nullable DerivedSession session() {
    return session;
  }

  /** The calendar the model's periods are counted on: the model's time zone. */
  public LocalCalendar calendar() {
    return calendar;
  }

  /** The schema path generated views resolve names against: the event store's schema. */
  public List<String> schemaPath() {
    return List.of(sourceSchema);
  }

  /**
   * The events, or those at or before {@code asOfSql} (a TIMESTAMP SQL expression) when it is not null. A table named
   * without its schema is qualified with the event store's, so the SQL means the same whatever schema the connection
   * is set to.
   */
  public EventsRelation relation(@Nullable String asOfSql) {
    return EventsRelation.of(qualifiedTable(), user, time, event, asOfSql, session, groupKeysInWindows);
  }

  /** The events strictly before {@code endSql} (a TIMESTAMP SQL expression), qualified as {@link #relation} is. */
  public EventsRelation relationBefore(String endSql) {
    return EventsRelation.before(qualifiedTable(), user, time, event, endSql, session, groupKeysInWindows);
  }

  private String qualifiedTable() {
    return table.contains(".") ? table : sourceSchema + "." + table;
  }

  /** Whether the time column is a TIMESTAMP or DATE (true) or a number (false). */
  public boolean temporalTime() {
    final @Nullable RelDataType type = timeType();
    return type == null || !SqlTypeName.NUMERIC_TYPES.contains(type.getSqlTypeName());
  }

  /** Whether the store declares the time column NOT NULL, so that every event has a time. */
  public boolean timeNeverNull() {
    final @Nullable RelDataType type = timeType();
    return type != null && !type.isNullable();
  }

  /** The time column's type as the store declares it, or null if the table or column cannot be found. */
  private @Nullable RelDataType timeType() {
    final @Nullable Table events = SourceTables.find(root, sourceSchema, table);
    return events == null ? null : SourceTables.columnType(events, time, new JavaTypeFactoryImpl());
  }

  /** The type of the user column (nullable), or VARCHAR if the table cannot be found. */
  public RelDataType userType(RelDataTypeFactory typeFactory) {
    return columnType(typeFactory, user);
  }

  /** Whether the events have a column of that name (matched ignoring case): the table's, or the derived session. */
  public boolean hasColumn(String column) {
    final @Nullable Table events = SourceTables.find(root, sourceSchema, table);
    return isSessionColumn(column)
        || events != null && SourceTables.columnType(events, column, new JavaTypeFactoryImpl()) != null;
  }

  private boolean isSessionColumn(String column) {
    return session != null && session.column().equalsIgnoreCase(column);
  }

  /**
   * The type of a column of the events (nullable): the table's, BIGINT for the derived session, or VARCHAR if the
   * table or column cannot be found.
   */
  public RelDataType columnType(RelDataTypeFactory typeFactory, String column) {
    if (isSessionColumn(column)) {
      return typeFactory.createTypeWithNullability(typeFactory.createSqlType(SqlTypeName.BIGINT), true);
    }
    final @Nullable Table events = SourceTables.find(root, sourceSchema, table);
    final @Nullable RelDataType type = events == null ? null : SourceTables.columnType(events, column, typeFactory);
    return typeFactory.createTypeWithNullability(
        type != null ? type : typeFactory.createSqlType(SqlTypeName.VARCHAR), true);
  }
}
