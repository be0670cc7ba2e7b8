package dev.funnelsql.pgwire.sql;

import dev.funnelsql.pgwire.sql.SqlTree.Element;
import dev.funnelsql.pgwire.sql.SqlTree.Group;
import dev.funnelsql.pgwire.sql.SqlTree.Leaf;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import org.checkerframework.checker.nullness.qual.Nullable;

/**
 * Rewrites the PostgreSQL functions BI tools put in chart SQL into what FunnelSQL runs on every store:
 * {@code DATE_TRUNC('unit', x)} (Superset's time grains) into {@code PERIOD_START} (UTC calendar, ISO weeks) plus
 * whole-unit arithmetic, {@code now()} into {@code CURRENT_TIMESTAMP}, and {@code TO_TIMESTAMP}/{@code TO_DATE} of
 * literals in ISO formats (Superset's filter values) into timestamp and date literals.
 */
final class FunctionRewrite {
  /** Templates over the operand {@code %1$s}; day, week and month are FunnelSQL's own calendar periods. */
  private static final Map<String, String> DATE_TRUNC = Map.of(
      "second", "TIMESTAMPADD(SECOND, EXTRACT(SECOND FROM %1$s), TIMESTAMPADD(MINUTE, EXTRACT(MINUTE FROM %1$s), "
          + "TIMESTAMPADD(HOUR, EXTRACT(HOUR FROM %1$s), PERIOD_START(%1$s, 'day'))))",
      "minute", "TIMESTAMPADD(MINUTE, EXTRACT(MINUTE FROM %1$s), TIMESTAMPADD(HOUR, EXTRACT(HOUR FROM %1$s), "
          + "PERIOD_START(%1$s, 'day')))",
      "hour", "TIMESTAMPADD(HOUR, EXTRACT(HOUR FROM %1$s), PERIOD_START(%1$s, 'day'))",
      "day", "PERIOD_START(%1$s, 'day')",
      "week", "PERIOD_START(%1$s, 'week')",
      "month", "PERIOD_START(%1$s, 'month')",
      "quarter", "TIMESTAMPADD(MONTH, -MOD(EXTRACT(MONTH FROM %1$s) - 1, 3), PERIOD_START(%1$s, 'month'))",
      "year", "TIMESTAMPADD(MONTH, 1 - EXTRACT(MONTH FROM %1$s), PERIOD_START(%1$s, 'month'))");
  private static final Map<String, String> TIMESTAMP_FORMATS = Map.of(
      "yyyy-mm-dd hh24:mi:ss.us", "TIMESTAMP", "yyyy-mm-dd hh24:mi:ss", "TIMESTAMP",
      "yyyy-mm-dd\"t\"hh24:mi:ss.us", "TIMESTAMP", "yyyy-mm-dd", "TIMESTAMP");

  private FunctionRewrite() {
  }

  static void apply(Group tree) {
    SqlTree.bottomUp(tree, group -> rewrite(group.items()));
  }

  private static void rewrite(List<Element> items) {
    for (int i = 0; i < items.size(); i++) {
      final @Nullable Token token = SqlTree.token(items.get(i));
      if (token == null || token.kind() != Token.Kind.WORD) {
        continue;
      }
      final int argsAt = nextSignificant(items, i);
      if (argsAt < 0 || !SqlTree.isParens(items.get(argsAt))) {
        continue;
      }
      final @Nullable String replacement = replacement(token.value(), (Group) items.get(argsAt));
      if (replacement != null) {
        final int start = qualifierStart(items, i);
        items.subList(start, argsAt + 1).clear();
        items.addAll(start, SqlTree.parse(SqlLexer.tokenize(replacement)).items());
        i = start;
      }
    }
    for (int i = 0; i < items.size(); i++) {
      if (SqlTree.isSymbol(items.get(i), "!=")) {
        items.set(i, new Leaf(Token.symbol("<>")));
      }
    }
  }

  private static int nextSignificant(List<Element> items, int from) {
    for (int i = from + 1; i < items.size(); i++) {
      final @Nullable Token token = SqlTree.token(items.get(i));
      if (token == null || token.significant()) {
        return i;
      }
    }
    return -1;
  }

  /** {@code pg_catalog.now()}: the rewrite replaces the qualifier too. */
  private static int qualifierStart(List<Element> items, int at) {
    if (at >= 2 && SqlTree.isSymbol(items.get(at - 1), ".") && SqlTree.isWord(items.get(at - 2), "pg_catalog")) {
      return at - 2;
    }
    return at;
  }

  private static @Nullable String replacement(String function, Group arguments) {
    final List<List<Element>> args = SqlTree.split(arguments.items(), ",");
    switch (function) {
      case "now":
        return args.size() == 1 && SqlTree.render(args.get(0)).isBlank() ? "CURRENT_TIMESTAMP" : null;
      case "date_trunc": {
        final @Nullable String unit = args.size() == 2 ? literal(args.get(0)) : null;
        final @Nullable String template = unit == null ? null : DATE_TRUNC.get(unit.toLowerCase(Locale.ROOT));
        return template == null ? null : String.format(Locale.ROOT, template, SqlTree.render(args.get(1)).strip());
      }
      case "to_timestamp":
      case "to_date": {
        final @Nullable String value = args.size() == 2 ? literal(args.get(0)) : null;
        final @Nullable String format = args.size() == 2 ? literal(args.get(1)) : null;
        if (value == null || format == null || !TIMESTAMP_FORMATS.containsKey(format.toLowerCase(Locale.ROOT))) {
          return null;
        }
        final String type = function.equals("to_date") ? "DATE" : "TIMESTAMP";
        final String text = type.equals("DATE") ? value.strip().substring(0, Math.min(10, value.strip().length()))
            : value.strip().replace('T', ' ');
        return type + " " + Token.string(text.length() == 10 && type.equals("TIMESTAMP") ? text + " 00:00:00" : text)
            .text();
      }
      default:
        return null;
    }
  }

  private static @Nullable String literal(List<Element> argument) {
    final List<Element> significant = new Group("", argument, "").significant();
    final @Nullable Token token = significant.size() == 1 ? SqlTree.token(significant.get(0)) : null;
    return token != null && token.kind() == Token.Kind.STRING ? token.value() : null;
  }
}
