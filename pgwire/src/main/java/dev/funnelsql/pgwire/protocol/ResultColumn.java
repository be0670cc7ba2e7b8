package dev.funnelsql.pgwire.protocol;

/**
 * One column of a result as the client sees it in RowDescription: its label, PostgreSQL type and type modifier
 * (-1 when none; {@code length + 4} for {@code varchar(length)}, as PostgreSQL does).
 */
public record ResultColumn(String name, PgType type, int typmod) {
  /** A column without a type modifier. */
  public static ResultColumn of(String name, PgType type) {
    return new ResultColumn(name, type, -1);
  }
}
