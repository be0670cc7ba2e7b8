package dev.funnelsql.functions.windowfunnel;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.time.LocalDate;
import java.time.LocalDateTime;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.function.IntPredicate;
import java.util.function.Predicate;
import org.junit.jupiter.api.Test;

/**
 * The test vectors of the research note {@code /work/notes/research/doris-starrocks-funnel.md} §4 and §5: Doris'
 * regression suites and BE unit tests, the StarRocks docs examples and BE unit test, and the comparison examples.
 * Each vector names its source. Where Doris' answer depends on the input order of rows with equal timestamps, the
 * vector is given with distinct timestamps in that order, and the tied version with the answer of our tie order
 * ({@code (ts, mask)}, see {@link WindowFunnelAccumulator}). Where Doris V1 and V2 differ, the V2 answer is expected
 * (for {@code increase}, the documented one).
 *
 * <p>The Doris regression data uses Chinese event names; here 登录 = login, 访问 = visit, 下单 = order,
 * 付款 = pay, and 登录1..5 / 登录2 = login1..5 / login2 (they match no condition).
 */
class WindowFunnelVectorsTest {
  private static final DateTimeFormatter TIME = DateTimeFormatter.ofPattern("yyyy-MM-dd HH:mm:ss[.SSS]");
  private static final long DAY = 86_400;
  private static final long HOUR = 3_600;

  // ----------------------------------------------------------------------------------------------------------------
  // Helpers

  /** Seconds since the epoch (UTC) of {@code "yyyy-MM-dd HH:mm:ss"}. */
  private static long t(String time) {
    return LocalDateTime.parse(time, TIME).toEpochSecond(ZoneOffset.UTC);
  }

  /** Milliseconds since the epoch (UTC) of {@code "yyyy-MM-dd HH:mm:ss.SSS"}. */
  private static long ms(String time) {
    return LocalDateTime.parse(time, TIME).toInstant(ZoneOffset.UTC).toEpochMilli();
  }

  private static int level(WindowFunnelSpec spec, long[] ts, int[] masks) {
    final WindowFunnelAccumulator acc = new WindowFunnelAccumulator(spec);
    for (int i = 0; i < ts.length; i++) {
      acc.add(ts[i], masks[i]);
    }
    final int level = acc.level();
    // Every vector is also a brute-force case and, added in reverse, an input-order case.
    assertEquals(level, WindowFunnelBruteForce.evaluate(spec, ts, masks), "brute force, " + spec);
    final WindowFunnelAccumulator reversed = new WindowFunnelAccumulator(spec);
    for (int i = ts.length - 1; i >= 0; i--) {
      reversed.add(ts[i], masks[i]);
    }
    assertEquals(level, reversed.level(), "reversed input, " + spec);
    return level;
  }

  /** Rows given as condition bits, condition 1 first ({@code "0101"} = conditions 2 and 4), as in the note. */
  private static int bits(WindowFunnelSpec spec, long[] ts, String... rows) {
    final int[] masks = new int[rows.length];
    for (int i = 0; i < rows.length; i++) {
      for (int k = 0; k < rows[i].length(); k++) {
        if (rows[i].charAt(k) == '1') {
          masks[i] |= 1 << k;
        }
      }
    }
    return level(spec, ts, masks);
  }

  private static int dorisBits(String mode, long window, long[] ts, String... rows) {
    return bits(WindowFunnelSpec.doris(rows[0].length(), window, mode), ts, rows);
  }

  private static int starRocksBits(int mode, long window, long[] ts, String... rows) {
    return bits(WindowFunnelSpec.starRocks(rows[0].length(), window, mode), ts, rows);
  }

  /** Rows with one integer value each, conditions on that value. */
  private static int values(WindowFunnelSpec spec, long[] ts, int[] values, IntPredicate... conds) {
    final int[] masks = new int[values.length];
    for (int i = 0; i < values.length; i++) {
      for (int k = 0; k < conds.length; k++) {
        if (conds[k].test(values[i])) {
          masks[i] |= 1 << k;
        }
      }
    }
    return level(spec, ts, masks);
  }

  private static int dorisValues(String mode, long window, long[] ts, int[] values, IntPredicate... conds) {
    return values(WindowFunnelSpec.doris(conds.length, window, mode), ts, values, conds);
  }

  /** One row per letter of {@code events} at times 0, 1, 2, ...; letter = condition name, others match nothing. */
  private static int letters(WindowFunnelSpec spec, String conds, String events) {
    final long[] ts = new long[events.length()];
    final int[] masks = new int[events.length()];
    for (int i = 0; i < events.length(); i++) {
      ts[i] = i;
      final int k = conds.indexOf(events.charAt(i));
      masks[i] = k < 0 ? 0 : 1 << k;
    }
    return level(spec, ts, masks);
  }

  /** Times {@code start}, {@code start + step}, ... for {@code count} rows. */
  private static long[] every(long start, long step, int count) {
    final long[] ts = new long[count];
    for (int i = 0; i < count; i++) {
      ts[i] = start + i * step;
    }
    return ts;
  }

  /** A row of the multi-user tables. */
  private static final class Ev {
    final String user;
    final String event;
    final long ts;
    final String brand;
    final int tab;

    Ev(String user, String event, long ts, String brand, int tab) {
      this.user = user;
      this.event = event;
      this.ts = ts;
      this.brand = brand;
      this.tab = tab;
    }
  }

  private static Ev ev(String user, String event, String time) {
    return new Ev(user, event, t(time), "", 0);
  }

  private static Predicate<Ev> is(String event) {
    return e -> e.event.equals(event);
  }

  private static Predicate<Ev> isNot(String event) {
    return e -> !e.event.equals(event);
  }

  /** The level of each user, in user order. */
  @SafeVarargs
  private static List<Integer> perUser(WindowFunnelSpec spec, List<Ev> rows, Predicate<Ev>... conds) {
    assertEquals(spec.steps(), conds.length);
    final Map<String, List<Ev>> users = new TreeMap<>();
    for (Ev e : rows) {
      users.computeIfAbsent(e.user, u -> new ArrayList<>()).add(e);
    }
    final List<Integer> levels = new ArrayList<>();
    for (List<Ev> group : users.values()) {
      final long[] ts = new long[group.size()];
      final int[] masks = new int[group.size()];
      for (int i = 0; i < group.size(); i++) {
        ts[i] = group.get(i).ts;
        for (int k = 0; k < conds.length; k++) {
          if (conds[k].test(group.get(i))) {
            masks[i] |= 1 << k;
          }
        }
      }
      levels.add(level(spec, ts, masks));
    }
    return levels;
  }

  @SafeVarargs
  private static List<Integer> doris(String mode, long window, List<Ev> rows, Predicate<Ev>... conds) {
    return perUser(WindowFunnelSpec.doris(conds.length, window, mode), rows, conds);
  }

  @SafeVarargs
  private static List<Integer> starRocks(int mode, long window, List<Ev> rows, Predicate<Ev>... conds) {
    return perUser(WindowFunnelSpec.starRocks(conds.length, window, mode), rows, conds);
  }

  @SafeVarargs
  private static <T> List<T> concat(List<T>... lists) {
    final List<T> all = new ArrayList<>();
    for (List<T> list : lists) {
      all.addAll(list);
    }
    return all;
  }

  private static final Predicate<Ev> LOGIN = is("login");
  private static final Predicate<Ev> VISIT = is("visit");
  private static final Predicate<Ev> ORDER = is("order");
  private static final Predicate<Ev> PAY = is("pay");

  /** Data set U1 of the note (§4.1): users 100123, 100125, 100126, 100127. */
  private static final List<Ev> U1 = List.of(
      new Ev("100123", "login", t("2022-05-14 10:01:00"), "HONOR", 1),
      new Ev("100123", "visit", t("2022-05-14 10:02:00"), "HONOR", 2),
      new Ev("100123", "order", t("2022-05-14 10:04:00"), "HONOR", 3),
      new Ev("100123", "pay", t("2022-05-14 10:10:00"), "HONOR", 4),
      new Ev("100125", "login", t("2022-05-15 11:00:00"), "XIAOMI", 1),
      new Ev("100125", "visit", t("2022-05-15 11:01:00"), "XIAOMI", 2),
      new Ev("100125", "order", t("2022-05-15 11:02:00"), "XIAOMI", 6),
      new Ev("100126", "login", t("2022-05-15 12:00:00"), "IPHONE", 1),
      new Ev("100126", "visit", t("2022-05-15 12:01:00"), "HONOR", 2),
      new Ev("100127", "login", t("2022-05-15 11:30:00"), "VIVO", 1),
      new Ev("100127", "visit", t("2022-05-15 11:31:00"), "VIVO", 5));

  /** U1 without user 100123, for the vectors that replace that user's rows. */
  private static final List<Ev> OTHERS = U1.subList(4, U1.size());

  /** Rows of user 100123 on 2022-05-14: pairs of event and time of day. */
  private static List<Ev> user123(String... eventTimePairs) {
    final List<Ev> rows = new ArrayList<>();
    for (int i = 0; i < eventTimePairs.length; i += 2) {
      rows.add(ev("100123", eventTimePairs[i], "2022-05-14 " + eventTimePairs[i + 1]));
    }
    return rows;
  }

  // ----------------------------------------------------------------------------------------------------------------
  // §4.1 Doris window_funnel.groovy + window_funnel.out (V1 era; V2 gives the same except fixed1)

  private static final long[] A_TIMES = {t("2022-03-12 10:41:00"), t("2022-03-12 13:28:02"),
      t("2022-03-12 16:15:01"), t("2022-03-12 19:05:04")};
  private static final int[] A_XWHAT = {1, 2, 3, 4};

  @Test void dorisSmallTable() {
    // A1, A2: DATETIME, conditions xwhat = 1, xwhat = 2 (.out).
    assertEquals(1, dorisValues("default", 1, A_TIMES, A_XWHAT, x -> x == 1, x -> x == 2));
    assertEquals(2, dorisValues("default", 20000, A_TIMES, A_XWHAT, x -> x == 1, x -> x == 2));
    // A3, A4: DATETIMEV2(3), the same times + .111, on a millisecond time line (.out).
    final long[] millis = {ms("2022-03-12 10:41:00.111"), ms("2022-03-12 13:28:02.111"),
        ms("2022-03-12 16:15:01.111"), ms("2022-03-12 19:05:04.111")};
    assertEquals(1, dorisValues("default", 1_000, millis, A_XWHAT, x -> x == 1, x -> x == 2));
    assertEquals(2, dorisValues("default", 20_000_000, millis, A_XWHAT, x -> x == 1, x -> x == 2));
    // A5 (deduplication_compat, mode 'default') and A6 (deduplication): a repeated xwhat = 2 (.out).
    final long[] dedupTimes = {ms("2022-03-12 10:41:00.111"), ms("2022-03-12 13:28:02.111"),
        ms("2022-03-12 13:28:03.111"), ms("2022-03-12 14:15:01.111"), ms("2022-03-12 15:05:04.111")};
    final int[] dedupX = {1, 2, 2, 3, 4};
    assertEquals(4, dorisValues("default", 20_000_000, dedupTimes, dedupX, x -> x == 1, x -> x == 2, x -> x == 3,
        x -> x == 4));
    assertEquals(2, dorisValues("deduplication", 20_000_000, dedupTimes, dedupX, x -> x == 1, x -> x == 2,
        x -> x == 3, x -> x == 4));
    // A7, A8: fixed with the conditions out of order (.out).
    final long[] fixedTimes = {ms("2022-03-12 10:41:00.111"), ms("2022-03-12 13:28:02.111"),
        ms("2022-03-12 14:15:01.111"), ms("2022-03-12 15:05:04.111")};
    assertEquals(2, dorisValues("fixed", 20_000_000, fixedTimes, A_XWHAT, x -> x == 1, x -> x == 2, x -> x == 4,
        x -> x == 3));
    assertEquals(1, dorisValues("fixed", 20_000_000, fixedTimes, A_XWHAT, x -> x == 4, x -> x == 3, x -> x == 2,
        x -> x == 1));
    // A9: increase, all times distinct (.out).
    assertEquals(4, dorisValues("increase", 20_000_000, new long[] {ms("2022-03-12 10:41:00.111"),
        ms("2022-03-12 13:28:02.111"), ms("2022-03-12 13:28:03.111"), ms("2022-03-12 15:05:04.111")}, A_XWHAT,
        x -> x == 1, x -> x == 2, x -> x == 3, x -> x == 4));
    // A10 (= v2_increase_same_ts): steps 2 and 3 at the same time (.out).
    assertEquals(2, dorisValues("increase", 20_000_000, new long[] {ms("2022-03-12 10:41:00.111"),
        ms("2022-03-12 13:28:02.111"), ms("2022-03-12 13:28:02.111"), ms("2022-03-12 15:05:04.111")}, A_XWHAT,
        x -> x == 1, x -> x == 2, x -> x == 3, x -> x == 4));
    // A11: xwhat != 2 is true on rows 1, 3, 4; one row is one step in Doris (.out).
    assertEquals(2, dorisValues("default", 86400, A_TIMES, A_XWHAT, x -> x == 1, x -> x != 2, x -> x == 3));
  }

  @Test void dorisMultiUserDefault() {
    // B1..B3 (.out; B2 = Doris doc example 1).
    assertEquals(List.of(4, 3, 2, 2), doris("default", 10800, U1, LOGIN, VISIT, ORDER, PAY));
    assertEquals(List.of(3, 3, 2, 2), doris("default", 300, U1, LOGIN, VISIT, ORDER, PAY));
    assertEquals(List.of(1, 1, 1, 1), doris("default", 30, U1, LOGIN, VISIT, ORDER, PAY));
    // B4..B6: repeated conditions; a row that matches two conditions is still one step (.out).
    assertEquals(List.of(1, 1, 1, 1), doris("default", 3_600_000_000L, U1, LOGIN, LOGIN, VISIT, ORDER, PAY));
    assertEquals(List.of(2, 2, 2, 2), doris("default", 3_600_000_000L, U1, LOGIN, VISIT, VISIT, ORDER, PAY));
    assertEquals(List.of(1, 1, 1, 1), doris("default", 3_600_000_000L, U1, LOGIN, LOGIN, LOGIN, LOGIN, LOGIN, LOGIN,
        LOGIN));
    // B7: event != '登陆' (a word that differs from 登录, "logon" here) is true on every row (.out).
    assertEquals(List.of(4, 3, 2, 2), doris("default", 3_600_000_000L, U1, LOGIN, isNot("logon"), ORDER, PAY));
    // B8: event != '访问' (.out).
    assertEquals(List.of(2, 2, 1, 1), doris("default", 3_600_000_000L, U1, LOGIN, isNot("visit"), ORDER, PAY));
    // B9: conditions on brand and tab (.out).
    final Predicate<Ev> c1 = e -> e.event.equals("login") && List.of("HONOR", "XIAOMI", "VIVO").contains(e.brand)
        && e.tab != 4 && e.tab != 5;
    final Predicate<Ev> c2 = e -> e.event.equals("visit") && e.tab != 4 && e.tab != 5;
    final Predicate<Ev> c3 = e -> e.event.equals("order") && e.tab != 6 && e.tab != 7;
    assertEquals(List.of(4, 2, 0, 1), doris("default", 3_600_000_000L, U1, c1, c2, c3, PAY));
    // B10: a second, complete chain for 100123 and 100126 (.out).
    final List<Ev> more = concat(U1, user123("login", "13:01:00", "visit", "13:02:00", "order", "13:04:00", "pay",
        "13:10:00"), List.of(ev("100126", "login", "2022-05-15 14:00:00"), ev("100126", "visit", "2022-05-15 14:01:00"),
        ev("100126", "order", "2022-05-15 14:02:00"), ev("100126", "pay", "2022-05-15 14:03:00")));
    assertEquals(List.of(4, 3, 4, 2), doris("default", 3600, more, LOGIN, VISIT, ORDER, PAY));
  }

  @Test void dorisMultiUserDeduplication() {
    // B11 dedup0 (.out 3,3,2,2): Doris' input order puts order@10:04 before login@10:04. With distinct times in that
    // order, 3.
    assertEquals(List.of(3, 3, 2, 2), doris("deduplication", 3600, concat(user123("login", "10:01:00", "visit",
        "10:02:00", "order", "10:04:00", "login", "10:04:01", "login1", "10:04:01", "login2", "10:04:01", "login3",
        "10:04:01", "login4", "10:04:01", "login5", "10:04:01", "pay", "10:10:00"), OTHERS), LOGIN, VISIT, ORDER,
        PAY));
    // ... with the tie, our order puts login (mask 0001) before order (mask 0100): the repeated login ends the chain
    // at 2.
    final List<Ev> dedup0 = concat(user123("login", "10:01:00", "visit", "10:02:00", "order", "10:04:00", "login",
        "10:04:00", "login1", "10:04:00", "login2", "10:04:00", "login3", "10:04:00", "login4", "10:04:00", "login5",
        "10:04:00", "pay", "10:10:00"), OTHERS);
    assertEquals(List.of(2, 3, 2, 2), doris("deduplication", 3600, dedup0, LOGIN, VISIT, ORDER, PAY));
    // B12 dedup1 (.out 3,3,2,2): a second visit in the tie at 10:04, after order in Doris' input order.
    assertEquals(List.of(3, 3, 2, 2), doris("deduplication", 3600, concat(user123("login", "10:01:00", "visit",
        "10:02:00", "order", "10:04:00", "login1", "10:04:01", "login2", "10:04:01", "login3", "10:04:01", "login4",
        "10:04:01", "login5", "10:04:01", "visit", "10:04:02", "pay", "10:10:00"), OTHERS), LOGIN, VISIT, ORDER, PAY));
    // ... tied, our order puts visit (condition 2, mask 0b0010) before order (mask 0b0100): the repeated visit ends
    // the chain at 2.
    final List<Ev> dedup1 = concat(user123("login", "10:01:00", "visit", "10:02:00", "order", "10:04:00", "login1",
        "10:04:00", "login2", "10:04:00", "login3", "10:04:00", "login4", "10:04:00", "login5", "10:04:00", "visit",
        "10:04:00", "pay", "10:10:00"), OTHERS);
    assertEquals(List.of(2, 3, 2, 2), doris("deduplication", 3600, dedup1, LOGIN, VISIT, ORDER, PAY));
    // B13 dedup2 (.out 3,3,2,2): a second order in the tie; 3 in any order.
    final List<Ev> dedup2 = concat(user123("login", "10:01:00", "visit", "10:02:00", "order", "10:04:00", "login1",
        "10:04:00", "login2", "10:04:00", "login3", "10:04:00", "login4", "10:04:00", "login5", "10:04:00", "order",
        "10:04:00", "pay", "10:10:00"), OTHERS);
    assertEquals(List.of(3, 3, 2, 2), doris("deduplication", 3600, dedup2, LOGIN, VISIT, ORDER, PAY));
    // Doris doc example 2: a repeated login between visit and order.
    assertEquals(List.of(2, 3, 2, 2), doris("deduplication", 3600, concat(user123("login", "10:01:00", "visit",
        "10:02:00", "login", "10:03:00", "order", "10:04:00", "pay", "10:10:00"), OTHERS), LOGIN, VISIT, ORDER, PAY));
    // v2_deduplication1 (window_funnel_v2.out 3,3,2,2): visit again at 10:04 after order in Doris' input order.
    assertEquals(List.of(3, 3, 2, 2), doris("deduplication", 3600, concat(user123("login", "10:01:00", "visit",
        "10:02:00", "order", "10:04:00", "login1", "10:04:01", "visit", "10:04:02", "pay", "10:10:00"), OTHERS), LOGIN,
        VISIT, ORDER, PAY));
    // ... tied at 10:04, our order puts visit before order: 2.
    assertEquals(List.of(2, 3, 2, 2), doris("deduplication", 3600, concat(user123("login", "10:01:00", "visit",
        "10:02:00", "order", "10:04:00", "login1", "10:04:00", "visit", "10:04:00", "pay", "10:10:00"), OTHERS), LOGIN,
        VISIT, ORDER, PAY));
  }

  @Test void dorisMultiUserFixedAndIncrease() {
    // B14 fixed0 (.out, V1 = V2): login again right after visit.
    assertEquals(List.of(2, 3, 2, 2), doris("fixed", 3600, concat(user123("login", "10:01:00", "visit", "10:02:00",
        "login", "10:03:00", "order", "10:04:00", "pay", "10:10:00"), OTHERS), LOGIN, VISIT, ORDER, PAY));
    // B15 fixed1: login2 matches nothing; V1's .out says 2, V2 (PR #61566) 4.
    assertEquals(List.of(4, 3, 2, 2), doris("fixed", 3600, concat(user123("login", "10:01:00", "visit", "10:02:00",
        "login2", "10:03:00", "order", "10:04:00", "pay", "10:10:00"), OTHERS), LOGIN, VISIT, ORDER, PAY));
    // Doris doc example 3 (fixed): login2 at 10:04 matches nothing; the pre-2026 doc says 3 (V1), V2 gives 4.
    assertEquals(List.of(4, 3, 2, 2), doris("fixed", 3600, concat(user123("login", "10:01:00", "visit", "10:02:00",
        "order", "10:03:00", "login2", "10:04:00", "pay", "10:10:00"), OTHERS), LOGIN, VISIT, ORDER, PAY));
    // v2_fixed0 (window_funnel_v2.out).
    assertEquals(List.of(4, 3, 2, 2), doris("fixed", 3600, U1, LOGIN, VISIT, ORDER, PAY));
    // v2_fixed_reorder (window_funnel_v2.out): conditions login, visit, pay, order on 100123's four rows.
    assertEquals(List.of(2), doris("fixed", 20000, U1.subList(0, 4), LOGIN, VISIT, PAY, ORDER));
    // v2_fixed_vs_v1 and v2_explicit_name (window_funnel_v2.out): 4, where V1 gives 2.
    assertEquals(List.of(4), doris("fixed", 3600, user123("login", "10:01:00", "visit", "10:02:00", "login2",
        "10:03:00", "order", "10:04:00", "pay", "10:10:00"), LOGIN, VISIT, ORDER, PAY));
    // B16 increase0 (.out; Doris doc example 4): pay at the same time as order.
    assertEquals(List.of(3, 3, 2, 2), doris("increase", 3600, concat(user123("login", "10:01:00", "visit",
        "10:02:00", "order", "10:04:00", "pay", "10:04:00"), OTHERS), LOGIN, VISIT, ORDER, PAY));
  }

  // ----------------------------------------------------------------------------------------------------------------
  // §4.2 window_funnel_v2.groovy, the vectors beyond the stored .out (expected values from the groovy comments)

  @Test void dorisV2IncreaseAndDeduplication() {
    final long base = t("2022-03-12 10:00:00");
    // v2_increase_event0_overwrite (= BE UT T10): x = 1 at 0 and 50 s, x = 2 at 50 s, x = 3 at 60 s.
    assertEquals(3, dorisValues("increase", 100, new long[] {base, base + 50, base + 50, base + 60},
        new int[] {1, 1, 2, 3}, x -> x == 1, x -> x == 2, x -> x == 3));
    // v2_increase_new_chain_better (= T11).
    assertEquals(3, dorisValues("increase", 5, new long[] {base, base + 50, base + 51, base + 52},
        new int[] {1, 1, 2, 3}, x -> x == 1, x -> x == 2, x -> x == 3));
    // v2_increase_old_chain_better (= T12 a).
    assertEquals(2, dorisValues("increase", 100, new long[] {base, base + 10, base + 50}, new int[] {1, 2, 1},
        x -> x == 1, x -> x == 2, x -> x == 3));
    // v2_dedup_same_row_multi_event (= T13): x != 2 is also true on the x = 1 rows.
    assertEquals(3, dorisValues("deduplication", DAY, every(base, HOUR, 3), new int[] {1, 1, 3}, x -> x == 1,
        x -> x != 2, x -> x == 3));
    // v2_dedup_true_dup_breaks (= T14).
    assertEquals(2, dorisValues("deduplication", DAY, every(base, HOUR, 4), new int[] {1, 2, 1, 3}, x -> x == 1,
        x -> x == 2, x -> x == 3));
  }

  @Test void dorisV2FixedEdges() {
    final long d0 = t("2020-01-01 00:00:00");
    final long w = 10 * DAY;
    // One row a day; the names are those of window_funnel_v2.groovy; V1 gives the same except irrelevant_skip.
    assertEquals(2, dorisValues("fixed", DAY, every(d0, DAY, 2), new int[] {3, 1}, v -> v > 2, v -> v < 5,
        v -> v > 0), "fixed_same_row_level_jump");
    assertEquals(3, dorisValues("fixed", w, every(d0, DAY, 3), new int[] {1, 3, -1}, v -> v > 0, v -> v > 2,
        v -> v < 0), "fixed_e0_skip");
    assertEquals(1, dorisValues("fixed", w, every(d0, DAY, 1), new int[] {3}, v -> v >= 0, v -> v >= 1,
        v -> v >= 2), "edge_single_row_all_match");
    assertEquals(2, dorisValues("fixed", w, every(d0, DAY, 2), new int[] {0, 3}, v -> v >= 0, v -> v >= 1,
        v -> v >= 2), "edge_next_row_all");
    assertEquals(2, dorisValues("fixed", w, every(d0, DAY, 3), new int[] {1, 3, 2}, v -> v == 1, v -> v > 1,
        v -> v > 2), "edge_e1e2_no_e0");
    assertEquals(3, dorisValues("fixed", w, every(d0, DAY, 3), new int[] {0, 2, 3}, v -> v >= 0, v -> v >= 1,
        v -> v >= 2, v -> v >= 3), "edge_4cond_progressive");
    assertEquals(2, dorisValues("fixed", w, every(d0, DAY, 2), new int[] {1, 2}, v -> v >= 1, v -> v >= 1,
        v -> v >= 2), "edge_both_rows_multi");
    assertEquals(4, dorisValues("fixed", w, every(d0, DAY, 4), new int[] {0, 1, 2, 3}, v -> v >= 0, v -> v >= 1,
        v -> v >= 2, v -> v >= 3), "edge_full_chain");
    assertEquals(1, dorisValues("fixed", w, every(d0, DAY, 2), new int[] {1, 5}, v -> v == 1, v -> v == 2,
        v -> v > 2), "edge_level_jump_break");
    assertEquals(2, dorisValues("fixed", w, every(d0, DAY, 4), new int[] {1, 5, 1, 2}, v -> v > 0, v -> v == 2),
        "edge_e0_restart_diff_row");
    assertEquals(1, dorisValues("fixed", 1, new long[] {d0, d0 + 2}, new int[] {0, 2}, v -> v >= 0, v -> v >= 1,
        v -> v >= 2), "edge_window_boundary");
    assertEquals(3, dorisValues("fixed", w, every(d0, DAY, 4), new int[] {1, 2, 2, 3}, v -> v > 0, v -> v > 1,
        v -> v > 2), "edge_multi_restart_best");
    assertEquals(3, dorisValues("fixed", w, every(d0, DAY, 5), new int[] {1, 1, 1, 2, 3}, v -> v > 0, v -> v > 1,
        v -> v > 2), "edge_many_e0_restarts");
    // V2: the row with value 0 matches nothing and does not break the chain (V1: 1).
    assertEquals(3, dorisValues("fixed", w, every(d0, DAY, 4), new int[] {1, 0, 2, 3}, v -> v == 1, v -> v == 2,
        v -> v == 3), "edge_irrelevant_skip");
    assertEquals(2, dorisValues("fixed", w, every(d0, DAY, 4), new int[] {1, 2, 2, 3}, v -> v == 1, v -> v == 2,
        v -> v == 3), "edge_relevant_but_wrong");
    assertEquals(2, dorisValues("fixed", w, every(d0, DAY, 4), new int[] {10, 5, 5, 20}, v -> v > 8, v -> v < 8,
        v -> v > 15), "edge_relevant_wrong_no_restart");
  }

  /** The 50-row table of v2_fixed_multi_cond_complex: pk, col_int, col_date, col_datetime (null = NULL). */
  private static final String[][] COMPLEX = {
    {"0", "2", "2011-03-24", "2009-09-17 17:25:39"}, {"1", null, "2023-12-10", "2001-09-19 20:24:22"},
    {"2", "1", null, "2003-04-04 02:59:52"}, {"3", "8", "2023-12-16", "2004-02-13 03:59:09"},
    {"4", "5", "2023-12-18", "2015-09-09 23:02:51"}, {"5", "1", "2023-12-14", "2001-10-21 07:04:03"},
    {"6", "3", "2023-12-10", "2009-04-07 10:55:27"}, {"7", null, "2023-12-14", "2018-11-02 09:18:56"},
    {"8", "1", "2023-12-11", "2015-05-03 17:34:12"}, {"9", "1", "2023-12-12", "2010-12-25 06:21:52"},
    {"10", "3", null, "2008-06-02 22:49:15"}, {"11", "0", "2023-12-12", "2010-11-13 22:32:47"},
    {"12", "1", "2023-12-16", "2019-04-28 20:36:03"}, {"13", null, null, "2019-01-01 21:24:32"},
    {"14", "3", "2023-12-15", "2006-08-17 21:47:52"}, {"15", "3", null, "2015-12-23 05:58:29"},
    {"16", "5", "2013-09-15", "2018-08-20 22:15:56"}, {"17", "5", "2023-12-11", "2017-01-17 11:34:56"},
    {"18", "7", "2023-12-18", "2016-01-16 13:00:40"}, {"19", null, "2023-12-13", "2003-03-16 01:28:28"},
    {"20", "0", "2023-12-16", "2006-08-28 22:48:19"}, {"21", "8", "2013-10-28", "2007-01-19 07:52:53"},
    {"22", "3", "2023-12-17", "2001-06-05 18:32:05"}, {"23", "2", "2023-12-17", "2001-05-15 22:39:45"},
    {"24", null, "2023-12-18", "2015-02-06 18:44:55"}, {"25", null, "2023-12-11", "2004-02-22 19:46:22"},
    {"26", "0", "2023-12-17", "2001-05-20 05:25:26"}, {"27", "7", "2023-12-15", "2015-05-07 15:56:20"},
    {"28", "0", "2023-12-16", "2016-02-10 04:26:23"}, {"29", "0", "2023-12-18", "2019-09-04 05:15:31"},
    {"30", "1", "2023-12-11", "2000-12-08 10:19:58"}, {"31", "9", "2023-12-14", "2004-07-11 03:51:22"},
    {"32", "5", "2023-12-16", "2013-11-18 16:32:18"}, {"33", "6", null, "2000-11-13 05:31:42"},
    {"34", "7", "2023-12-18", "2013-01-02 22:46:46"}, {"35", "4", "2023-12-12", "2008-10-23 09:22:02"},
    {"36", "2", "2023-12-16", "2006-01-18 13:41:57"}, {"37", "5", "2023-12-14", "2008-05-27 21:09:03"},
    {"38", "2", "2023-12-15", "2007-01-15 01:30:56"}, {"39", "1", "2023-12-18", "2003-04-10 16:23:13"},
    {"40", null, "2023-12-18", "2018-03-25 20:34:39"}, {"41", "4", "2023-12-15", "2007-10-06 00:49:06"},
    {"42", "7", "2023-12-11", "2015-11-11 23:53:16"}, {"43", null, "2023-12-10", "2002-05-26 11:17:20"},
    {"44", "6", "2023-12-14", "2003-04-11 05:05:55"}, {"45", null, "2014-08-07", "2000-10-02 00:55:06"},
    {"46", "2", "2023-12-16", "2018-08-26 22:48:02"}, {"47", "2", "2023-12-11", "2004-12-15 08:38:08"},
    {"48", "5", "2019-01-19", "2000-11-09 19:21:35"}, {"49", "6", "2023-12-12", "2010-11-21 05:54:00"},
  };

  @Test void dorisV2FixedMultiConditionComplex() {
    // v2_fixed_multi_cond_complex (groovy comment: 2): Doris drops every row with a NULL argument, as callers must.
    final LocalDate dec12 = LocalDate.parse("2023-12-12");
    final LocalDate oct14 = LocalDate.parse("2009-10-14");
    final List<Long> ts = new ArrayList<>();
    final List<Integer> masks = new ArrayList<>();
    for (String[] row : COMPLEX) {
      if (row[1] == null || row[2] == null) {
        continue;
      }
      final int colInt = Integer.parseInt(row[1]);
      final LocalDate colDate = LocalDate.parse(row[2]);
      int mask = 0;
      mask |= colInt > 2 ? 1 : 0;
      mask |= colDate.isBefore(dec12) ? 2 : 0;
      mask |= colInt == 5 ? 4 : 0;
      mask |= colDate.isAfter(oct14) ? 8 : 0;
      ts.add(t(row[3]));
      masks.add(mask);
    }
    assertEquals(37, ts.size()); // 13 of the 50 rows have a NULL
    assertEquals(2, level(WindowFunnelSpec.doris(4, 1736123071L, "fixed"),
        ts.stream().mapToLong(Long::longValue).toArray(), masks.stream().mapToInt(Integer::intValue).toArray()));
  }

  // ----------------------------------------------------------------------------------------------------------------
  // §4.3 Doris BE unit tests (vec_window_funnel_v2_test.cpp, vec_window_funnel_test.cpp): EXPECT_EQ values

  @Test void dorisBeUnitTests() {
    final long[] t0123 = {0, 1, 2, 3};
    for (int w = 0; w <= 4; w++) {
      // T1 sorted sweep, T2 reverse input: min(w + 1, 4).
      assertEquals(Math.min(w + 1, 4), dorisBits("default", w, t0123, "1000", "0100", "0010", "0001"), "T1 w=" + w);
      assertEquals(Math.min(w + 1, 4), dorisBits("default", w, new long[] {4, 3, 2, 1}, "0001", "0010", "0100",
          "1000"), "T2 w=" + w);
    }
    // T3 serialize.
    assertEquals(3, dorisBits("default", 2, t0123, "1000", "0100", "0010", "0001"));
    // T4 onlyMatchedStored.
    assertEquals(4, dorisBits("default", 10, every(0, 1, 6), "1000", "0100", "0000", "0010", "0000", "0001"));
    // T5 increaseMode.
    assertEquals(2, dorisBits("increase", 10, new long[] {0, 1, 1, 3}, "1000", "0100", "0010", "0001"));
    // T6 dedupMode.
    assertEquals(2, dorisBits("deduplication", 10, every(0, 1, 5), "1000", "0100", "1000", "0010", "0001"));
    // T7 fixedMode.
    assertEquals(2, dorisBits("fixed", 10, every(0, 1, 5), "1000", "0100", "0001", "0010", "0001"));
    // T8 sameRowMultiCondDefault.
    final long[] t8 = {t("2022-03-12 10:41:00"), t("2022-03-12 13:28:02"), t("2022-03-12 16:15:01"),
        t("2022-03-12 19:05:04")};
    assertEquals(2, dorisBits("default", DAY, t8, "110", "000", "011", "010"));
    // T9 sameRowAllConditionsMatch.
    assertEquals(1, dorisBits("default", DAY, new long[] {0}, "1111"));
    // T10 increaseEvent0Overwrite, T11 increaseNewChainBetter, T12 increaseOldChainBetter (only the 3 rows the test
    // adds, NUM_ROWS = 3).
    assertEquals(3, dorisBits("increase", 100, new long[] {0, 50, 50, 60}, "100", "100", "010", "001"));
    assertEquals(3, dorisBits("increase", 5, new long[] {0, 50, 51, 52}, "100", "100", "010", "001"));
    assertEquals(2, dorisBits("increase", 100, new long[] {0, 10, 50}, "100", "010", "100"));
    // T13..T16 deduplication.
    assertEquals(3, dorisBits("deduplication", DAY, every(0, HOUR, 3), "110", "110", "101"));
    assertEquals(2, dorisBits("deduplication", DAY, every(0, HOUR, 4), "100", "010", "100", "001"));
    assertEquals(3, dorisBits("deduplication", DAY, every(0, HOUR, 4), "100", "010", "111", "001"));
    assertEquals(3, dorisBits("deduplication", DAY, every(0, HOUR, 5), "100", "010", "110", "010", "001"));
    // T17..T20 fixed.
    assertEquals(2, dorisBits("fixed", DAY, every(0, DAY, 2), "111", "011"));
    assertEquals(2, dorisBits("fixed", 10 * DAY, every(0, DAY, 5), "1000", "0100", "0101", "0010", "0001"));
    assertEquals(3, dorisBits("fixed", 10 * DAY, every(0, DAY, 3), "100", "110", "001"));
    assertEquals(2, dorisBits("fixed", 10 * DAY, every(0, DAY, 4), "100", "010", "010", "001"));
  }

  @Test void dorisBeUnitTestDeduplicationMultiPassGapCheck() {
    // T21 testDeduplicationMultiPassGapCheck: 15 dated rows, value and flag (date = '2023-12-13').
    final String[] dates = {"2000-03-19", "2000-04-03", "2001-10-12", "2002-11-15", "2003-09-10", "2006-06-06",
        "2008-07-03", "2009-03-03", "2009-05-16", "2009-11-03", "2011-06-25", "2014-05-16", "2014-11-02",
        "2016-01-08", "2017-01-03"};
    final int[] vals = {3, 8, 3, 8, 0, 0, 8, 9, 8, 0, 7, 6, 0, 3, 8};
    final int[] flags = {0, 0, 0, 0, 0, 0, 0, 0, 1, 1, 1, 0, 0, 0, 1};
    final long[] ts = new long[dates.length];
    final int[] masks = new int[dates.length];
    for (int i = 0; i < dates.length; i++) {
      ts[i] = LocalDate.parse(dates[i]).toEpochDay() * DAY;
      final int v = vals[i];
      final boolean[] conds = {v < 4, v <= 2, v != 6, v <= 4, flags[i] == 1, v <= 5, v <= 8};
      for (int k = 0; k < conds.length; k++) {
        masks[i] |= conds[k] ? 1 << k : 0;
      }
    }
    assertEquals(4, level(WindowFunnelSpec.doris(7, 1119906808L, "deduplication"), ts, masks));
  }

  // ----------------------------------------------------------------------------------------------------------------
  // §4.4 StarRocks docs (window_funnel.md) and BE unit test (aggregate_test.cpp)

  private static final Predicate<Ev> BROWSE = is("Browse");
  private static final Predicate<Ev> CLICK = is("Click");
  private static final Predicate<Ev> SR_ORDER = is("Order");
  private static final Predicate<Ev> SR_PAY = is("Pay");

  private static Ev sr(String user, String event, String time) {
    return ev(user, event, "2020-01-02 " + time);
  }

  @Test void starRocksDocExamples() {
    // SR1: docs example 1, mode 0, window 1800 s; user 1 browses twice at 11:00.
    final List<Ev> action = List.of(sr("1", "Browse", "11:00:00"), sr("1", "Click", "11:10:00"),
        sr("1", "Order", "11:20:00"), sr("1", "Pay", "11:30:00"), sr("1", "Browse", "11:00:00"),
        sr("2", "Order", "11:00:00"), sr("2", "Pay", "11:10:00"), sr("3", "Browse", "11:20:00"),
        sr("3", "Click", "12:00:00"), sr("4", "Browse", "11:50:00"), sr("4", "Click", "12:00:00"),
        sr("5", "Browse", "11:50:00"), sr("5", "Click", "12:00:00"), sr("5", "Order", "11:10:00"),
        sr("6", "Browse", "11:50:00"), sr("6", "Click", "12:00:00"), sr("6", "Order", "12:10:00"));
    assertEquals(List.of(4, 0, 1, 2, 2, 3), starRocks(0, 1800, action, BROWSE, CLICK, SR_ORDER, SR_PAY));
    // SR2 / SR3: docs example 2, mode 0 and 1 (deduplication: the second Click ends the chain at 3).
    final List<Ev> action1 = List.of(sr("1", "Browse", "11:00:00"), sr("2", "Browse", "11:00:01"),
        sr("1", "Click", "11:10:00"), sr("1", "Order", "11:29:00"), sr("1", "Click", "11:29:50"),
        sr("1", "Pay", "11:30:00"), sr("1", "Click", "11:40:00"));
    assertEquals(List.of(4, 1), starRocks(0, 1800, action1, BROWSE, CLICK, SR_ORDER, SR_PAY));
    assertEquals(List.of(3, 1), starRocks(1, 1800, action1, BROWSE, CLICK, SR_ORDER, SR_PAY));
    // SR4 / SR5: docs example 3, mode 0 and 2 (fixed: Pay before Order is a leap).
    final List<Ev> action2 = List.of(sr("1", "Browse", "11:00:00"), sr("2", "Browse", "11:00:01"),
        sr("1", "Click", "11:10:00"), sr("1", "Pay", "11:30:00"), sr("1", "Order", "11:31:00"));
    assertEquals(List.of(3, 1), starRocks(0, 1900, action2, BROWSE, CLICK, SR_ORDER, SR_PAY));
    assertEquals(List.of(2, 1), starRocks(2, 1900, action2, BROWSE, CLICK, SR_ORDER, SR_PAY));
    // SR6 / SR7: docs example 4, mode 0 and 4 (increase: user 2 browses and clicks in the same second).
    final List<Ev> action3 = List.of(sr("1", "Browse", "11:00:00"), sr("1", "Click", "11:00:01"),
        sr("2", "Browse", "11:00:03"), sr("1", "Order", "11:00:31"), sr("2", "Click", "11:00:03"),
        sr("2", "Order", "11:01:03"));
    assertEquals(List.of(3, 3), starRocks(0, 1900, action3, BROWSE, CLICK, SR_ORDER));
    assertEquals(List.of(3, 1), starRocks(4, 1900, action3, BROWSE, CLICK, SR_ORDER));
    // The note (§4.4): Doris gives the same answers on SR2..SR7 with the equivalent string modes.
    assertEquals(List.of(4, 1), doris("default", 1800, action1, BROWSE, CLICK, SR_ORDER, SR_PAY));
    assertEquals(List.of(3, 1), doris("deduplication", 1800, action1, BROWSE, CLICK, SR_ORDER, SR_PAY));
    assertEquals(List.of(3, 1), doris("default", 1900, action2, BROWSE, CLICK, SR_ORDER, SR_PAY));
    assertEquals(List.of(2, 1), doris("fixed", 1900, action2, BROWSE, CLICK, SR_ORDER, SR_PAY));
    assertEquals(List.of(3, 3), doris("default", 1900, action3, BROWSE, CLICK, SR_ORDER));
    assertEquals(List.of(3, 1), doris("increase", 1900, action3, BROWSE, CLICK, SR_ORDER));
  }

  @Test void starRocksBeUnitTest() {
    // SR8 test_window_funnel: one row 2022-06-10 12:30:30, conditions [true, true], mode 2, window 1800: one event
    // per true condition, so one row is two steps.
    assertEquals(2, starRocksBits(2, 1800, new long[] {t("2022-06-10 12:30:30")}, "11"));
  }

  @Test void starRocksOnDorisData() {
    // §3.5 and §4.3: the StarRocks model's answers on Doris' data (model-derived, not from a StarRocks test).
    assertEquals(List.of(5, 4, 3, 3), starRocks(0, 3_600_000_000L, U1, LOGIN, LOGIN, VISIT, ORDER, PAY));
    assertEquals(List.of(4, 3, 2, 2), starRocks(0, 3_600_000_000L, U1, LOGIN, isNot("visit"), ORDER, PAY));
    final List<Ev> dedup0 = concat(user123("login", "10:01:00", "visit", "10:02:00", "order", "10:04:00", "login",
        "10:04:00", "login1", "10:04:00", "login2", "10:04:00", "login3", "10:04:00", "login4", "10:04:00", "login5",
        "10:04:00", "pay", "10:10:00"), OTHERS);
    assertEquals(List.of(4, 3, 2, 2), starRocks(1, 3600, dedup0, LOGIN, VISIT, ORDER, PAY));
    // (ts, condition) order puts the repeated visit at 10:04 before order: the chain ends at 2.
    final List<Ev> dedup1 = concat(user123("login", "10:01:00", "visit", "10:02:00", "order", "10:04:00", "login1",
        "10:04:00", "login2", "10:04:00", "login3", "10:04:00", "login4", "10:04:00", "login5", "10:04:00", "visit",
        "10:04:00", "pay", "10:10:00"), OTHERS);
    assertEquals(List.of(2, 3, 2, 2), starRocks(1, 3600, dedup1, LOGIN, VISIT, ORDER, PAY));
    assertEquals(List.of(4, 3, 2, 2), starRocks(2, 3600, concat(user123("login", "10:01:00", "visit", "10:02:00",
        "login", "10:03:00", "order", "10:04:00", "pay", "10:10:00"), OTHERS), LOGIN, VISIT, ORDER, PAY));
    // A11 (neq): 3 in StarRocks, 2 in Doris.
    assertEquals(3, values(WindowFunnelSpec.starRocks(3, 86400, 0), A_TIMES, A_XWHAT, x -> x == 1, x -> x != 2,
        x -> x == 3));
    // T6 (StarRocks model: 4), T8 (3), T9 (4).
    assertEquals(4, starRocksBits(1, 10, every(0, 1, 5), "1000", "0100", "1000", "0010", "0001"));
    final long[] t8 = {t("2022-03-12 10:41:00"), t("2022-03-12 13:28:02"), t("2022-03-12 16:15:01"),
        t("2022-03-12 19:05:04")};
    assertEquals(3, starRocksBits(0, DAY, t8, "110", "000", "011", "010"));
    assertEquals(4, starRocksBits(0, DAY, new long[] {0}, "1111"));
  }

  @Test void starRocksIncreaseEnforcedBetweenSteps1And2InEveryMode() {
    // §3.4 quirk: A@0, B@0. Mode 4 gives 1; StarRocks' modes 5 and 6 give 2 because step 1's time is not recorded
    // there. Fixed here: 1 in modes 4..7.
    for (int mode = 4; mode <= 7; mode++) {
      assertEquals(1, starRocksBits(mode, 10, new long[] {0, 0}, "10", "01"), "mode " + mode);
      assertEquals(2, starRocksBits(mode, 10, new long[] {0, 1}, "10", "01"), "mode " + mode);
    }
    for (int mode = 0; mode <= 3; mode++) {
      assertEquals(2, starRocksBits(mode, 10, new long[] {0, 0}, "10", "01"), "mode " + mode);
    }
    // Negative times: unset levels are flags, not -1.
    for (int mode = 0; mode <= 7; mode++) {
      assertEquals(3, starRocksBits(mode, 10, new long[] {-30, -25, -21}, "100", "010", "001"), "mode " + mode);
      assertEquals(2, starRocksBits(mode, 10, new long[] {-30, -25, -19}, "100", "010", "001"), "mode " + mode);
    }
  }

  // ----------------------------------------------------------------------------------------------------------------
  // §5 comparison examples: the Doris V2 and StarRocks columns (Doris increase: the documented answer)

  @Test void comparisonExamples() {
    final long big = 1_000_000;
    // E1: one row with conditions 1 and 2 (default).
    assertEquals(1, dorisBits("default", big, new long[] {0}, "11"));
    assertEquals(2, starRocksBits(0, big, new long[] {0}, "11"));
    // E2: deduplication, A B A C.
    assertEquals(2, letters(WindowFunnelSpec.doris(3, big, "deduplication"), "ABC", "ABAC"));
    assertEquals(3, letters(WindowFunnelSpec.starRocks(3, big, 1), "ABC", "ABAC"));
    // E3: deduplication, A B C B D (Doris doc example).
    assertEquals(3, letters(WindowFunnelSpec.doris(4, big, "deduplication"), "ABCD", "ABCBD"));
    assertEquals(3, letters(WindowFunnelSpec.starRocks(4, big, 1), "ABCD", "ABCBD"));
    // E4: deduplication, A B B A B C.
    assertEquals(3, letters(WindowFunnelSpec.doris(3, big, "deduplication"), "ABC", "ABBABC"));
    assertEquals(3, letters(WindowFunnelSpec.starRocks(3, big, 1), "ABC", "ABBABC"));
    // E5: fixed, A X B with X matching nothing.
    assertEquals(2, letters(WindowFunnelSpec.doris(2, big, "fixed"), "AB", "AXB"));
    assertEquals(2, letters(WindowFunnelSpec.starRocks(2, big, 2), "AB", "AXB"));
    // E6: fixed, A B B C.
    assertEquals(2, letters(WindowFunnelSpec.doris(3, big, "fixed"), "ABC", "ABBC"));
    assertEquals(3, letters(WindowFunnelSpec.starRocks(3, big, 2), "ABC", "ABBC"));
    // E7: fixed, A C A B C.
    assertEquals(3, letters(WindowFunnelSpec.doris(3, big, "fixed"), "ABC", "ACABC"));
    assertEquals(3, letters(WindowFunnelSpec.starRocks(3, big, 2), "ABC", "ACABC"));
    // E7b: fixed, A B D C (Doris doc example).
    assertEquals(2, letters(WindowFunnelSpec.doris(4, big, "fixed"), "ABCD", "ABDC"));
    assertEquals(2, letters(WindowFunnelSpec.starRocks(4, big, 2), "ABCD", "ABDC"));
    // E8: increase, A@0 B@0 B@1 C@2: 3 (V2; V1 gives 1).
    assertEquals(3, dorisBits("increase", big, new long[] {0, 0, 1, 2}, "100", "010", "010", "001"));
    assertEquals(3, starRocksBits(4, big, new long[] {0, 0, 1, 2}, "100", "010", "010", "001"));
    // E9: increase, window 10, A@0 B@1 B@2 C@2: Doris 3, the documented answer (V1, PR #68093; V2 code before it: 2).
    // StarRocks keeps the latest B and gives 2.
    assertEquals(3, dorisBits("increase", 10, new long[] {0, 1, 2, 2}, "100", "010", "010", "001"));
    assertEquals(2, starRocksBits(4, 10, new long[] {0, 1, 2, 2}, "100", "010", "010", "001"));
    // E10: default, window 10: the window is inclusive.
    assertEquals(2, dorisBits("default", 10, new long[] {0, 10}, "10", "01"));
    assertEquals(1, dorisBits("default", 10, new long[] {0, 11}, "10", "01"));
    assertEquals(2, starRocksBits(0, 10, new long[] {0, 10}, "10", "01"));
    assertEquals(1, starRocksBits(0, 10, new long[] {0, 11}, "10", "01"));
    // E12: default, B@0 A@0 C@1 in that input order: Doris gives 1; our tie order puts A (mask 001) before B (010),
    // so 3, as StarRocks.
    assertEquals(3, dorisBits("default", big, new long[] {0, 0, 1}, "010", "100", "001"));
    assertEquals(3, starRocksBits(0, big, new long[] {0, 0, 1}, "010", "100", "001"));
    // E12b: A@0 B@0 C@1.
    assertEquals(3, dorisBits("default", big, new long[] {0, 0, 1}, "100", "010", "001"));
    assertEquals(3, starRocksBits(0, big, new long[] {0, 0, 1}, "100", "010", "001"));
    // E15: fixed, A B A B C.
    assertEquals(3, letters(WindowFunnelSpec.doris(3, big, "fixed"), "ABC", "ABABC"));
    assertEquals(3, letters(WindowFunnelSpec.starRocks(3, big, 2), "ABC", "ABABC"));
  }

  // ----------------------------------------------------------------------------------------------------------------
  // Accumulator contract

  @Test void emptyGroupsAndIgnoredRows() {
    for (WindowFunnelSpec spec : List.of(WindowFunnelSpec.doris(3, 10, "default"),
        WindowFunnelSpec.doris(3, 10, "fixed"), WindowFunnelSpec.starRocks(3, 10, 7))) {
      final WindowFunnelAccumulator acc = new WindowFunnelAccumulator(spec);
      assertEquals(0, acc.level(), spec.toString());
      // No condition, or only bits beyond the steps: ignored.
      acc.add(0, 0);
      acc.add(1, 0b1000);
      acc.add(2, 0xFFFF_FFF8);
      assertEquals(0, acc.level(), spec.toString());
      // Bits beyond the steps are dropped from a row that matches something.
      acc.add(3, 0b1001);
      acc.add(4, 0b1010);
      assertEquals(2, acc.level(), spec.toString());
      acc.reset();
      assertEquals(0, acc.level(), spec.toString());
    }
  }

  @Test void thirtyTwoSteps() {
    final long[] ts = every(-100, 1, 32);
    final int[] masks = new int[32];
    for (int k = 0; k < 32; k++) {
      masks[k] = 1 << k;
    }
    assertEquals(32, level(WindowFunnelSpec.doris(32, 31, "default"), ts, masks));
    assertEquals(31, level(WindowFunnelSpec.doris(32, 30, "increase"), ts, masks));
    assertEquals(32, level(WindowFunnelSpec.doris(32, 31, "deduplication"), ts, masks));
    assertEquals(32, level(WindowFunnelSpec.doris(32, 31, "fixed"), ts, masks));
    for (int mode = 0; mode <= 7; mode++) {
      assertEquals(32, level(WindowFunnelSpec.starRocks(32, 31, mode), ts, masks), "mode " + mode);
      assertEquals(31, level(WindowFunnelSpec.starRocks(32, 30, mode), ts, masks), "mode " + mode);
    }
    // Condition 32 alone, on every row: no step 1.
    final int[] last = new int[32];
    Arrays.fill(last, 1 << 31);
    assertEquals(0, level(WindowFunnelSpec.doris(32, 31, "default"), ts, last));
    assertEquals(0, level(WindowFunnelSpec.starRocks(32, 31, 3), ts, last));
  }
}
