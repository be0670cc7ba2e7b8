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
 * reader and, for the tests that call it, compiled by Clojure against generated stand-ins for the Metabase namespaces
 * it requires: every var it names exists, as a multimethod where the driver adds methods, as a function returning
 * its arguments otherwise. That proves the source compiles and lets tests call the driver's own functions and
 * methods; it cannot prove Metabase's vars have the same names (no Metabase here).
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

  /** Compiles the namespace once, against generated stand-ins for the Metabase namespaces it requires. */
  static synchronized void load() {
    if (loaded) {
      return;
    }
    final List<Object> forms = forms();
    final Map<String, String> aliases = aliases(forms.get(0));
    final Map<String, StringBuilder> stubs = new LinkedHashMap<>();
    final Set<String> multis = new LinkedHashSet<>();
    for (Object[] method : defmethods(forms)) {
      final Symbol multi = (Symbol) method[0];
      final String namespace = aliases.get(multi.getNamespace());
      if (multis.add(namespace + "/" + multi.getName())) {
        final String dispatch = method[1] instanceof List ? "(fn [driver x & _] [driver x])"
            : "(fn [driver & _] driver)";
        stubs.computeIfAbsent(namespace, k -> new StringBuilder()).append("(defmulti ").append(multi.getName())
            .append(' ').append(dispatch).append(")\n");
      }
    }
    for (Symbol symbol : qualifiedSymbols(forms)) {
      final String namespace = aliases.get(symbol.getNamespace());
      if (namespace == null || namespace.startsWith("clojure.")
          || multis.contains(namespace + "/" + symbol.getName())) {
        continue;
      }
      stubs.computeIfAbsent(namespace, k -> new StringBuilder()).append("(defn ").append(symbol.getName())
          .append(" [& args] (into [(keyword \"stub\" \"").append(symbol.getName()).append("\")] args))\n");
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
