package dev.funnelsql.jdbc;

import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.funnelsql.calcite.resultcache.CacheScope;
import dev.funnelsql.calcite.resultcache.CacheSettings;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Properties;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Two connections share cached answers only if everything their answers depend on is the same: store, user,
 * password, model content and the settings that change results; the cache's own settings do not matter, and the
 * scope shows no secret.
 */
class CacheIdentityTest {
  @TempDir
  Path dir;

  private static CacheScope scope(String url, String user, String password, String... keyValues) throws Exception {
    final Properties properties = new Properties();
    properties.setProperty("url", url);
    properties.setProperty("user", user);
    properties.setProperty("password", password);
    for (int i = 0; i < keyValues.length; i += 2) {
      properties.setProperty(keyValues[i], keyValues[i + 1]);
    }
    final ConnectionSettings settings = ConnectionSettings.from(properties);
    return CacheIdentity.scope(properties, Source.of(settings, null), settings.model(), settings.resultCache());
  }

  @Test
  void scopesDifferByEverythingThatChangesAnswers() throws Exception {
    final CacheScope base = scope("jdbc:h2:mem:a", "u", "p");
    assertTrue(base.sharesWith(scope("jdbc:h2:mem:a", "u", "p")));
    assertTrue(base.sharesWith(scope("jdbc:h2:mem:a", "u", "p", "cache.ttl", "5m", "cache.maxEntry", "2m")));
    assertFalse(base.sharesWith(scope("jdbc:h2:mem:a", "u", "other")), "another password");
    assertFalse(base.sharesWith(scope("jdbc:h2:mem:a", "v", "p")), "another user");
    assertFalse(base.sharesWith(scope("jdbc:h2:mem:b", "u", "p")), "another store");
    assertFalse(base.sharesWith(scope("jdbc:h2:mem:a", "u", "p", "timeZone", "Europe/Paris")));
    assertFalse(base.sharesWith(scope("jdbc:h2:mem:a", "u", "p", "funnel.pushdown", "never")));
    assertFalse(base.sharesWith(scope("jdbc:h2:mem:a", "u", "p", "schema", "other")));
    assertFalse(base.toString().contains("p,") || base.toString().contains("mem:a"), base.toString());
  }

  @Test
  void aChangedModelFileIsAnotherScope() throws Exception {
    final Path model = dir.resolve("m.yaml");
    Files.writeString(model, "source: { url: \"jdbc:h2:mem:m\" }\n");
    final CacheScope before = scope("jdbc:h2:mem:a", "u", "p", "model", model.toString());
    assertTrue(before.sharesWith(scope("jdbc:h2:mem:a", "u", "p", "model", model.toString())));
    Files.writeString(model, "source: { url: \"jdbc:h2:mem:m\" }\nevents: { table: e }\n");
    assertFalse(before.sharesWith(scope("jdbc:h2:mem:a", "u", "p", "model", model.toString())));
  }

  @Test
  void withTheCacheOffAConnectionNeitherReadsNorKeeps() throws Exception {
    assertFalse(scope("jdbc:h2:mem:a", "u", "p", "cache.ttl", "0").settings().enabled());
    assertTrue(scope("jdbc:h2:mem:a", "u", "p").settings().ttlMillis() == CacheSettings.DEFAULT.ttlMillis());
  }
}
