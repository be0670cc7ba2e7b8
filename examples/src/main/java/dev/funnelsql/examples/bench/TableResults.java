package dev.funnelsql.examples.bench;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.EnumMap;
import java.util.List;
import java.util.Map;

/** What the tables mode measured: one {@link TableRow} per store and table, store descriptions, notes, failures. */
final class TableResults {
  private final List<TableRow> rows = new ArrayList<>();
  private final Map<StoreKind, List<String>> descriptions = new EnumMap<>(StoreKind.class);
  private final Map<StoreKind, Path> models = new EnumMap<>(StoreKind.class);
  private final Map<StoreKind, List<ShopTable>> tables = new EnumMap<>(StoreKind.class);
  private final List<String> notes = new ArrayList<>();
  private final List<String> mismatches = new ArrayList<>();
  private final LoadLog loads = new LoadLog();

  void add(TableRow row) {
    rows.add(row);
  }

  List<TableRow> rows() {
    return List.copyOf(rows);
  }

  void describe(StoreKind store, List<String> lines, Path model, List<ShopTable> storeTables) {
    descriptions.put(store, List.copyOf(lines));
    models.put(store, model);
    tables.put(store, List.copyOf(storeTables));
  }

  Map<StoreKind, List<String>> descriptions() {
    return descriptions;
  }

  Map<StoreKind, Path> models() {
    return models;
  }

  /** The tables (with the baselines' SQL) of each store that ran. */
  Map<StoreKind, List<ShopTable>> tables() {
    return tables;
  }

  void note(String note) {
    notes.add(note);
  }

  List<String> notes() {
    return List.copyOf(notes);
  }

  /** Records an answer that differs from its baseline's: the run fails. */
  void mismatch(String message) {
    mismatches.add(message);
  }

  /** The answers that differed from their baselines'. */
  List<String> mismatches() {
    return List.copyOf(mismatches);
  }

  /** The tables that did not complete (error, timeout, out of memory). */
  List<TableRow> failed() {
    return rows.stream().filter(row -> !row.funnel().ok()).toList();
  }

  LoadLog loads() {
    return loads;
  }
}
