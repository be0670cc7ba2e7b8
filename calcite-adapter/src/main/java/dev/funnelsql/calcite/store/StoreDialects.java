package dev.funnelsql.calcite.store;

import java.util.ArrayList;
import java.util.Iterator;
import java.util.List;
import java.util.ServiceConfigurationError;
import java.util.ServiceLoader;
import java.util.function.Predicate;
import java.util.logging.Level;
import java.util.logging.Logger;

/**
 * Chooses the {@link StoreDialect} of an event store among the dialects {@link ServiceLoader} finds through
 * FunnelSQL's own class loader and the thread's context class loader: the built-in dialects first, so a third-party
 * one cannot take over their stores by accident; {@link GenericStoreDialect} when none claims the store.
 */
public final class StoreDialects {
  private static final Logger LOG = Logger.getLogger(StoreDialects.class.getName());

  private final List<StoreDialect> dialects;

  private StoreDialects(List<StoreDialect> dialects) {
    this.dialects = List.copyOf(dialects);
  }

  /** The dialects on the class path. */
  public static StoreDialects discover() {
    final ClassLoader own = StoreDialect.class.getClassLoader();
    final ClassLoader context = Thread.currentThread().getContextClassLoader();
    final List<StoreDialect> found = new ArrayList<>();
    load(own, found);
    if (context != null && context != own) {
      load(context, found);
    }
    final List<StoreDialect> ordered = new ArrayList<>();
    found.stream().filter(StoreDialects::isBuiltIn).forEach(ordered::add);
    found.stream().filter(d -> !isBuiltIn(d)).forEach(ordered::add);
    return new StoreDialects(ordered);
  }

  private static void load(ClassLoader loader, List<StoreDialect> found) {
    final Iterator<StoreDialect> it = ServiceLoader.load(StoreDialect.class, loader).iterator();
    while (true) {
      try {
        if (!it.hasNext()) {
          return;
        }
        final StoreDialect dialect = it.next();
        if (found.stream().noneMatch(d -> d.getClass() == dialect.getClass())) {
          found.add(dialect);
        }
      } catch (ServiceConfigurationError | RuntimeException e) {
        LOG.log(Level.WARNING, "a store dialect failed to load: {0}", e.getMessage());
      }
    }
  }

  private static boolean isBuiltIn(StoreDialect dialect) {
    return dialect.getClass().getClassLoader() == StoreDialect.class.getClassLoader()
        && dialect.getClass().getPackageName().equals(StoreDialect.class.getPackageName());
  }

  /** The dialect for a store known only by its JDBC URL (before connecting). */
  public StoreDialect forUrl(String url) {
    return first(d -> d.handlesUrl(url));
  }

  /** The dialect for a connected store: the one for its product name, else the one for its URL. */
  public StoreDialect forStore(String url, String productName) {
    final StoreDialect byProduct = first(d -> d.handlesProduct(productName));
    return byProduct != GenericStoreDialect.INSTANCE ? byProduct : forUrl(url);
  }

  private StoreDialect first(Predicate<StoreDialect> handles) {
    for (StoreDialect dialect : dialects) {
      if (handles.test(dialect)) {
        return dialect;
      }
    }
    return GenericStoreDialect.INSTANCE;
  }
}
