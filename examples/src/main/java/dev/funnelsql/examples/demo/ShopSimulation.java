package dev.funnelsql.examples.demo;

import java.sql.SQLException;
import java.time.ZoneOffset;
import java.util.Arrays;
import java.util.SplittableRandom;

/**
 * Seeded simulation of an online shop's users and their event streams, fed row by row to a {@link Sink}.
 *
 * <p>Model, in short:
 * <ul>
 *   <li>Users sign up over the covered days with a growing trend, weekly seasonality (weekdays busier) and a
 *       daily rhythm; user ids follow signup order.</li>
 *   <li>Each user has an acquisition source and a plan that change conversion and return behaviour, a latent
 *       purchase interest, a return probability and a typical gap between visits (heavy-tailed: many users come
 *       once, some return for weeks).</li>
 *   <li>A session is {@code session_started}, some noise ({@code page_viewed}, {@code search}), product views
 *       (Zipf-popular products, some repeated), cart adds, and possibly {@code checkout_started} and
 *       {@code order_paid}. An unpaid cart survives into later sessions for two weeks.</li>
 *   <li>Users sign up in teams of {@value #TEAM_SIZE} (consecutive ids): each event carries its user's account
 *       ({@link #accountOf}), so that funnels can be counted per account.</li>
 *   <li>Some rows share a timestamp (signup and session start, quick adds, one-click payments, double-fired
 *       tracking events) and a few product views lack their product id.</li>
 * </ul>
 * Times are whole seconds since 1970-01-01T00:00 of a zone-less local time. Everything derives from the seed via
 * {@link SplittableRandom}, whose algorithms are specified, so the output is identical on every JVM.
 */
final class ShopSimulation {

  /** The account of a user: users 1-5 are account 1, 6-10 account 2, and so on. */
  static long accountOf(long userId) {
    return (userId + TEAM_SIZE - 1) / TEAM_SIZE;
  }

  /** Receives the generated rows in order: each user row before that user's events. */
  interface Sink {
    void user(long userId, long signupSec, String source, String plan, String country) throws SQLException;

    /**
     * One event; {@code productId < 0} and {@code revenueCents < 0} mean NULL.
     */
    void event(long eventId, long userId, long timeSec, String name, long sessionId, int productId,
               long revenueCents, String source) throws SQLException;
  }

  /** Observes progress; called after each user with users done and events so far. */
  interface Progress {
    void update(long usersDone, long events);
  }

  /** Users per account. */
  static final int TEAM_SIZE = 5;

  static final String SIGNED_UP = "signed_up";
  static final String SESSION_STARTED = "session_started";
  static final String PAGE_VIEWED = "page_viewed";
  static final String SEARCH = "search";
  static final String PRODUCT_VIEWED = "product_viewed";
  static final String CART_ADDED = "cart_added";
  static final String CHECKOUT_STARTED = "checkout_started";
  static final String ORDER_PAID = "order_paid";

  static final String[] SOURCES = {"organic", "paid_search", "social", "email", "referral"};
  private static final double[] SOURCE_SHARE = {0.38, 0.24, 0.18, 0.11, 0.09};
  /** Per source: multipliers of cart, checkout and payment probability, return probability; search habit. */
  private static final double[] SOURCE_CART = {1.00, 1.45, 0.62, 1.05, 1.08};
  private static final double[] SOURCE_CHECKOUT = {1.00, 1.08, 0.85, 1.05, 1.05};
  private static final double[] SOURCE_PAY = {1.00, 0.97, 0.90, 1.07, 1.05};
  private static final double[] SOURCE_RETURN = {1.00, 0.70, 0.80, 1.30, 1.12};
  private static final double[] SOURCE_SEARCH = {0.30, 0.50, 0.15, 0.20, 0.25};

  static final String[] PLANS = {"free", "plus", "pro"};
  private static final double[][] PLAN_SHARE_BY_SOURCE = {
    {0.76, 0.17, 0.07},
    {0.78, 0.16, 0.06},
    {0.85, 0.11, 0.04},
    {0.64, 0.24, 0.12},
    {0.66, 0.23, 0.11},
  };
  private static final double[] PLAN_CART = {0.95, 1.10, 1.25};
  private static final double[] PLAN_CHECKOUT = {0.97, 1.05, 1.10};
  private static final double[] PLAN_PAY = {0.98, 1.04, 1.07};
  private static final double[] PLAN_RETURN = {0.95, 1.15, 1.30};

  static final String[] COUNTRIES = {"US", "GB", "DE", "FR", "IN", "BR", "CA", "NL", "ES", "AU", "PL", "JP", "MX"};
  private static final double[] COUNTRY_SHARE =
      {0.34, 0.10, 0.09, 0.07, 0.08, 0.07, 0.05, 0.04, 0.04, 0.04, 0.03, 0.03, 0.02};

  /** Relative activity by hour of day (local time). */
  private static final double[] HOUR_WEIGHT = {
    0.6, 0.4, 0.3, 0.25, 0.25, 0.35, 0.6, 1.0, 1.4, 1.6, 1.7, 1.8,
    1.9, 1.8, 1.7, 1.6, 1.6, 1.8, 2.1, 2.4, 2.5, 2.2, 1.6, 1.0,
  };
  /** Relative signups by ISO day of week, Monday first. */
  private static final double[] WEEKDAY_WEIGHT = {1.08, 1.10, 1.06, 1.02, 0.94, 0.84, 0.92};

  private static final int PRODUCTS = 500;
  private static final long DAY = 86_400L;
  private static final long CART_TTL = 14 * DAY;
  private static final int MAX_CART = 64;

  private final DemoOptions options;
  private final Sink sink;
  private final long startSec;
  private final long endSec;

  private final double[] sourceCdf = cdf(SOURCE_SHARE);
  private final double[][] planCdf = new double[SOURCES.length][];
  private final double[] countryCdf = cdf(COUNTRY_SHARE);
  private final double[] hourCdf = cdf(HOUR_WEIGHT);
  private final double[] productCdf;
  private final long[] priceCents = new long[PRODUCTS + 1];

  private long nextEventId = 1;
  private long nextSessionId = 1;

  // Per-user state, reused.
  private long userId;
  private int source;
  private int plan;
  private double interest;
  private final int[] cart = new int[MAX_CART];
  private int cartSize;
  private long cartSince;

  ShopSimulation(DemoOptions options, Sink sink) {
    this.options = options;
    this.sink = sink;
    this.startSec = options.start().toEpochSecond(ZoneOffset.UTC);
    this.endSec = options.endExclusive().toEpochSecond(ZoneOffset.UTC);
    for (int s = 0; s < SOURCES.length; s++) {
      planCdf[s] = cdf(PLAN_SHARE_BY_SOURCE[s]);
    }
    double[] popularity = new double[PRODUCTS];
    for (int p = 0; p < PRODUCTS; p++) {
      popularity[p] = 1.0 / Math.pow(p + 1, 1.05);
    }
    productCdf = cdf(popularity);
    SplittableRandom prices = new SplittableRandom(options.seed() ^ 0x5DEECE66DL);
    for (int p = 1; p <= PRODUCTS; p++) {
      double dollars = Math.exp(Math.log(28) + 0.8 * gaussian(prices));
      long whole = Math.max(3, Math.min(600, Math.round(dollars)));
      priceCents[p] = whole * 100 - 1;
    }
  }

  /** Runs the whole simulation; returns the number of events emitted. */
  long run(Progress progress) throws SQLException {
    SplittableRandom root = new SplittableRandom(options.seed());
    long[] signups = signupTimes(root.split());
    SplittableRandom rng = root.split();
    for (int i = 0; i < signups.length; i++) {
      simulateUser(i + 1L, signups[i], rng);
      progress.update(i + 1L, nextEventId - 1);
    }
    return nextEventId - 1;
  }

  private long[] signupTimes(SplittableRandom r) {
    int days = options.days();
    double[] dayWeight = new double[days];
    int startDow = options.start().getDayOfWeek().getValue() - 1;
    for (int d = 0; d < days; d++) {
      double trend = 0.8 + 0.4 * d / Math.max(1, days - 1);
      dayWeight[d] = trend * WEEKDAY_WEIGHT[(startDow + d) % 7];
    }
    double[] dayCdf = cdf(dayWeight);
    long[] times = new long[options.users()];
    for (int i = 0; i < times.length; i++) {
      int day = pick(dayCdf, r);
      int hour = pick(hourCdf, r);
      times[i] = startSec + day * DAY + hour * 3600L + r.nextInt(3600);
    }
    Arrays.sort(times);
    return times;
  }

  private void simulateUser(long id, long signupSec, SplittableRandom r) throws SQLException {
    userId = id;
    source = pick(sourceCdf, r);
    plan = pick(planCdf[source], r);
    int country = pick(countryCdf, r);
    sink.user(id, signupSec, SOURCES[source], PLANS[plan], COUNTRIES[country]);

    interest = Math.exp(0.5 * gaussian(r) - 0.125);
    double returnProbability = Math.min(0.96,
        0.83 * Math.pow(r.nextDouble(), 0.75) * SOURCE_RETURN[source] * PLAN_RETURN[plan]);
    double gapMeanDays = Math.exp(Math.log(3.0) + 0.7 * gaussian(r));
    cartSize = 0;

    long t = signupSec;
    for (int n = 0; ; n++) {
      long end = session(t, n == 0, r);
      if (end >= endSec) {
        return;
      }
      double q = returnProbability * Math.pow(0.97, n) + (cartSize > 0 ? 0.12 : 0.0);
      if (r.nextDouble() >= q) {
        return;
      }
      double gapDays = cartSize > 0 && r.nextDouble() < 0.5 ? exponential(r, 1.0) : exponential(r, gapMeanDays);
      t = nextSessionStart(end, gapDays, r);
      if (t >= endSec) {
        return;
      }
      if (cartSize > 0 && t - cartSince > CART_TTL) {
        cartSize = 0;
      }
    }
  }

  /** Simulates one session starting at {@code t}; returns its end time (at or past {@code endSec}: truncated). */
  private long session(long start, boolean first, SplittableRandom r) throws SQLException {
    long sid = nextSessionId++;
    long t = start;
    emit(t, SESSION_STARTED, sid, -1, -1);
    if (first) {
      emit(t, SIGNED_UP, sid, -1, -1);
    }
    if (r.nextDouble() < 0.35) {
      t += gap(r, 20);
      emit(t, PAGE_VIEWED, sid, -1, -1);
    }
    boolean straightToCheckout = !first && cartSize > 0 && r.nextDouble() < 0.35;
    if (!straightToCheckout) {
      t = browse(t, first, sid, r);
    }
    if (cartSize > 0) {
      double checkout = (straightToCheckout ? 0.45 : 0.28) * SOURCE_CHECKOUT[source] * PLAN_CHECKOUT[plan];
      if (r.nextDouble() < checkout) {
        t += gap(r, 40);
        emit(t, CHECKOUT_STARTED, sid, -1, -1);
        double pay = 0.62 * SOURCE_PAY[source] * PLAN_PAY[plan];
        boolean paid = r.nextDouble() < pay;
        if (!paid && r.nextDouble() < 0.25) {
          t += gap(r, 90);
          emit(t, CHECKOUT_STARTED, sid, -1, -1);
          paid = r.nextDouble() < 0.5;
        }
        if (paid) {
          t += r.nextDouble() < 0.05 ? 0 : gap(r, 60);
          emit(t, ORDER_PAID, sid, singleProductInCart(), cartTotal());
          cartSize = 0;
        }
      }
    }
    if (r.nextDouble() < 0.2) {
      t += gap(r, 30);
      emit(t, PAGE_VIEWED, sid, -1, -1);
    }
    return t;
  }

  private long browse(long start, boolean first, long sid, SplittableRandom r) throws SQLException {
    long t = start;
    int views = r.nextDouble() < (first ? 0.22 : 0.12) ? 0 : 1 + geometric(r, 0.42);
    int last = -1;
    double cartProbability = 0.095 * SOURCE_CART[source] * PLAN_CART[plan] * interest;
    for (int v = 0; v < views; v++) {
      if (r.nextDouble() < SOURCE_SEARCH[source] / (v + 1)) {
        t += gap(r, 15);
        emit(t, SEARCH, sid, -1, -1);
      }
      if (r.nextDouble() < 0.10) {
        t += gap(r, 20);
        emit(t, PAGE_VIEWED, sid, -1, -1);
      }
      int product = last > 0 && r.nextDouble() < 0.15 ? last : 1 + pick(productCdf, r);
      last = product;
      t += gap(r, 35);
      // A few views arrive without their product id (a tracking glitch); some fire twice.
      int trackedProduct = r.nextDouble() < 0.002 ? -1 : product;
      emit(t, PRODUCT_VIEWED, sid, trackedProduct, -1);
      if (r.nextDouble() < 0.004) {
        emit(t, PRODUCT_VIEWED, sid, trackedProduct, -1);
      }
      if (r.nextDouble() < cartProbability) {
        t += r.nextDouble() < 0.07 ? 0 : gap(r, 25);
        addToCart(t, sid, product);
        if (r.nextDouble() < 0.08) {
          t += gap(r, 8);
          addToCart(t, sid, product);
        }
      }
    }
    return t;
  }

  private void addToCart(long t, long sid, int product) throws SQLException {
    emit(t, CART_ADDED, sid, product, -1);
    if (cartSize == 0) {
      cartSince = t;
    }
    if (cartSize < MAX_CART) {
      cart[cartSize++] = product;
    }
  }

  private int singleProductInCart() {
    for (int i = 1; i < cartSize; i++) {
      if (cart[i] != cart[0]) {
        return -1;
      }
    }
    return cartSize > 0 ? cart[0] : -1;
  }

  private long cartTotal() {
    long total = 0;
    for (int i = 0; i < cartSize; i++) {
      total += priceCents[cart[i]];
    }
    return total;
  }

  private void emit(long t, String name, long sid, int productId, long revenueCents) throws SQLException {
    if (t < endSec) {
      sink.event(nextEventId++, userId, t, name, sid, productId, revenueCents, SOURCES[source]);
    }
  }

  /** Next visit: about {@code gapDays} after the previous one, at a plausible hour, at least 30 minutes later. */
  private long nextSessionStart(long previousEnd, double gapDays, SplittableRandom r) {
    long earliest = previousEnd + 1800;
    long target = earliest + (long) (gapDays * DAY);
    long day = Math.floorDiv(target, DAY) * DAY;
    long candidate = day + pick(hourCdf, r) * 3600L + r.nextInt(3600);
    return candidate < earliest ? candidate + DAY : candidate;
  }

  private static long gap(SplittableRandom r, double meanSeconds) {
    return 1 + (long) Math.min(30 * meanSeconds, exponential(r, meanSeconds));
  }

  private static double exponential(SplittableRandom r, double mean) {
    return -mean * Math.log(1.0 - r.nextDouble());
  }

  private static int geometric(SplittableRandom r, double p) {
    int n = 0;
    while (n < 30 && r.nextDouble() >= p) {
      n++;
    }
    return n;
  }

  /** Standard normal deviate by Box-Muller, spelled out so that it never depends on the JDK's implementation. */
  private static double gaussian(SplittableRandom r) {
    double u = 1.0 - r.nextDouble();
    double v = r.nextDouble();
    return Math.sqrt(-2.0 * Math.log(u)) * Math.cos(2.0 * Math.PI * v);
  }

  private static double[] cdf(double[] weights) {
    double[] out = new double[weights.length];
    double sum = 0;
    for (double w : weights) {
      sum += w;
    }
    double acc = 0;
    for (int i = 0; i < weights.length; i++) {
      acc += weights[i];
      out[i] = acc / sum;
    }
    out[out.length - 1] = 1.0;
    return out;
  }

  private static int pick(double[] cdf, SplittableRandom r) {
    double u = r.nextDouble();
    int i = Arrays.binarySearch(cdf, u);
    i = i >= 0 ? i + 1 : -i - 1;
    return Math.min(i, cdf.length - 1);
  }
}
