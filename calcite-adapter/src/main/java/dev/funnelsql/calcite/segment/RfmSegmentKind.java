package dev.funnelsql.calcite.segment;

import dev.funnelsql.calcite.model.Model;
import dev.funnelsql.calcite.model.ModelException;
import dev.funnelsql.calcite.model.ModelNode;
import dev.funnelsql.calcite.model.SegmentationConfig;
import dev.funnelsql.calcite.schema.EventsRelation;
import dev.funnelsql.calcite.schema.ModelExpressions;
import dev.funnelsql.calcite.schema.SqlText;
import java.util.List;
import org.checkerframework.checker.nullness.qual.Nullable;

/**
 * The {@code rfm} kind, {@code {kind: rfm, purchase: "<condition>", monetary: <column or expression>}}: recency,
 * frequency and monetary value of each user's purchases, scored by quintile.
 *
 * <p>Purchases are the events with a time for which {@code purchase} is true. Per purchasing user:
 * <ul>
 *   <li>recency = calendar days (UTC, {@code PERIODS_BETWEEN(last purchase, latest event, 'day')}) from the last
 *       purchase to the latest event time of the whole store (so the store's "now" is its last event);</li>
 *   <li>frequency = number of purchases; monetary = sum of {@code monetary} over them (NULLs ignored, 0 if all
 *       NULL).</li>
 * </ul>
 * Each is scored 1–5 among purchasing users with the SQL standard's {@code NTILE(5)}: R orders by recency descending
 * (the most days ago score 1, the most recent 5), F and M by the value ascending; ties are broken by user id
 * ascending, so equal values may get different scores but the result is deterministic. (With n users NTILE gives the
 * first n mod 5 buckets one user more than the others.)
 *
 * <p>The first matching rule wins:
 * <table>
 *   <caption>RFM segments</caption>
 *   <tr><th>segment</th><th>rule</th></tr>
 *   <tr><td>{@code champions}</td><td>R ≥ 4 and F ≥ 4</td></tr>
 *   <tr><td>{@code loyal}</td><td>F ≥ 4</td></tr>
 *   <tr><td>{@code new}</td><td>R ≥ 4 and F ≤ 1</td></tr>
 *   <tr><td>{@code at risk}</td><td>R ≤ 2 and F ≥ 3</td></tr>
 *   <tr><td>{@code hibernating}</td><td>R ≤ 2</td></tr>
 *   <tr><td>{@code potential}</td><td>any other purchasing user</td></tr>
 *   <tr><td>{@code no purchase}</td><td>users with events but no purchase</td></tr>
 * </table>
 * The M score is computed alongside but does not decide the segment. Exhaustive. There is no per-period form.
 */
public final class RfmSegmentKind implements SegmentKind {
  /** The segments, in display order. */
  static final List<String> SEGMENTS =
      List.of("champions", "loyal", "new", "at risk", "hibernating", "potential", "no purchase");

  @Override public String name() {
    return "rfm";
  }

  @Override public Segmentation define(SegmentationConfig config, Model model) throws ModelException {
    final ModelNode options = config.options();
    options.checkKeys(SegmentOptions.keys("kind", "purchase", "monetary"));
    final String period = SegmentOptions.period(options);
    final @Nullable TippingPoint tippingPoint = SegmentOptions.tippingPoint(options, period);
    final String purchase = ModelExpressions.canonical(options.requireText("purchase"), "the purchase condition");
    final String monetary = ModelExpressions.canonical(options.requireText("monetary"), "the monetary value");
    return new Rfm(config.name(), purchase, monetary, period, tippingPoint);
  }

  /** An RFM segmentation, ready to compute. */
  private static final class Rfm extends SegmentationBase {
    private final String purchase;
    private final String monetary;

    Rfm(String name, String purchase, String monetary, String period, @Nullable TippingPoint tippingPoint) {
      super(name, SEGMENTS, true, period, tippingPoint);
      this.purchase = purchase;
      this.monetary = monetary;
    }

    @Override public String membershipSql(EventsRelation events) {
      final String totals = "(SELECT " + events.user() + " AS \"user_id\", MAX(" + events.time() + ") AS \"last\", "
          + "COUNT(*) AS \"frequency\", COALESCE(SUM(" + monetary + "), 0) AS \"monetary\" FROM " + events.from()
          + " WHERE " + events.time() + " IS NOT NULL AND " + purchase + " GROUP BY " + events.user() + ")";
      final String values = "(SELECT p.\"user_id\", PERIODS_BETWEEN(p.\"last\", l." + KindSql.NOW + ", 'day') AS "
          + "\"recency\", p.\"frequency\", p.\"monetary\" FROM " + KindSql.latest(events) + " AS l CROSS JOIN "
          + totals + " AS p)";
      final String ranks = "(SELECT v.\"user_id\", ROW_NUMBER() OVER (ORDER BY v.\"recency\" DESC, v.\"user_id\") AS "
          + "\"r\", ROW_NUMBER() OVER (ORDER BY v.\"frequency\", v.\"user_id\") AS \"f\", ROW_NUMBER() OVER (ORDER "
          + "BY v.\"monetary\", v.\"user_id\") AS \"m\", COUNT(*) OVER () AS \"n\" FROM " + values + " AS v)";
      final String scores = "(SELECT k.\"user_id\", " + quintile("k.\"r\"") + " AS \"r\", " + quintile("k.\"f\"")
          + " AS \"f\", " + quintile("k.\"m\"") + " AS \"m\" FROM " + ranks + " AS k)";
      return "SELECT u.\"user_id\", CASE"
          + " WHEN s.\"user_id\" IS NULL THEN " + SqlText.varchar(SEGMENTS.get(6))
          + KindSql.when("s.\"r\" >= 4 AND s.\"f\" >= 4", SEGMENTS.get(0))
          + KindSql.when("s.\"f\" >= 4", SEGMENTS.get(1))
          + KindSql.when("s.\"r\" >= 4 AND s.\"f\" <= 1", SEGMENTS.get(2))
          + KindSql.when("s.\"r\" <= 2 AND s.\"f\" >= 3", SEGMENTS.get(3))
          + KindSql.when("s.\"r\" <= 2", SEGMENTS.get(4))
          + " ELSE " + SqlText.varchar(SEGMENTS.get(5)) + " END AS \"segment\" FROM " + KindSql.users(events)
          + " AS u LEFT JOIN " + scores + " AS s ON s.\"user_id\" = u.\"user_id\"";
    }
  }

  /**
   * {@code NTILE(5)} of the row numbered {@code row} among {@code k."n"} rows, as the SQL standard defines it (the
   * first n mod 5 buckets hold one row more), written out: Calcite's own NTILE, which runs where the store cannot
   * compute the recency, spreads the larger buckets through the rows instead. Row {@code row} lies past bucket b when
   * it is beyond b * (n div 5) + min(b, n mod 5) rows; n div 5 is written {@code (n - MOD(n, 5)) / 5}, exact whether
   * the store divides integers or not.
   */
  private static String quintile(String row) {
    final String rest = "MOD(k.\"n\", 5)";
    final String size = "((k.\"n\" - " + rest + ") / 5)";
    final StringBuilder tile = new StringBuilder("(1");
    for (int bucket = 1; bucket < 5; bucket++) {
      tile.append(" + CASE WHEN ").append(row).append(" > ").append(bucket).append(" * ").append(size)
          .append(" + CASE WHEN ").append(rest).append(" < ").append(bucket).append(" THEN ").append(rest)
          .append(" ELSE ").append(bucket).append(" END THEN 1 ELSE 0 END");
    }
    return tile.append(')').toString();
  }
}
