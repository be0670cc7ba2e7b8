package dev.funnelsql.jdbc;

import static org.junit.jupiter.api.Assertions.assertEquals;

import org.junit.jupiter.api.Test;

/** A password written into a store URL is taken out of it, so the store's driver never sees it in the URL. */
class UrlPasswordTest {
  @Test
  void aQueryParameterMovesOut() {
    assertEquals(new UrlPassword("jdbc:postgresql://h:5432/db?user=a&ssl=true", "p&w d"),
        UrlPassword.of("jdbc:postgresql://h:5432/db?user=a&PassWord=p%26w+d&ssl=true"));
    assertEquals(new UrlPassword("jdbc:postgresql://h/db", "x"), UrlPassword.of("jdbc:postgresql://h/db?password=x"));
  }

  @Test
  void theUserInfoPasswordMovesOut() {
    assertEquals(new UrlPassword("jdbc:mysql://bob@h:3306/db?x=1", "s:ec@"),
        UrlPassword.of("jdbc:mysql://bob:s%3Aec%40@h:3306/db?x=1"));
  }

  @Test
  void aUrlWithoutPasswordIsLeftAlone() {
    for (String url : new String[] {"jdbc:h2:mem:x;DB_CLOSE_DELAY=-1", "jdbc:duckdb:/tmp/a.db",
        "jdbc:postgresql://h/db?user=a&passwordless=1", "jdbc:sqlserver://h;password=x", "jdbc:x://h/a@b"}) {
      assertEquals(new UrlPassword(url, null), UrlPassword.of(url), url);
    }
  }
}
