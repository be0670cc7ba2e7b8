package dev.funnelsql.calcite.segment;

import dev.funnelsql.calcite.schema.EventsSource;
import dev.funnelsql.calcite.schema.SqlText;
import dev.funnelsql.calcite.schema.ViewTables;
import java.sql.Connection;
import java.time.Instant;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.apache.calcite.DataContext;
import org.apache.calcite.rel.type.RelDataTypeFactory;
import org.apache.calcite.schema.SchemaPlus;
import org.apache.calcite.schema.Table;
import org.apache.calcite.schema.impl.AbstractSchema;
import org.apache.calcite.sql.type.SqlTypeName;
import org.checkerframework.checker.nullness.qual.Nullable;

/**
 * The {@code segments} schema: for each segmentation of the model, the tables {@code <name>} (user, segment) and
 * {@code <name>_sizes} (segment, users, share); and the membership lookups behind {@code SEGMENT_OF}.
 */
public final class SegmentsSchema extends AbstractSchema {
  /** The schema's name in the catalog. */
  public static final String NAME = "segments";

  private static final DateTimeFormatter TIMESTAMP = DateTimeFormatter.ofPattern("yyyy-MM-dd HH:mm:ss.SSS")
      .withZone(ZoneOffset.UTC);

  private final EventsSource events;
  private final Map<String, Segmentation> segmentations;
  private final MembershipCache cache;
  private final Map<String, Table> tables = new LinkedHashMap<>();

  /** Creates the schema for the model's segmentations, in model order. */
  public SegmentsSchema(EventsSource events, List<Segmentation> segmentations, MembershipCache cache) {
    this.events = events;
    this.segmentations = new LinkedHashMap<>();
    for (Segmentation segmentation : segmentations) {
      this.segmentations.put(segmentation.name(), segmentation);
    }
    this.cache = cache;
    for (Segmentation segmentation : segmentations) {
      addTables(segmentation);
    }
  }

  private void addTables(Segmentation segmentation) {
    final String name = segmentation.name();
    tables.put(name, ViewTables.of(segmentation.membershipSql(events.relation(null)),
        typeFactory -> typeFactory.builder()
            .add("user_id", events.userType(typeFactory))
            .add("segment", nullableVarchar(typeFactory))
            .build(), events.schemaPath(), List.of(NAME, name)));
    final String members = SqlText.identifier(NAME) + "." + SqlText.identifier(name);
    tables.put(name + "_sizes", ViewTables.of("SELECT \"segment\", COUNT(*) AS \"users\", "
        + "CAST(COUNT(*) AS DOUBLE) / SUM(COUNT(*)) OVER () AS \"share\" FROM " + members + " GROUP BY \"segment\"",
        typeFactory -> typeFactory.builder()
            .add("segment", nullableVarchar(typeFactory))
            .add("users", SqlTypeName.BIGINT)
            .add("share", SqlTypeName.DOUBLE)
            .build(), events.schemaPath(), List.of(NAME, name + "_sizes")));
  }

  private static org.apache.calcite.rel.type.RelDataType nullableVarchar(RelDataTypeFactory typeFactory) {
    return typeFactory.createTypeWithNullability(typeFactory.createSqlType(SqlTypeName.VARCHAR), true);
  }

  @Override protected Map<String, Table> getTableMap() {
    return tables;
  }

  /** The segmentation of that name, or null. */
  public @Nullable Segmentation segmentation(String name) {
    return segmentations.get(name);
  }

  /** The names of the segmentations, in model order. */
  public List<String> segmentationNames() {
    return List.copyOf(segmentations.keySet());
  }

  /** The implementation of {@code SEGMENT_OF}, called by generated code. */
  public static @Nullable String segmentOf(DataContext context, String segmentation, @Nullable Object user,
      @Nullable Object asOf, long asOfScale) {
    if (user == null) {
      return null;
    }
    final @Nullable SchemaPlus root = context.getRootSchema();
    final @Nullable SchemaPlus segments = root == null ? null : root.subSchemas().get(NAME);
    final @Nullable SegmentsSchema schema = segments == null ? null : segments.unwrap(SegmentsSchema.class);
    if (schema == null) {
      throw new IllegalStateException("SEGMENT_OF needs a model with segmentations");
    }
    return schema.lookup((Connection) context.getQueryProvider(), segmentation, user, asOf, asOfScale);
  }

  private @Nullable String lookup(Connection connection, String name, Object user, @Nullable Object asOf,
      long asOfScale) {
    final Segmentation segmentation = segmentations.get(name);
    if (segmentation == null) {
      throw new IllegalStateException("no segmentation '" + name + "'");
    }
    final @Nullable String asOfSql = asOf == null ? null
        : "TIMESTAMP '" + TIMESTAMP.format(Instant.ofEpochMilli(((Number) asOf).longValue() * asOfScale)) + "'";
    final String sql = segmentation.membershipSql(events.relation(asOfSql));
    return cache.segmentOf(connection, name + "@" + asOfSql, sql, user);
  }

}
