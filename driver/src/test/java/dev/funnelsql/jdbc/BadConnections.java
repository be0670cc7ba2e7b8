package dev.funnelsql.jdbc;

import static dev.funnelsql.jdbc.FuzzWords.pick;
import static dev.funnelsql.jdbc.FuzzWords.word;

import java.util.List;
import java.util.SplittableRandom;

/**
 * Generates connection strings that must fail, each holding the fuzz password in a key and often inside the store
 * URL too: malformed quoting, no store, non-JDBC and unknown-driver URLs, a closed port on the loopback address, a
 * database or role the PostgreSQL server does not have, unsupported H2 settings, a wrong password, unknown schema
 * and events table, a missing model file, an unset {@code passwordEnv}, and Calcite settings with impossible values.
 * Only the loopback address is ever contacted.
 */
final class BadConnections {
  private static final List<Integer> CHEAP = List.of(0, 1, 2, 3, 4, 11, 12, 13);
  private static final List<Integer> EXPENSIVE = List.of(5, 6, 7, 9, 10, 14, 15);

  private BadConnections() {
  }

  /**
   * The {@code i}-th case; the input is a full {@code jdbc:funnelsql:} URL.
   *
   * @param h2 the URL of an H2 store whose password is {@code password}
   * @param postgres the URL of the PostgreSQL server (trusting any password)
   */
  static FuzzCase next(SplittableRandom random, int i, String h2, String postgres, String password) {
    final String secretKey = ";password=" + password;
    final String name = word(random, 3, 9);
    // Cases 0-4 and 11-13 fail before any store is opened; the others open one, so they come less often, and a
    // wrong password least often: H2 makes every login wait after one.
    final int kind = i % 100 == 50 ? 8 : i % 5 != 0 ? CHEAP.get(i % CHEAP.size())
        : EXPENSIVE.get((i / 5) % EXPENSIVE.size());
    switch (kind) {
      case 0:
        return new FuzzCase("connect: unterminated quote", "jdbc:funnelsql:password=" + password + ";url='jdbc:h2:mem:"
            + name + (random.nextBoolean() ? ";x=1" : ""), "08001", "malformed");
      case 1:
        return new FuzzCase("connect: no store", "jdbc:funnelsql:password=" + password + ";" + name + "=" + word(random,
            1, 5), "08001", "needs a model file or the event store's JDBC URL");
      case 2:
        return new FuzzCase("connect: not a JDBC URL", "jdbc:funnelsql:url='" + pick(random, List.of("http://",
            "postgres://", "", "h2:mem:", "jdbc:funnelsql:")) + name + "?password=" + password + "'" + secretKey,
            "08001", null);
      case 3:
        return new FuzzCase("connect: no driver for the URL", "jdbc:funnelsql:url='jdbc:" + name + "x://u:" + password
            + "@127.0.0.1/db?password=" + password + "'" + secretKey, "08001", null);
      case 4:
        return new FuzzCase("connect: closed port", "jdbc:funnelsql:url='jdbc:postgresql://127.0.0.1:1/" + name
            + "?password=" + password + "'" + secretKey, null, "cannot connect to the event store");
      case 5:
        return new FuzzCase("connect: unknown database", "jdbc:funnelsql:url='" + postgres.replace("/postgres?",
            "/" + name + "?") + "&password=" + password + "'" + secretKey, null, name);
      case 6:
        return new FuzzCase("connect: unknown role", "jdbc:funnelsql:url='" + postgres + "';user=" + name + "q"
            + secretKey, null, null);
      case 7:
        return new FuzzCase("connect: unsupported H2 setting", "jdbc:funnelsql:url='jdbc:h2:mem:" + name + ";"
            + word(random, 4, 9).toUpperCase() + "Q=1'" + secretKey, null, null);
      case 8:
        return new FuzzCase("connect: wrong password", "jdbc:funnelsql:url='" + h2 + "';user=sa;password=" + password
            + "-" + name, null, null);
      case 9:
        return new FuzzCase("connect: unknown schema", "jdbc:funnelsql:url='" + h2 + "';user=sa;schema=" + name
            + secretKey, null, name);
      case 10:
        return new FuzzCase("connect: unknown events table", "jdbc:funnelsql:url='" + h2 + "';user=sa;events=" + name
            + secretKey, "42P01", name);
      case 11:
        return new FuzzCase("connect: missing model file", "jdbc:funnelsql:model=/nonexistent/" + name + ".yaml"
            + secretKey, "F0000", "does not exist");
      case 12:
        return new FuzzCase("connect: unset passwordEnv", "jdbc:funnelsql:url='" + h2 + "';user=sa;passwordEnv=FUZZ_"
            + name.toUpperCase(), "08001", "not set");
      case 13:
        return new FuzzCase("connect: password in passwordEnv", "jdbc:funnelsql:url='" + h2 + "';user=sa;passwordEnv='"
            + password + "-" + name + "'", "08001", null);
      case 14:
        return new FuzzCase("connect: H2 database that does not exist", "jdbc:funnelsql:url='jdbc:h2:mem:" + name
            + ";IFEXISTS=TRUE'" + secretKey, null, null);
      default:
        return new FuzzCase("connect: impossible Calcite setting", "jdbc:funnelsql:url='" + h2 + "';user=sa"
            + secretKey + ";" + pick(random, List.of("lex", "conformance", "fun", "parserFactory", "typeSystem",
            "quoting", "defaultNullCollation", "caseSensitive", "materializationsEnabled")) + "=" + word(random, 4, 9)
            + "q", "08001", "the connection property");
    }
  }
}
