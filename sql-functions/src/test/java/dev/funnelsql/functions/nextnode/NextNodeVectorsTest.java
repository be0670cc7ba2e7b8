package dev.funnelsql.functions.nextnode;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;

import java.util.ArrayList;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.function.Function;
import org.junit.jupiter.api.Test;

/**
 * Known answers: every query of ClickHouse's stateless test 01656_sequence_next_node_long, the examples of the
 * ClickHouse documentation and the hand-worked examples of the research note (notes/research/ch-next-node.md).
 *
 * <p>Rows are written {@code t:value} or {@code t:value/referrer}; {@code NULL} stands for SQL NULL. As the
 * function's caller, {@link #evaluate} drops a row whose value or condition is NULL (ClickHouse's Null combinator
 * drops the whole row), and adds every group both in the written order and reversed, since the answer must not
 * depend on the order of rows.
 */
class NextNodeVectorsTest {

  /** 2000-01-02 09:00:00 UTC in seconds: the test's rows are at 09:00:SS, written here as SS. */
  private static final long EPOCH = 946_803_600L;

  // ---------------------------------------------------------------------------------------------------------------
  // 01656_sequence_next_node_long (.sql @100597092b, .reference @15f68c655d), tables and queries as in the note's
  // sections 3.1 and 3.3.
  // ---------------------------------------------------------------------------------------------------------------

  /**
   * Table test_sequenceNextNode (action String): id | rows in time order. Id 11 has four rows in the same second,
   * ordered by value (A &lt; B &lt; C &lt; D); id 12 has two identical rows, whose order cannot matter.
   */
  private static final String TABLE_S = """
      1  | 1:A 2:B 3:C 4:D
      2  | 1:B 2:B 3:D 4:C
      3  | 1:A 2:B
      4  | 1:A 2:A 3:A 4:B 5:C
      5  | 1:A 2:B 3:A 4:C
      6  | 1:A 2:B 3:A 4:B 5:C
      10 | 1:A 2:B 3:C 4:D
      11 | 1:A 1:B 1:C 1:D
      12 | 1:A 1:A
      """;

  /**
   * Table test_sequenceNextNode_Nullable (action Nullable(String)): as TABLE_S without id 12, and id 10 has a NULL
   * action at second 2, which ClickHouse drops before sorting (kept, as '' it would sort before B).
   */
  private static final String TABLE_N = """
      1  | 1:A 2:B 3:C 4:D
      2  | 1:B 2:B 3:D 4:C
      3  | 1:A 2:B
      4  | 1:A 2:A 3:A 4:B 5:C
      5  | 1:A 2:B 3:A 4:C
      6  | 1:A 2:B 3:A 4:B 5:C
      10 | 1:A 2:B 2:NULL 3:C 4:D
      11 | 1:A 1:B 1:C 1:D
      """;

  /** Table test_base_condition: id | rows t:action/referrer in time order. */
  private static final String TABLE_BC = """
      1  | 1:A/1 2:B/2 3:C/3 4:D/4
      2  | 1:D/4 2:C/3 3:B/2 4:A/1
      3  | 1:B/10 2:B/2 3:D/3 4:C/4
      """;

  /**
   * The 01656 queries (the note's table in section 3.3, its labels there), except S93, see {@link #maxArgs()}.
   * Columns: note's number (N = Nullable table, S = String table, BC = base-condition table) | direction | base |
   * base_condition (1 = constant true, ref='x' = referrer = 'x') | events (X means action = 'X'; - = none) |
   * groups | expected. Groups "1-6" are ids 1 to 6, "all" ids 1 to 6, 10 and 11 (the ids present when the query
   * ran); the expected values are in id order. "having=V" is a count() over the id-11 group HAVING next node = V
   * (IS NULL for NULL), expected 1 or 0. None of these answers depends on an undefined tie order (note, 3.4): id
   * 11's same-second rows are ordered by value, as in ClickHouse, and id 12's twins are identical.
   */
  private static final String QUERIES_01656 = """
      N1    | forward  | head        | 1       | A     | 1-6         | B NULL B A B B
      N2    | forward  | head        | 1       | B     | 1-6         | NULL B NULL NULL NULL NULL
      N3    | forward  | head        | 1       | C     | 1-6         | NULL NULL NULL NULL NULL NULL
      N4    | forward  | head        | 1       | D     | 1-6         | NULL NULL NULL NULL NULL NULL
      N5    | forward  | head        | 1       | E     | 1-6         | NULL NULL NULL NULL NULL NULL
      N6    | backward | tail        | 1       | A     | 1-6         | NULL NULL NULL NULL NULL NULL
      N7    | backward | tail        | 1       | B     | 1-6         | NULL NULL A NULL NULL NULL
      N8    | backward | tail        | 1       | C     | 1-6         | NULL D NULL B A B
      N9    | backward | tail        | 1       | D     | 1-6         | C NULL NULL NULL NULL NULL
      N10   | backward | tail        | 1       | E     | 1-6         | NULL NULL NULL NULL NULL NULL
      N11   | forward  | head        | 1       | A,B   | 1-6         | C NULL NULL NULL A A
      N12   | forward  | head        | 1       | A,C   | 1-6         | NULL NULL NULL NULL NULL NULL
      N13   | forward  | head        | 1       | B,A   | 1-6         | NULL NULL NULL NULL NULL NULL
      N14   | backward | tail        | 1       | A,B   | 1-6         | NULL NULL NULL NULL NULL NULL
      N15   | backward | tail        | 1       | A,C   | 1-6         | NULL NULL NULL NULL NULL NULL
      N16   | backward | tail        | 1       | B,A   | 1-6         | NULL NULL NULL NULL NULL NULL
      N17   | forward  | head        | 1       | A,A,B | 1-6         | NULL NULL NULL NULL NULL NULL
      N18   | forward  | head        | 1       | B,A,A | 1-6         | NULL NULL NULL NULL NULL NULL
      N19   | backward | tail        | 1       | A,A,B | 1-6         | NULL NULL NULL NULL NULL NULL
      N20   | backward | tail        | 1       | B,A,A | 1-6         | NULL NULL NULL NULL NULL NULL
      N21   | forward  | head        | 1       | A     | 10          | B
      N22   | forward  | head        | 1       | A,B   | 10          | C
      N23   | forward  | head        | 1       | B,C   | 10          | NULL
      N24   | backward | tail        | 1       | C     | 10          | NULL
      N25   | backward | tail        | 1       | D,C   | 10          | B
      N26   | backward | tail        | 1       | D,C,B | 10          | A
      N27   | forward  | head        | 1       | A     | having=B    | 1
      N28   | forward  | head        | 1       | C     | having=D    | 0
      N29   | forward  | head        | 1       | B,C   | having=D    | 0
      N30   | forward  | head        | 1       | A,B,C | having=D    | 1
      N31   | backward | tail        | 1       | A     | having=NULL | 1
      N32   | backward | tail        | 1       | C     | having=B    | 0
      N33   | backward | tail        | 1       | C,B   | having=A    | 0
      N34   | backward | tail        | 1       | C,B,A | having=NULL | 1
      N35   | forward  | head        | 1       | -     | 1-6         | A B A A A A
      N36   | backward | tail        | 1       | -     | 1-6         | D C B C C C
      N37   | forward  | first_match | 1       | A     | all         | B NULL B A B B B B
      N38   | forward  | first_match | 1       | A,B   | all         | C NULL NULL NULL A A C C
      N39   | forward  | first_match | 1       | A,B,C | all         | D NULL NULL NULL NULL NULL D D
      N40   | forward  | first_match | 1       | B     | all         | C B NULL C A A C C
      N41   | forward  | first_match | 1       | B,B   | all         | NULL D NULL NULL NULL NULL NULL NULL
      N42   | forward  | first_match | 1       | B,A   | all         | NULL NULL NULL NULL C B NULL NULL
      N43   | backward | first_match | 1       | A     | all         | NULL NULL NULL NULL NULL NULL NULL NULL
      N44   | backward | first_match | 1       | B     | all         | A NULL A A A A A A
      N45   | backward | first_match | 1       | B,A   | all         | NULL NULL NULL A NULL NULL NULL NULL
      N46   | backward | first_match | 1       | B,B   | all         | NULL NULL NULL NULL NULL NULL NULL NULL
      S47   | forward  | head        | 1       | A     | 1-6         | B NULL B A B B
      S48   | forward  | head        | 1       | B     | 1-6         | NULL B NULL NULL NULL NULL
      S49   | forward  | head        | 1       | C     | 1-6         | NULL NULL NULL NULL NULL NULL
      S50   | forward  | head        | 1       | D     | 1-6         | NULL NULL NULL NULL NULL NULL
      S51   | forward  | head        | 1       | E     | 1-6         | NULL NULL NULL NULL NULL NULL
      S52   | backward | tail        | 1       | A     | 1-6         | NULL NULL NULL NULL NULL NULL
      S53   | backward | tail        | 1       | B     | 1-6         | NULL NULL A NULL NULL NULL
      S54   | backward | tail        | 1       | C     | 1-6         | NULL D NULL B A B
      S55   | backward | tail        | 1       | D     | 1-6         | C NULL NULL NULL NULL NULL
      S56   | backward | tail        | 1       | E     | 1-6         | NULL NULL NULL NULL NULL NULL
      S57   | forward  | head        | 1       | A,B   | 1-6         | C NULL NULL NULL A A
      S58   | forward  | head        | 1       | A,C   | 1-6         | NULL NULL NULL NULL NULL NULL
      S59   | forward  | head        | 1       | B,A   | 1-6         | NULL NULL NULL NULL NULL NULL
      S60   | backward | tail        | 1       | A,B   | 1-6         | NULL NULL NULL NULL NULL NULL
      S61   | backward | tail        | 1       | A,C   | 1-6         | NULL NULL NULL NULL NULL NULL
      S62   | backward | tail        | 1       | B,A   | 1-6         | NULL NULL NULL NULL NULL NULL
      S63   | forward  | head        | 1       | A,A,B | 1-6         | NULL NULL NULL NULL NULL NULL
      S64   | forward  | head        | 1       | B,A,A | 1-6         | NULL NULL NULL NULL NULL NULL
      S65   | backward | tail        | 1       | A,A,B | 1-6         | NULL NULL NULL NULL NULL NULL
      S66   | backward | tail        | 1       | B,A,A | 1-6         | NULL NULL NULL NULL NULL NULL
      S67   | forward  | head        | 1       | A     | 10          | B
      S68   | forward  | head        | 1       | A,B   | 10          | C
      S69   | forward  | head        | 1       | B,C   | 10          | NULL
      S70   | backward | tail        | 1       | C     | 10          | NULL
      S71   | backward | tail        | 1       | D,C   | 10          | B
      S72   | backward | tail        | 1       | D,C,B | 10          | A
      S73   | forward  | head        | 1       | A     | having=B    | 1
      S74   | forward  | head        | 1       | C     | having=D    | 0
      S75   | forward  | head        | 1       | B,C   | having=D    | 0
      S76   | forward  | head        | 1       | A,B,C | having=D    | 1
      S77   | backward | tail        | 1       | A     | having=NULL | 1
      S78   | backward | tail        | 1       | C     | having=B    | 0
      S79   | backward | tail        | 1       | C,B   | having=A    | 0
      S80   | backward | tail        | 1       | C,B,A | having=NULL | 1
      S81   | forward  | head        | 1       | -     | 1-6         | A B A A A A
      S82   | backward | tail        | 1       | -     | 1-6         | D C B C C C
      S83   | forward  | first_match | 1       | A     | all         | B NULL B A B B B B
      S84   | forward  | first_match | 1       | A,B   | all         | C NULL NULL NULL A A C C
      S85   | forward  | first_match | 1       | A,B,C | all         | D NULL NULL NULL NULL NULL D D
      S86   | forward  | first_match | 1       | B     | all         | C B NULL C A A C C
      S87   | forward  | first_match | 1       | B,B   | all         | NULL D NULL NULL NULL NULL NULL NULL
      S88   | forward  | first_match | 1       | B,A   | all         | NULL NULL NULL NULL C B NULL NULL
      S89   | backward | first_match | 1       | A     | all         | NULL NULL NULL NULL NULL NULL NULL NULL
      S90   | backward | first_match | 1       | B     | all         | A NULL A A A A A A
      S91   | backward | first_match | 1       | B,A   | all         | NULL NULL NULL A NULL NULL NULL NULL
      S92   | backward | first_match | 1       | B,B   | all         | NULL NULL NULL NULL NULL NULL NULL NULL
      S94   | forward  | head        | 1       | A     | 12          | A
      BC95  | forward  | head        | ref='1' | -     | 1-3         | A NULL NULL
      BC96  | forward  | head        | ref='1' | A     | 1-3         | B NULL NULL
      BC97  | forward  | head        | ref='1' | A,B   | 1-3         | C NULL NULL
      BC98  | backward | tail        | ref='1' | -     | 1-3         | NULL A NULL
      BC99  | backward | tail        | ref='1' | A     | 1-3         | NULL B NULL
      BC100 | backward | tail        | ref='1' | A,B   | 1-3         | NULL C NULL
      BC101 | forward  | first_match | ref='2' | B     | 1-3         | C A D
      BC102 | forward  | first_match | ref='2' | B,C   | 1-3         | D NULL NULL
      BC103 | backward | first_match | ref='2' | B     | 1-3         | A C B
      BC104 | backward | first_match | ref='2' | B,A   | 1-3         | NULL NULL NULL
      """;

  @Test
  void clickHouse01656() {
    int queries = 0;
    for (String line : QUERIES_01656.strip().split("\n")) {
      String[] c = line.split("\\|");
      String ref = c[0].strip();
      String direction = c[1].strip();
      String base = c[2].strip();
      Function<Row, Boolean> baseCondition = parseBaseCondition(c[3].strip());
      String[] events = "-".equals(c[4].strip()) ? new String[0] : c[4].strip().split(",");
      String groups = c[5].strip();
      String[] expected = c[6].strip().split(" ");
      Map<Integer, List<Row>> table = parseTable(
          ref.startsWith("BC") ? TABLE_BC : ref.startsWith("N") ? TABLE_N : TABLE_S);
      if (groups.startsWith("having=")) {
        String wanted = nullIfNull(groups.substring("having=".length()));
        String actual = evaluate(direction, base, table.get(11), baseCondition, events);
        int count = Objects.equals(wanted, actual) ? 1 : 0;
        assertEquals(Integer.parseInt(expected[0]), count, ref + ": id 11 gave " + actual);
      } else {
        List<Integer> ids = idsOf(groups);
        assertEquals(ids.size(), expected.length, ref);
        for (int i = 0; i < ids.size(); i++) {
          String actual = evaluate(direction, base, table.get(ids.get(i)), baseCondition, events);
          assertEquals(nullIfNull(expected[i]), actual, ref + ", id " + ids.get(i));
        }
      }
      queries++;
    }
    // with S93 (maxArgs) all 104 SELECTs of the test
    assertEquals(103, queries);
  }

  /**
   * 01656 S93 "(max_args)": forward, head with 64 events action = '0' ... action = '63' gives NULL for every id
   * (each group has at most 5 rows, fewer than the events). ClickHouse accepts 64 event conditions; we accept 31,
   * so the query itself is an error here, and the same query with 31 events gives the same NULLs.
   */
  @Test
  void maxArgs() {
    assertThrows(IllegalArgumentException.class, () -> NextNodeSpec.of("forward", "head", 64));
    String[] events = new String[NextNodeSpec.MAX_EVENTS];
    for (int k = 0; k < events.length; k++) {
      events[k] = Integer.toString(k);
    }
    Map<Integer, List<Row>> table = parseTable(TABLE_S);
    for (int id : idsOf("all")) {
      assertNull(evaluate("forward", "head", table.get(id), r -> true, events), "id " + id);
    }
    // a group long enough for the 31-event chain: values 0..30 then the answer
    List<Row> chain = new ArrayList<>();
    for (int k = 0; k <= 31; k++) {
      chain.add(new Row(k, k < 31 ? Integer.toString(k) : "next", null));
    }
    assertEquals("next", evaluate("forward", "head", chain, r -> true, events));
  }

  // ---------------------------------------------------------------------------------------------------------------
  // ClickHouse documentation, parametric-functions.md, sequenceNextNode (docs @8c27c9e1; note, appendix B).
  // ---------------------------------------------------------------------------------------------------------------

  /** Docs, introductory example: pages A, B, C, D, E; forward, head, base_condition page = 'A', events A, B. */
  @Test
  void docsIntroduction() {
    assertEquals("C", evaluate("forward", "head", rows("1:A 2:B 3:C 4:D 5:E"), valueIs("A"), "A", "B"));
  }

  /** Docs, table test_flow: ids 1 = Home Gift Exit, 2 = Home Home Gift Basket, 3 = Gift Home Gift Basket. */
  @Test
  void docsTestFlow() {
    List<List<Row>> flow = List.of(
        rows("1:Home 2:Gift 3:Exit"),
        rows("1:Home 2:Home 3:Gift 4:Basket"),
        rows("1:Gift 2:Home 3:Gift 4:Basket"));
    assertFlow(flow, "forward", "head", valueIs("Home"), new String[] {"Home", "Gift"}, "Exit", null, null);
    assertFlow(flow, "backward", "tail", valueIs("Basket"), new String[] {"Basket", "Gift"}, null, "Home", "Home");
    assertFlow(flow, "forward", "first_match", valueIs("Gift"), new String[] {"Gift"}, "Exit", "Basket", "Home");
    assertFlow(flow, "forward", "first_match", valueIs("Gift"), new String[] {"Gift", "Home"}, null, null, "Gift");
    assertFlow(flow, "backward", "last_match", valueIs("Gift"), new String[] {"Gift"}, "Home", "Home", "Home");
    assertFlow(flow, "backward", "last_match", valueIs("Gift"), new String[] {"Gift", "Home"}, null, "Home", "Gift");
  }

  /** Docs, "Behavior for base_condition": table test_flow_basecond (1,A,ref4) (2,A,ref3) (3,B,ref2) (4,B,ref1). */
  @Test
  void docsBaseCondition() {
    List<Row> flow = rows("1:A/ref4 2:A/ref3 3:B/ref2 4:B/ref1");
    // the head row has ref4, so base_condition fails on it: no search for another row
    assertNull(evaluate("forward", "head", flow, refIs("ref1"), "A"));
    // the tail row has ref1
    assertNull(evaluate("backward", "tail", flow, refIs("ref4"), "B"));
    // base = the first row with page A and ref3 (the 2nd row)
    assertEquals("B", evaluate("forward", "first_match", flow, refIs("ref3"), "A"));
    // base = the last row with page B and ref2 (the 3rd row); the answer is the row before it
    assertEquals("A", evaluate("backward", "last_match", flow, refIs("ref2"), "B"));
  }

  // ---------------------------------------------------------------------------------------------------------------
  // The note's hand-worked examples (section 5): E1-E12 on Home Gift Home Gift Basket Exit at t = 1..6.
  // ---------------------------------------------------------------------------------------------------------------

  private static final String WALK = "1:Home 2:Gift 3:Home 4:Gift 5:Basket 6:Exit";

  @Test
  void noteExamplesOnOneWalk() {
    List<Row> walk = rows(WALK);
    Function<Row, Boolean> yes = r -> true;
    // E1: base 0; Home, Gift hold on rows 0, 1; answer row 2
    assertEquals("Home", evaluate("forward", "head", walk, yes, "Home", "Gift"));
    // E2: the head row fails base_condition: NULL without a search
    assertNull(evaluate("forward", "head", walk, valueIs("Gift"), "Home", "Gift"));
    // E3: base = first Gift (row 1), followed by Home: NULL, no retry at row 3
    assertNull(evaluate("forward", "first_match", walk, yes, "Gift", "Basket"));
    // E4: base = last Gift (row 3), Basket on row 4, answer row 5
    assertEquals("Exit", evaluate("forward", "last_match", walk, yes, "Gift", "Basket"));
    // E5: first row with Gift and t >= 3 is row 3
    assertEquals("Basket", evaluate("forward", "first_match", walk, r -> r.ts >= EPOCH + 3, "Gift"));
    // E6: the chain ends on the last row: no next row
    assertNull(evaluate("forward", "last_match", walk, yes, "Basket", "Exit"));
    // E7: backward from the tail: Exit on row 5, Basket on row 4, answer row 3
    assertEquals("Gift", evaluate("backward", "tail", walk, yes, "Exit", "Basket"));
    // E8: base = first Gift (row 1), answer row 0
    assertEquals("Home", evaluate("backward", "first_match", walk, yes, "Gift"));
    // E9: base = last Gift (row 3), Home on row 2, answer row 1
    assertEquals("Gift", evaluate("backward", "last_match", walk, yes, "Gift", "Home"));
    // E10: the chain would use row 0, leaving no row before it
    assertNull(evaluate("backward", "last_match", walk, yes, "Gift", "Home", "Gift", "Home"));
    // E11, E12: no events: the base row itself
    assertEquals("Home", evaluate("forward", "head", walk, yes));
    assertEquals("Exit", evaluate("backward", "tail", walk, yes));
  }

  /** The note's tie and NULL examples E13-E17 (section 5). */
  @Test
  void noteTieAndNullExamples() {
    Function<Row, Boolean> yes = r -> true;
    // E13, E14: the t = 2 tie is ordered by value: X, A, B, C
    assertEquals("A", evaluate("forward", "head", rows("1:X 2:B 2:A 3:C"), yes, "X"));
    assertEquals("B", evaluate("forward", "first_match", rows("1:X 2:B 2:A 3:C"), yes, "A"));
    // E15: byte order, upper case first and a prefix before its extensions: A, B, a, ab
    assertEquals("B", evaluate("forward", "head", rows("1:A 2:ab 2:a 2:B"), yes, "A"));
    // E16: the NULL row is dropped entirely, it does not break the chain
    assertEquals("B", evaluate("forward", "head", rows("1:A 2:NULL 3:B"), yes, "A"));
    // E17: row 1's base_condition is NULL (ref is NULL), so the row is dropped and B is the head
    assertEquals("C", evaluate("forward", "head", rows("1:A/NULL 2:B/x 3:C/x"), refIs("x"), "B"));
  }

  // ---------------------------------------------------------------------------------------------------------------
  // A newer ClickHouse coverage test found by the note (section "Extra (non-01656) test"): no .reference was seen;
  // the values are the note's model results, which also match the expectations in that test's comments.
  // ---------------------------------------------------------------------------------------------------------------

  @Test
  void newerCoverageTest() {
    List<Row> group = rows("0:X 1:A 2:B 3:C 4:A 5:B 6:D");
    assertEquals("B", evaluate("forward", "head", group, valueIn("X", "A", "B"), "X", "A"));
    assertEquals("C", evaluate("forward", "first_match", group, valueIn("X", "A", "B"), "A", "B"));
    assertEquals("D", evaluate("forward", "last_match", group, valueIn("X", "A", "B"), "A", "B"));
    assertEquals("A", evaluate("backward", "tail", group, valueIn("A", "B", "D"), "D", "B"));
    assertEquals("X", evaluate("backward", "first_match", group, valueIn("A", "B"), "B", "A"));
    assertEquals("C", evaluate("backward", "last_match", group, valueIn("A", "B"), "B", "A"));
    Function<Row, Boolean> yes = r -> true;
    assertEquals("B", evaluate("forward", "first_match", rows("0:A 1:C 2:B"), yes, "A", "C"));
    assertNull(evaluate("forward", "first_match", rows("0:X 1:A 2:C"), yes, "A", "C"));
    assertNull(evaluate("forward", "first_match", rows("0:A"), yes, "A", "B", "C"));
    assertNull(evaluate("forward", "first_match", rows(""), yes, "A"));
    String[] letters = {"A", "B", "C", "D", "E", "F", "G", "H", "I"};
    assertEquals("I", evaluate("forward", "first_match", rows("0:A 1:B 2:C 3:D 4:E 5:F 6:G 7:H 8:I"),
        valueIn(letters), "A", "B", "C", "D", "E", "F", "G", "H"));
  }

  // ---------------------------------------------------------------------------------------------------------------
  // Harness.
  // ---------------------------------------------------------------------------------------------------------------

  /** One table row; value or referrer null for SQL NULL. */
  private static final class Row {
    final long ts;
    final String value;
    final String referrer;

    Row(long seconds, String value, String referrer) {
      this.ts = EPOCH + seconds;
      this.value = value;
      this.referrer = referrer;
    }
  }

  /**
   * Runs SEQUENCE_NEXT_NODE(direction, base, ts, value, baseCondition, value = events[0], ...) over the rows, added
   * in the given order and reversed; both must agree.
   */
  private static String evaluate(String direction, String base, List<Row> rows, Function<Row, Boolean> baseCondition,
                                 String... events) {
    List<Row> reversed = new ArrayList<>(rows);
    Collections.reverse(reversed);
    String forwardOrder = evaluateInOrder(direction, base, rows, baseCondition, events);
    String reverseOrder = evaluateInOrder(direction, base, reversed, baseCondition, events);
    assertEquals(forwardOrder, reverseOrder, "answer depends on the order of rows");
    return forwardOrder;
  }

  private static String evaluateInOrder(String direction, String base, List<Row> rows,
                                        Function<Row, Boolean> baseCondition, String... events) {
    NextNodeAccumulator acc = new NextNodeAccumulator(NextNodeSpec.of(direction, base, events.length));
    for (Row row : rows) {
      Boolean bc = row.value == null ? null : baseCondition.apply(row);
      if (row.value == null || bc == null) {
        // the caller drops a row with any NULL argument; value = 'X' is NULL when value is NULL
        continue;
      }
      int mask = bc ? 1 : 0;
      for (int k = 1; k <= events.length; k++) {
        mask |= row.value.equals(events[k - 1]) ? 1 << k : 0;
      }
      acc.add(row.ts, row.value, mask);
    }
    return acc.result();
  }

  private static void assertFlow(List<List<Row>> groups, String direction, String base,
                                 Function<Row, Boolean> baseCondition, String[] events, String... expected) {
    for (int i = 0; i < groups.size(); i++) {
      assertEquals(expected[i], evaluate(direction, base, groups.get(i), baseCondition, events),
          direction + ", " + base + ", " + String.join("->", events) + ", id " + (i + 1));
    }
  }

  /** Parses {@code "t:value t:value/referrer ..."}. */
  private static List<Row> rows(String text) {
    List<Row> rows = new ArrayList<>();
    for (String item : text.strip().split("\\s+")) {
      if (item.isEmpty()) {
        continue;
      }
      int colon = item.indexOf(':');
      int slash = item.indexOf('/');
      String value = item.substring(colon + 1, slash < 0 ? item.length() : slash);
      String referrer = slash < 0 ? null : nullIfNull(item.substring(slash + 1));
      rows.add(new Row(Long.parseLong(item.substring(0, colon)), nullIfNull(value), referrer));
    }
    return rows;
  }

  private static Map<Integer, List<Row>> parseTable(String text) {
    Map<Integer, List<Row>> table = new LinkedHashMap<>();
    for (String line : text.strip().split("\n")) {
      String[] c = line.split("\\|");
      table.put(Integer.parseInt(c[0].strip()), rows(c[1]));
    }
    return table;
  }

  private static List<Integer> idsOf(String groups) {
    switch (groups) {
      case "1-6":
        return List.of(1, 2, 3, 4, 5, 6);
      case "1-3":
        return List.of(1, 2, 3);
      case "all":
        return List.of(1, 2, 3, 4, 5, 6, 10, 11);
      default:
        return List.of(Integer.parseInt(groups));
    }
  }

  private static Function<Row, Boolean> parseBaseCondition(String text) {
    if ("1".equals(text)) {
      return r -> true;
    }
    if (text.startsWith("ref='") && text.endsWith("'")) {
      return refIs(text.substring(5, text.length() - 1));
    }
    throw new IllegalArgumentException(text);
  }

  private static Function<Row, Boolean> valueIs(String value) {
    return r -> r.value.equals(value);
  }

  private static Function<Row, Boolean> valueIn(String... values) {
    return r -> List.of(values).contains(r.value);
  }

  /** referrer = 'x', NULL when referrer is NULL. */
  private static Function<Row, Boolean> refIs(String referrer) {
    return r -> r.referrer == null ? null : r.referrer.equals(referrer);
  }

  private static String nullIfNull(String text) {
    return "NULL".equals(text) ? null : text;
  }
}
