package dev.funnelsql.calcite.prepare;

import java.util.Optional;
import java.util.function.Supplier;
import org.apache.calcite.rel.type.RelDataTypeFactory;
import org.apache.calcite.sql.parser.SqlParser;
import org.checkerframework.checker.nullness.qual.Nullable;

/**
 * Finds the literals of a statement that its shared plan takes as parameters: from its tokens alone when a statement
 * of the same shape was parsed before on this connection ({@link LiteralTemplate}), else by parsing it with Calcite's
 * parser (and learning the shape's template for next time).
 */
final class StatementLiterals {
  private StatementLiterals() {
  }

  /** The statement's parameters, or null if it cannot share a plan over its literals. */
  static @Nullable LiteralParameters find(String sql, PlanCache cache, RelDataTypeFactory typeFactory,
      Supplier<SqlParser.Config> parserConfig) {
    final @Nullable LiteralTokens tokens = LiteralTokens.of(sql);
    if (tokens != null) {
      final @Nullable Optional<LiteralTemplate> template = cache.template(tokens.shape());
      if (template != null && template.isPresent()) {
        final @Nullable LiteralParameters read = LiteralParameters.of(sql, tokens, template.get(), typeFactory);
        if (read != null) {
          return read;
        }
      }
    }
    final @Nullable LiteralParameters parsed = LiteralParameters.of(sql, parserConfig.get(), typeFactory);
    if (tokens != null && parsed != null) {
      cache.putTemplate(tokens.shape(), Optional.ofNullable(parsed.template(tokens, typeFactory)));
    }
    return parsed;
  }
}
