package dev.funnelsql.calcite.segment;

import dev.funnelsql.calcite.model.Located;
import dev.funnelsql.calcite.model.Model;
import dev.funnelsql.calcite.model.ModelException;
import dev.funnelsql.calcite.model.ModelNode;
import dev.funnelsql.calcite.model.SegmentationConfig;
import dev.funnelsql.calcite.schema.EventsRelation;
import dev.funnelsql.calcite.schema.SqlText;
import dev.funnelsql.calcite.schema.ValueAtTime;
import java.util.List;
import java.util.Locale;
import org.checkerframework.checker.nullness.qual.Nullable;

/**
 * The {@code property} kind: each user's segment is the first (or last) non-NULL value of an event property, e.g.
 * the acquisition source; users who never carry the property are in no segment.
 *
 * <p>Per period ({@code <name>_transitions}) a user's segment in period P is the first (or last) non-NULL value among
 * their events of P alone (ties in time broken by the smallest value), and NULL when none of them carries it: every
 * user with an event in P (time not NULL) has a row for P.
 */
public final class PropertySegmentKind implements SegmentKind {
  @Override public String name() {
    return "property";
  }

  @Override public Segmentation define(SegmentationConfig config, Model model) throws ModelException {
    final ModelNode options = config.options();
    options.checkKeys(SegmentOptions.keys("kind", "property", "pick"));
    final String period = SegmentOptions.period(options);
    final @Nullable TippingPoint tippingPoint = SegmentOptions.tippingPoint(options, period);
    final Located property = options.requireText("property");
    final @Nullable Located pick = options.optionalText("pick");
    final String order;
    if (pick == null || pick.text().equalsIgnoreCase("first")) {
      order = "ASC";
    } else if (pick.text().equalsIgnoreCase("last")) {
      order = "DESC";
    } else {
      throw pick.error("pick must be first or last, got '" + pick.text().toLowerCase(Locale.ROOT) + "'");
    }
    return new Property(config.name(), property.text(), order, period, tippingPoint);
  }

  /** A property segmentation, ready to compute. */
  private static final class Property extends SegmentationBase {
    private final String property;
    private final String order;

    Property(String name, String property, String order, String period, @Nullable TippingPoint tippingPoint) {
      super(name, List.of(), false, period, tippingPoint);
      this.property = property;
      this.order = order;
    }

    /** Each user's value on their first (or last) event that carries the property. */
    @Override public String membershipSql(EventsRelation events) {
      return ValueAtTime.sql(events, property, SqlText.identifier(property) + " IS NOT NULL", "DESC".equals(order));
    }

    /** The first value once it is seen; the last value wherever it changes. */
    @Override public String spansSql(EventsRelation events, String anchor) {
      final String byTime = ValueAtTime.byTimeSql(events, property, SqlText.identifier(property) + " IS NOT NULL",
          "DESC".equals(order));
      return "DESC".equals(order) ? KindSql.changes(byTime) : byTime;
    }

    @Override public String membershipByPeriodSql(EventsRelation events, String unit) {
      final String column = SqlText.identifier(property);
      return "SELECT \"user_id\", \"period\", \"segment\" FROM (SELECT \"user_id\", \"period\", \"segment\", "
          + "ROW_NUMBER() OVER (PARTITION BY \"user_id\", \"period\" ORDER BY \"missing\", \"time\" " + order
          + ", \"value\") AS \"rank\" FROM (SELECT " + events.user() + " AS \"user_id\", PERIOD_START("
          + events.time() + ", " + SqlText.literal(unit) + ") AS \"period\", CAST(" + column + " AS VARCHAR) AS "
          + "\"segment\", " + column + " AS \"value\", " + events.time() + " AS \"time\", CASE WHEN " + column
          + " IS NULL THEN 1 ELSE 0 END AS \"missing\" FROM " + events.from() + " WHERE " + events.time()
          + " IS NOT NULL) AS e) AS p WHERE \"rank\" = 1";
    }
  }
}
