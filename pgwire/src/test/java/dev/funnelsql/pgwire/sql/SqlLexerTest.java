package dev.funnelsql.pgwire.sql;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.util.List;
import java.util.SplittableRandom;
import java.util.stream.Collectors;
import org.junit.jupiter.api.Test;

/** PostgreSQL's lexical rules, and that tokens always give back the text they came from. */
class SqlLexerTest {
  private static String kinds(String sql) {
    return SqlLexer.tokenize(sql).stream().filter(Token::significant)
        .map(token -> token.kind().name().charAt(0) + ":" + token.value()).collect(Collectors.joining(" "));
  }

  @Test
  void tokensOfEachKind() {
    assertEquals("W:select Q:Mixed Case S:it's S:tab\there S:dollar $ quoted N:1.5e-3 N:.5 P:12 O:<> O:!~ P:::",
        kinds("SELECT \"Mixed Case\", 'it''s' E'tab\\there' $tag$dollar $ quoted$tag$ 1.5e-3 .5 $12 <> !~ ::")
            .replace(" P:,", "").replace(" P:,", ""));
    assertEquals("W:a O:= O:- N:1 O:+ O:- N:2", kinds("a=-1+-2"));
    assertEquals("W:x O:~* S:^a", kinds("x ~* '^a' -- comment\n/* nested /* block */ comment */"));
  }

  @Test
  void tokensRebuildTheTextExactly() {
    final String[] pieces = {"SELECT", " ", "\n", "'a''b'", "E'\\n'", "\"q\"\"x\"", "$$d$$", "$1", "::", "<>",
        "-- c\n", "/* c */", "1.5", "(", ")", ",", ".", "x_1", "ü"};
    final SplittableRandom random = new SplittableRandom(3);
    for (int i = 0; i < 2000; i++) {
      final StringBuilder sql = new StringBuilder();
      for (int n = random.nextInt(30); n > 0; n--) {
        sql.append(pieces[random.nextInt(pieces.length)]).append(random.nextBoolean() ? " " : "");
      }
      final List<Token> tokens = SqlLexer.tokenize(sql.toString());
      assertEquals(sql.toString(), tokens.stream().map(Token::text).collect(Collectors.joining()));
    }
  }
}
