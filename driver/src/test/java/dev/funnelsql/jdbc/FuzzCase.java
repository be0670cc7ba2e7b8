package dev.funnelsql.jdbc;

import org.checkerframework.checker.nullness.qual.Nullable;

/**
 * One generated bad input and what its error must say.
 *
 * @param category the generator that made it, for the report
 * @param input the SQL, URL or model text (shown when the case fails)
 * @param state the expected SQLState, or null for any (but never {@code XX000}, an internal error)
 * @param fragment text the message must contain (the name of the unknown column, …), or null
 */
record FuzzCase(String category, String input, @Nullable String state, @Nullable String fragment) {
  static FuzzCase of(String category, String input) {
    return new FuzzCase(category, input, null, null);
  }
}
