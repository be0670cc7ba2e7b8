package dev.funnelsql.jdbc;

import dev.funnelsql.calcite.resultcache.CacheScope;
import dev.funnelsql.calcite.resultcache.CacheSettings;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Locale;
import java.util.Properties;
import java.util.TreeSet;
import java.util.UUID;
import org.checkerframework.checker.nullness.qual.Nullable;

/**
 * The {@link CacheScope} of a connection: everything its answers depend on besides the statement. That is the
 * model (its file's path and content), the store it reads (URL, schema) with which credentials (user, password), and
 * every other connection property ({@code events}, {@code funnel.*}, {@code timeZone}, {@code lex}, …), so that two
 * connections share cached results only if they would compute the same ones.
 */
final class CacheIdentity {
  private CacheIdentity() {
  }

  /**
   * The scope of a connection opened with {@code properties} that reads {@code source}.
   *
   * @param model the model file, or null
   */
  static CacheScope scope(Properties properties, Source source, @Nullable String model, CacheSettings settings) {
    final CacheScope.Builder scope = CacheScope.builder()
        .add("store.url", source.url())
        .add("store.schema", source.schema())
        .add("store.user", source.credentials().getProperty("user"))
        .add("store.password", source.credentials().getProperty("password"));
    for (String key : new TreeSet<>(properties.stringPropertyNames())) {
      final String lower = key.toLowerCase(Locale.ROOT);
      if (!lower.equals("password") && !lower.equals("passwordenv") && !CacheSettings.isKey(key)) {
        scope.add("property." + lower, properties.getProperty(key));
      }
    }
    if (model != null) {
      try {
        scope.add("model.content", Files.readAllBytes(Path.of(model)));
      } catch (IOException e) {
        // The model was read a moment ago; if it cannot be read again, this connection shares nothing (answers,
        // plans, a passed model check) with another: a part no other scope has makes its digest its own.
        return scope.add("unshared", UUID.randomUUID().toString()).build(CacheSettings.OFF);
      }
    }
    return scope.build(settings);
  }
}
