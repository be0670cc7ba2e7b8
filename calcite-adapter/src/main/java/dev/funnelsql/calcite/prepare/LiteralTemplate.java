package dev.funnelsql.calcite.prepare;

import java.util.List;

/**
 * Which literal tokens of a statement's shape ({@link LiteralTokens}) are parameters of its shared plan: learnt from
 * one statement that Calcite parsed, and checked to give that statement's own parameters back.
 *
 * @param tokens the indexes of those tokens among the statement's literal tokens, in text order
 * @param negated for each, whether its parameter is the negation ({@code - 5}) of the token
 */
record LiteralTemplate(List<Integer> tokens, List<Boolean> negated) {
  LiteralTemplate {
    tokens = List.copyOf(tokens);
    negated = List.copyOf(negated);
  }
}
