package dev.funnelsql.jdbc;

import java.util.List;
import java.util.SplittableRandom;

/** Random words, names and numbers for the bad-input generators. */
final class FuzzWords {
  private FuzzWords() {
  }

  static String word(SplittableRandom random, int min, int max) {
    final int length = min + random.nextInt(max - min + 1);
    final StringBuilder b = new StringBuilder();
    for (int i = 0; i < length; i++) {
      b.append((char) ('a' + random.nextInt(26)));
    }
    return b.toString();
  }

  /** A name that is surely not a column, table, function or segmentation of the test stores. */
  static String unknownName(SplittableRandom random) {
    return "zz_" + word(random, 3, 10);
  }

  static <T> T pick(SplittableRandom random, List<T> values) {
    return values.get(random.nextInt(values.size()));
  }

  /** Printable junk that no SQL parser accepts: it starts with a character no statement starts with. */
  static String junk(SplittableRandom random, int maxLength) {
    final String starts = "#@!$%^&~`\\}]|?";
    final StringBuilder b = new StringBuilder().append(starts.charAt(random.nextInt(starts.length())));
    final int length = random.nextInt(maxLength);
    for (int i = 0; i < length; i++) {
      final int kind = random.nextInt(10);
      if (kind == 0) {
        b.append((char) random.nextInt(32));
      } else if (kind == 1) {
        b.append((char) (0x80 + random.nextInt(0x2000)));
      } else {
        b.append((char) (32 + random.nextInt(95)));
      }
    }
    return b.toString();
  }

  /** {@code n} boolean conditions. */
  static String conditions(int n) {
    final StringBuilder b = new StringBuilder();
    for (int i = 0; i < n; i++) {
      b.append(i == 0 ? "" : ", ").append("event_name = 'e").append(i).append('\'');
    }
    return b.toString();
  }
}
