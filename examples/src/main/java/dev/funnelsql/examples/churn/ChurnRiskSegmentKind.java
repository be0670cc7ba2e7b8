package dev.funnelsql.examples.churn;

import dev.funnelsql.calcite.model.Located;
import dev.funnelsql.calcite.model.Model;
import dev.funnelsql.calcite.model.ModelException;
import dev.funnelsql.calcite.model.ModelNode;
import dev.funnelsql.calcite.model.SegmentationConfig;
import dev.funnelsql.calcite.schema.EventsRelation;
import dev.funnelsql.calcite.schema.ModelExpressions;
import dev.funnelsql.calcite.schema.SqlText;
import dev.funnelsql.calcite.segment.SegmentKind;
import dev.funnelsql.calcite.segment.Segmentation;
import java.util.List;

/**
 * The {@code churn_risk} segment kind, an example of a third-party {@link SegmentKind}: it puts every user in
 * {@code active}, {@code at risk} or {@code churned} by how long ago the user's last activity event happened.
 *
 * <p>Options (besides {@code kind: churn_risk}):
 * <ul>
 *   <li>{@code activity} — an SQL condition on one event row saying which events count as activity, e.g.
 *       {@code "event_name IN ('session_started', 'order_paid')"}; optional, every event counts when absent. A NULL
 *       condition is false, like in {@code WHERE}.</li>
 *   <li>{@code at_risk_days} — a whole number of days, at least 1; default {@value #DEFAULT_AT_RISK_DAYS}.</li>
 *   <li>{@code churned_days} — a whole number of days greater than {@code at_risk_days}; default
 *       {@value #DEFAULT_CHURNED_DAYS}.</li>
 * </ul>
 *
 * <p>Exactly: let {@code latest} be the latest event time in the store (over all users and all events, not only
 * activity; with {@code SEGMENT_OF(…, as_of)} the latest event at or before {@code as_of}), {@code last} the user's
 * latest activity event time, and {@code idle = latest - last} (an exact duration, not rounded to days). Then the
 * segment is {@code active} when {@code idle < at_risk_days} days, {@code at risk} when
 * {@code at_risk_days <= idle < churned_days} days, and {@code churned} when {@code idle >= churned_days} days or
 * when the user has events but no activity event (with a time) at all. Every user with events gets exactly one
 * segment, so the segmentation is exhaustive. Events whose time is NULL are ignored.
 */
public final class ChurnRiskSegmentKind implements SegmentKind {

  /** The name models use: {@code kind: churn_risk}. */
  public static final String NAME = "churn_risk";
  /** The segment of users whose last activity is less than {@code at_risk_days} old. */
  public static final String ACTIVE = "active";
  /** The segment of users whose last activity is at least {@code at_risk_days} old, but not {@code churned_days}. */
  public static final String AT_RISK = "at risk";
  /** The segment of users whose last activity is at least {@code churned_days} old, or who have none. */
  public static final String CHURNED = "churned";
  /** Days of inactivity after which a user is at risk, when {@code at_risk_days} is not given. */
  public static final int DEFAULT_AT_RISK_DAYS = 14;
  /** Days of inactivity after which a user has churned, when {@code churned_days} is not given. */
  public static final int DEFAULT_CHURNED_DAYS = 30;

  private static final int MAX_DAYS = 36_500;

  @Override
  public String name() {
    return NAME;
  }

  @Override
  public Segmentation define(SegmentationConfig config, Model model) throws ModelException {
    ModelNode options = config.options();
    options.checkKeys("kind", "activity", "at_risk_days", "churned_days");
    Located activity = options.optionalText("activity");
    String condition = activity == null ? null : ModelExpressions.canonical(activity, "the activity condition");
    Located atRiskText = options.optionalText("at_risk_days");
    Located churnedText = options.optionalText("churned_days");
    int atRisk = atRiskText == null ? DEFAULT_AT_RISK_DAYS : days(atRiskText, "at_risk_days");
    int churned = churnedText == null ? DEFAULT_CHURNED_DAYS : days(churnedText, "churned_days");
    if (churned <= atRisk) {
      Located where = churnedText != null ? churnedText : atRiskText;
      throw where.error("churned_days (" + churned + ") must be greater than at_risk_days (" + atRisk + ")");
    }
    return new ChurnRisk(config.name(), condition, atRisk, churned);
  }

  private static int days(Located text, String key) throws ModelException {
    String s = text.text().strip();
    if (!s.matches("\\d{1,6}")) {
      throw text.error(key + " must be a whole number of days, found '" + s + "'");
    }
    int days = Integer.parseInt(s);
    if (days < 1 || days > MAX_DAYS) {
      throw text.error(key + " must be between 1 and " + MAX_DAYS + " days, found " + days);
    }
    return days;
  }

  /** A churn-risk segmentation, ready to compute. */
  private static final class ChurnRisk implements Segmentation {
    private final String name;
    private final String condition;
    private final int atRiskDays;
    private final int churnedDays;

    ChurnRisk(String name, String condition, int atRiskDays, int churnedDays) {
      this.name = name;
      this.condition = condition;
      this.atRiskDays = atRiskDays;
      this.churnedDays = churnedDays;
    }

    @Override
    public String name() {
      return name;
    }

    @Override
    public List<String> segments() {
      return List.of(ACTIVE, AT_RISK, CHURNED);
    }

    @Override
    public boolean exhaustive() {
      return true;
    }

    @Override
    public String membershipSql(EventsRelation events) {
      String last = SqlText.identifier("last_activity");
      String latest = SqlText.identifier("latest");
      String activityTime = condition == null ? events.time()
          : "CASE WHEN " + condition + " THEN " + events.time() + " END";
      return "SELECT a." + SqlText.identifier("user_id") + ", CASE"
          + " WHEN a." + last + " IS NULL THEN " + SqlText.varchar(CHURNED)
          + " WHEN a." + last + " > TIMESTAMPADD(DAY, -" + atRiskDays + ", r." + latest + ") THEN "
          + SqlText.varchar(ACTIVE)
          + " WHEN a." + last + " > TIMESTAMPADD(DAY, -" + churnedDays + ", r." + latest + ") THEN "
          + SqlText.varchar(AT_RISK)
          + " ELSE " + SqlText.varchar(CHURNED) + " END AS " + SqlText.identifier("segment")
          + " FROM (SELECT " + events.user() + " AS " + SqlText.identifier("user_id") + ", MAX(" + activityTime
          + ") AS " + last + " FROM " + events.from() + " GROUP BY " + events.user() + ") AS a"
          + " CROSS JOIN (SELECT MAX(" + events.time() + ") AS " + latest + " FROM " + events.from()
          + ") AS r";
    }
  }
}
