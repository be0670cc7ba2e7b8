package dev.funnelsql.calcite.model;

import org.checkerframework.checker.nullness.qual.Nullable;

import java.util.ArrayList;
import java.util.Collections;
import java.util.Iterator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.ServiceConfigurationError;
import java.util.ServiceLoader;
import java.util.TreeMap;

/**
 * Discovery of the {@link EventSchemaPreset}s on the class path with {@link ServiceLoader}; the built-in presets win
 * over a third-party preset of the same name, and a provider that fails to load is skipped and remembered.
 */
public final class EventSchemaPresets {
  private final Map<String, EventSchemaPreset> presets;
  private final List<String> problems;

  private EventSchemaPresets(Map<String, EventSchemaPreset> presets, List<String> problems) {
    this.presets = Collections.unmodifiableMap(presets);
    this.problems = List.copyOf(problems);
  }

  /** The presets visible to the thread's context class loader and to FunnelSQL's own class loader. */
  public static EventSchemaPresets discover() {
    ClassLoader own = EventSchemaPreset.class.getClassLoader();
    ClassLoader context = Thread.currentThread().getContextClassLoader();
    List<ClassLoader> loaders = new ArrayList<>();
    loaders.add(own);
    if (context != null && context != own) {
      loaders.add(context);
    }
    return discover(loaders);
  }

  /** The presets visible to the given class loaders, in that order. */
  public static EventSchemaPresets discover(List<ClassLoader> loaders) {
    List<EventSchemaPreset> found = new ArrayList<>();
    List<String> problems = new ArrayList<>();
    for (ClassLoader loader : loaders) {
      Iterator<EventSchemaPreset> it = ServiceLoader.load(EventSchemaPreset.class, loader).iterator();
      while (true) {
        try {
          if (!it.hasNext()) {
            break;
          }
          found.add(it.next());
        } catch (ServiceConfigurationError | RuntimeException e) {
          problems.add("a preset provider failed to load: " + e.getMessage());
        }
      }
    }
    // Built-ins first, so a third-party preset cannot shadow one by accident.
    List<EventSchemaPreset> ordered = new ArrayList<>();
    found.stream().filter(EventSchemaPresets::isBuiltIn).forEach(ordered::add);
    found.stream().filter(p -> !isBuiltIn(p)).forEach(ordered::add);
    Map<String, EventSchemaPreset> byName = new TreeMap<>();
    for (EventSchemaPreset p : ordered) {
      String name;
      try {
        name = p.name().toLowerCase(Locale.ROOT);
      } catch (RuntimeException e) {
        problems.add("preset " + p.getClass().getName() + " failed to give its name: " + e);
        continue;
      }
      EventSchemaPreset first = byName.putIfAbsent(name, p);
      if (first != null && first.getClass() != p.getClass()) {
        problems.add("preset '" + name + "' of " + p.getClass().getName() + " is ignored: "
            + first.getClass().getName() + " has that name");
      }
    }
    return new EventSchemaPresets(new LinkedHashMap<>(byName), problems);
  }

  private static boolean isBuiltIn(EventSchemaPreset p) {
    return p.getClass().getClassLoader() == EventSchemaPreset.class.getClassLoader()
        && p.getClass().getPackageName().equals(EventSchemaPreset.class.getPackageName());
  }

  /** The presets by lower-case name, sorted by name. */
  public Map<String, EventSchemaPreset> all() {
    return presets;
  }

  /** The preset of that name (case-insensitive), or null. */
  public @Nullable EventSchemaPreset find(String name) {
    return presets.get(name.toLowerCase(Locale.ROOT));
  }

  /** Problems met while discovering presets (providers that failed to load, clashing names); usually empty. */
  public List<String> problems() {
    return problems;
  }
}
