package dev.funnelsql.examples.demo;

import java.util.List;

/**
 * The SQL the demo runs through the FunnelSQL driver against the generated shop store, kept here so tests reuse it.
 *
 * <p>The queries are plain Calcite SQL over the source tables {@code EVENTS} and {@code USERS} (unquoted, so any
 * case works) plus the FunnelSQL aggregates {@code FUNNEL_STEP} and {@code RETENTION}. Everything around those two
 * calls is ordinary SQL that the driver may push down to H2; that part was checked against Calcite 1.41 over H2 with
 * stand-in implementations of the two functions, and against equivalent hand-written SQL run on H2 directly.
 */
public final class DemoQueries {

  /**
   * A titled demo query.
   *
   * @param title one line saying what the query answers
   * @param sql the query text, without a trailing semicolon
   */
  public record DemoQuery(String title, String sql) {
  }

  /** What the store holds: events, users and the days they cover. */
  public static final DemoQuery STORE_OVERVIEW = new DemoQuery(
      "The store: events, users and the days they cover",
      """
      SELECT COUNT(*) AS events, COUNT(DISTINCT user_id) AS users,
             CAST(MIN(event_time) AS DATE) AS first_day, CAST(MAX(event_time) AS DATE) AS last_day
      FROM events""");

  /**
   * Checkout funnel within 7 days, one row per step: users reaching the step, conversion from the first step and
   * from the previous step (percentages, one decimal).
   */
  public static final DemoQuery CHECKOUT_FUNNEL = new DemoQuery(
      "Checkout funnel: product_viewed -> cart_added -> checkout_started -> order_paid, within 7 days",
      """
      WITH per_user AS (
        SELECT user_id,
               FUNNEL_STEP(event_time, INTERVAL '7' DAY,
                           event_name = 'product_viewed',
                           event_name = 'cart_added',
                           event_name = 'checkout_started',
                           event_name = 'order_paid') AS reached
        FROM events
        -- Rows that match no step cannot change a default-mode funnel: let the store drop them.
        WHERE event_name IN ('product_viewed', 'cart_added', 'checkout_started', 'order_paid')
        GROUP BY user_id
      ),
      -- Users per furthest step first (five rows), then each step counts the users who got at least that far.
      reached_counts AS (
        SELECT reached, COUNT(*) AS reached_users
        FROM per_user
        GROUP BY reached
      ),
      step_counts AS (
        SELECT s.step, s.step_name,
               SUM(CASE WHEN r.reached >= s.step THEN r.reached_users ELSE 0 END) AS users,
               SUM(CASE WHEN r.reached >= 1 THEN r.reached_users ELSE 0 END) AS first_step_users,
               SUM(CASE WHEN r.reached >= s.step - 1 THEN r.reached_users ELSE 0 END) AS previous_step_users
        FROM reached_counts AS r
        CROSS JOIN (VALUES (1, CAST('product_viewed' AS VARCHAR(32))),
                           (2, 'cart_added'),
                           (3, 'checkout_started'),
                           (4, 'order_paid')) AS s (step, step_name)
        GROUP BY s.step, s.step_name
      )
      SELECT step, step_name, users,
             ROUND(100.0 * users / NULLIF(first_step_users, 0), 1) AS from_start_pct,
             CASE WHEN step > 1 THEN ROUND(100.0 * users / NULLIF(previous_step_users, 0), 1) END
               AS from_previous_pct
      FROM step_counts
      ORDER BY step""");

  /**
   * The same funnel per acquisition source, one row per source: users reaching each step, each step's conversion
   * from the previous one and the overall conversion, best source first.
   */
  public static final DemoQuery FUNNEL_BY_SOURCE = new DemoQuery(
      "The same funnel by acquisition source (step-to-step and overall conversion)",
      """
      WITH per_user AS (
        SELECT user_id, acquisition_source,
               FUNNEL_STEP(event_time, INTERVAL '7' DAY,
                           event_name = 'product_viewed',
                           event_name = 'cart_added',
                           event_name = 'checkout_started',
                           event_name = 'order_paid') AS reached
        FROM events
        -- Rows that match no step cannot change a default-mode funnel: let the store drop them.
        WHERE event_name IN ('product_viewed', 'cart_added', 'checkout_started', 'order_paid')
        GROUP BY user_id, acquisition_source
      ),
      by_source AS (
        SELECT acquisition_source,
               SUM(CASE WHEN reached >= 1 THEN 1 ELSE 0 END) AS viewed,
               SUM(CASE WHEN reached >= 2 THEN 1 ELSE 0 END) AS carted,
               SUM(CASE WHEN reached >= 3 THEN 1 ELSE 0 END) AS checked_out,
               SUM(CASE WHEN reached >= 4 THEN 1 ELSE 0 END) AS paid
        FROM per_user
        GROUP BY acquisition_source
      )
      SELECT acquisition_source, viewed, carted, checked_out, paid,
             ROUND(100.0 * carted / NULLIF(viewed, 0), 1) AS cart_pct,
             ROUND(100.0 * checked_out / NULLIF(carted, 0), 1) AS checkout_pct,
             ROUND(100.0 * paid / NULLIF(checked_out, 0), 1) AS paid_pct,
             ROUND(100.0 * paid / NULLIF(viewed, 0), 1) AS overall_pct
      FROM by_source
      ORDER BY overall_pct DESC""");

  /**
   * Weekly signup cohorts: per calendar week of signup (Calcite weeks start on Sunday), the cohort size and the
   * share of it active in weeks 1 to 4 after each user's own signup (days 7-13, 14-20, 21-27, 28-34). A cell is
   * NULL until the data covers that week for every user of the cohort, so recent cohorts do not show a false 0%.
   */
  public static final DemoQuery WEEKLY_RETENTION = new DemoQuery(
      "Weekly signup cohorts: share of users active in weeks 1-4 after signing up",
      """
      WITH per_user AS (
        SELECT e.user_id, u.signup_time,
               RETENTION(e.event_name = 'signed_up',
                         e.event_time >= u.signup_time + INTERVAL '7' DAY
                           AND e.event_time < u.signup_time + INTERVAL '14' DAY,
                         e.event_time >= u.signup_time + INTERVAL '14' DAY
                           AND e.event_time < u.signup_time + INTERVAL '21' DAY,
                         e.event_time >= u.signup_time + INTERVAL '21' DAY
                           AND e.event_time < u.signup_time + INTERVAL '28' DAY,
                         e.event_time >= u.signup_time + INTERVAL '28' DAY
                           AND e.event_time < u.signup_time + INTERVAL '35' DAY) AS r
        FROM events AS e
        JOIN users AS u ON u.user_id = e.user_id
        GROUP BY e.user_id, u.signup_time
      ),
      signup_weeks AS (
        SELECT FLOOR(signup_time TO WEEK) AS week_start,
               SUM(CASE WHEN r[1] THEN 1 ELSE 0 END) AS users,
               SUM(CASE WHEN r[2] THEN 1 ELSE 0 END) AS week_1,
               SUM(CASE WHEN r[3] THEN 1 ELSE 0 END) AS week_2,
               SUM(CASE WHEN r[4] THEN 1 ELSE 0 END) AS week_3,
               SUM(CASE WHEN r[5] THEN 1 ELSE 0 END) AS week_4
        FROM per_user
        GROUP BY FLOOR(signup_time TO WEEK)
      )
      SELECT CAST(w.week_start AS DATE) AS signup_week, w.users,
             CASE WHEN w.week_start + INTERVAL '21' DAY <= d.last_event
                  THEN ROUND(100.0 * w.week_1 / NULLIF(w.users, 0), 1) END AS week_1_pct,
             CASE WHEN w.week_start + INTERVAL '28' DAY <= d.last_event
                  THEN ROUND(100.0 * w.week_2 / NULLIF(w.users, 0), 1) END AS week_2_pct,
             CASE WHEN w.week_start + INTERVAL '35' DAY <= d.last_event
                  THEN ROUND(100.0 * w.week_3 / NULLIF(w.users, 0), 1) END AS week_3_pct,
             CASE WHEN w.week_start + INTERVAL '42' DAY <= d.last_event
                  THEN ROUND(100.0 * w.week_4 / NULLIF(w.users, 0), 1) END AS week_4_pct
      FROM signup_weeks AS w
      CROSS JOIN (SELECT MAX(event_time) AS last_event FROM events) AS d
      ORDER BY w.week_start""");

  private DemoQueries() {
  }

  /**
   * Returns the demo queries in the order the demo runs them.
   *
   * @return funnel, funnel by source, weekly retention
   */
  public static List<DemoQuery> all() {
    return List.of(STORE_OVERVIEW, CHECKOUT_FUNNEL, FUNNEL_BY_SOURCE, WEEKLY_RETENTION);
  }
}
