package dev.funnelsql.examples.bench;

import java.util.ArrayList;
import java.util.List;

/** The data preparation steps one run did (generation, export, loads, indexes) and their times, for the report. */
final class LoadLog {
  /** One step: what, for which data, and how long it took. */
  record Step(String what, long nanos) {
  }

  private final List<Step> steps = new ArrayList<>();

  /** Records a step that took {@code nanos}. */
  synchronized void record(String what, long nanos) {
    steps.add(new Step(what, nanos));
  }

  /** The steps so far, in order. */
  synchronized List<Step> steps() {
    return List.copyOf(steps);
  }
}
