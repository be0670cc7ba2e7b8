package dev.funnelsql.jdbc.metabase;

import clojure.java.api.Clojure;
import clojure.lang.IFn;
import clojure.lang.ISeq;
import clojure.lang.Keyword;
import clojure.lang.LineNumberingPushbackReader;
import clojure.lang.RT;
import clojure.lang.Symbol;
import java.io.IOException;
import java.io.InputStream;
import java.io.InputStreamReader;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * The Metabase driver namespace shipped in the jar ({@code metabase/driver/funnelsql.clj}), read by Clojure's own
 * reader and, for the tests that call it, compiled by Clojure against stand-ins for the Metabase vars it may use,
 * generated from {@link MetabaseInterface} (Metabase's interface written down as data). That proves the source
 * compiles against that interface and lets tests call the driver's own functions and methods.
 */
final class MetabaseDriverSource {
  static final String RESOURCE = "metabase/driver/funnelsql.clj";
  static final String NAMESPACE = "metabase.driver.funnelsql";

  private static boolean loaded;

  private MetabaseDriverSource() {
  }

  /** Every top-level form of the source, as Clojure reads it. */
  static List<Object> forms() {
    final IFn read = Clojure.var("clojure.core", "read");
    final Object eof = new Object();
    final List<Object> forms = new ArrayList<>();
    try (InputStream in = MetabaseDriverSource.class.getClassLoader().getResourceAsStream(RESOURCE);
        LineNumberingPushbackReader reader = new LineNumberingPushbackReader(
            new InputStreamReader(in, StandardCharsets.UTF_8))) {
      for (Object form = read.invoke(reader, false, eof); form != eof; form = read.invoke(reader, false, eof)) {
        forms.add(form);
      }
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
    return forms;
  }

  /** The namespaces the {@code ns} form requires, by alias. */
  static Map<String, String> aliases(Object nsForm) {
    final Map<String, String> aliases = new LinkedHashMap<>();
    for (Object clause : list(nsForm)) {
      if (clause instanceof ISeq && Keyword.intern("require").equals(((ISeq) clause).first())) {
        for (Object spec : list(((ISeq) clause).next())) {
          final List<Object> parts = list(spec);
          final int as = parts.indexOf(Keyword.intern("as"));
          aliases.put(String.valueOf(parts.get(as + 1)), String.valueOf(parts.get(0)));
        }
      }
    }
    return aliases;
  }

  /** Every {@code (defmethod multi dispatch …)} anywhere in the forms: the multimethod's symbol and dispatch value. */
  static List<Object[]> defmethods(List<Object> forms) {
    final List<Object[]> found = new ArrayList<>();
    walk(forms, form -> {
      if (form instanceof ISeq && Symbol.intern("defmethod").equals(((ISeq) form).first())) {
        final List<Object> parts = list(form);
        found.add(new Object[] {parts.get(1), parts.get(2)});
      }
    });
    return found;
  }

  /** Every namespace-qualified symbol the forms use. */
  static Set<Symbol> qualifiedSymbols(List<Object> forms) {
    final Set<Symbol> symbols = new LinkedHashSet<>();
    walk(forms, form -> {
      if (form instanceof Symbol && ((Symbol) form).getNamespace() != null) {
        symbols.add((Symbol) form);
      }
    });
    return symbols;
  }

  private static void walk(Object form, java.util.function.Consumer<Object> visit) {
    visit.accept(form);
    if (form instanceof Iterable && !(form instanceof String)) {
      for (Object child : (Iterable<?>) form) {
        walk(child, visit);
      }
    } else if (form instanceof Map) {
      for (Map.Entry<?, ?> entry : ((Map<?, ?>) form).entrySet()) {
        walk(entry.getKey(), visit);
        walk(entry.getValue(), visit);
      }
    }
  }

  static List<Object> list(Object seq) {
    final List<Object> items = new ArrayList<>();
    for (ISeq s = RT.seq(seq); s != null; s = s.next()) {
      items.add(s.first());
    }
    return items;
  }

  /**
   * Compiles the namespace once, against stand-ins for the Metabase vars of {@link MetabaseInterface}: a var the
   * plugin names that is not there fails the compilation ("No such var"), as it would in Metabase.
   */
  static synchronized void load() {
    if (loaded) {
      return;
    }
    final Map<String, StringBuilder> stubs = new LinkedHashMap<>();
    for (MetabaseInterface.Var var : MetabaseInterface.VARS) {
      stubs.computeIfAbsent(var.namespace(), k -> new StringBuilder()).append(standIn(var)).append('\n');
    }
    final IFn loadString = Clojure.var("clojure.core", "load-string");
    final IFn require = Clojure.var("clojure.core", "require");
    for (Map.Entry<String, StringBuilder> stub : stubs.entrySet()) {
      loadString.invoke("(ns " + stub.getKey() + ")\n" + stub.getValue());
      // Mark the stand-in as loaded so that require does not look for its source.
      loadString.invoke("(dosync (alter @#'clojure.core/*loaded-libs* conj '" + stub.getKey() + "))");
    }
    require.invoke(Symbol.intern(NAMESPACE));
    loaded = true;
  }

  private static String standIn(MetabaseInterface.Var var) {
    switch (var.kind()) {
      case FUNCTION:
        return "(def " + var.name() + " " + var.standIn() + ")";
      case MULTI_ON_DRIVER:
        return "(defmulti " + var.name() + " (fn [driver & _] driver))";
      case MULTI_ON_DRIVER_AND_COLUMN_TYPE:
        return "(defmulti " + var.name() + " (fn [driver _ ^java.sql.ResultSetMetaData rsmeta i]"
            + " [driver (.getColumnType rsmeta (int i))]))";
      default:
        if ("database-supports?".equals(var.name())) {
          // Metabase refuses a simple feature keyword it does not know; the parent answers the others.
          return "(def features #{" + keywords(MetabaseInterface.FEATURES) + "})\n"
              + "(defmulti database-supports? (fn [driver feature _] (when (and (simple-keyword? feature)"
              + " (not (features feature))) (throw (ex-info (str \"Invalid driver feature: \" feature) {})))"
              + " [driver feature]))\n"
              + "(defmethod database-supports? :default [_ feature _] (contains? #{"
              + keywords(MetabaseInterface.INHERITED_TRUE) + "} feature))";
        }
        return "(defmulti " + var.name() + " (fn [driver x & _] [driver x]))";
    }
  }

  private static String keywords(Set<String> names) {
    return String.join(" ", names.stream().map(n -> ":" + n).toList());
  }

  /** Every defmethod of the source with the number of parameters of its body. */
  static Map<String, Integer> defmethodParameterCounts(List<Object> forms) {
    final Map<String, Integer> counts = new LinkedHashMap<>();
    walk(forms, form -> {
      if (form instanceof ISeq && Symbol.intern("defmethod").equals(((ISeq) form).first())) {
        final List<Object> parts = list(form);
        counts.put(parts.get(1) + " " + parts.get(2), list(parts.get(3)).size());
      }
    });
    return counts;
  }

  /** Calls a var of a namespace. */
  static Object call(String namespace, String name, Object... args) {
    load();
    Clojure.var("clojure.core", "require").invoke(Symbol.intern(namespace));
    return Clojure.var(namespace, name).applyTo(RT.seq(args));
  }

  static Keyword keyword(String name) {
    return Keyword.intern(name);
  }

  /** A Clojure map from alternating keyword names and values. */
  static Object map(Object... keysAndValues) {
    final Object[] items = keysAndValues.clone();
    for (int i = 0; i < items.length; i += 2) {
      items[i] = Keyword.intern((String) items[i]);
    }
    return Clojure.var("clojure.core", "hash-map").applyTo(RT.seq(items));
  }

  /** The Metabase base type the driver gives a FunnelSQL type name, e.g. {@code type/DateTime}. */
  static String baseType(String typeName) {
    final Keyword type = (Keyword) call(NAMESPACE, "type-name->base-type", typeName);
    return type.getNamespace() + "/" + type.getName();
  }
}
