package io.github.sparkrmsprop.checkpoint;

import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Objects;

/**
 * One saved point of a training run: the iteration it was taken after, the number of updates
 * made by then, a description of the run that must match to resume (loss, update rule,
 * hyperparameters, model size, as ordered text pairs), and the run's numeric state as named
 * arrays (weights, the rule's averages and buffers). Immutable; arrays are not copied, so
 * callers hand over arrays they no longer change.
 */
public final class Checkpoint {

  private final long iteration;
  private final long steps;
  private final Map<String, String> run;
  private final Map<String, double[]> arrays;

  /**
   * @param iteration the iteration after which it was taken; the next run starts at the next
   * @param steps the number of updates applied so far (iterations with an empty mini-batch
   *     make none)
   * @param run the description a resuming run must match
   * @param arrays the numeric state by name
   */
  public Checkpoint(long iteration, long steps, Map<String, String> run,
      Map<String, double[]> arrays) {
    if (iteration < 0) {
      throw new IllegalArgumentException("iteration must be in [0, inf) but was " + iteration);
    }
    if (steps < 0 || steps > iteration) {
      throw new IllegalArgumentException("steps must be in [0, iteration = " + iteration
          + "] but was " + steps);
    }
    this.iteration = iteration;
    this.steps = steps;
    this.run = Collections.unmodifiableMap(new LinkedHashMap<>(Objects.requireNonNull(run)));
    this.arrays = Collections.unmodifiableMap(new LinkedHashMap<>(Objects.requireNonNull(arrays)));
  }

  /** Number of completed iterations when the checkpoint was taken. */
  public long iteration() {
    return iteration;
  }

  /** Number of updates applied when the checkpoint was taken. */
  public long steps() {
    return steps;
  }

  /** What describes the run: must equal the resuming run's description. */
  public Map<String, String> run() {
    return run;
  }

  /** The numeric state by name, in the order written. */
  public Map<String, double[]> arrays() {
    return arrays;
  }

  /** The array called {@code name}, or null. */
  public double[] array(String name) {
    return arrays.get(name);
  }

  /**
   * Null when {@code expected} describes the same run as this checkpoint, else a sentence
   * naming every key that differs with both values.
   */
  public String differenceFrom(Map<String, String> expected) {
    StringBuilder diff = new StringBuilder();
    for (Map.Entry<String, String> e : expected.entrySet()) {
      String saved = run.get(e.getKey());
      if (!Objects.equals(saved, e.getValue())) {
        diff.append(diff.length() == 0 ? "" : "; ").append(e.getKey()).append(" is ")
            .append(saved == null ? "missing" : "'" + saved + "'")
            .append(" in the checkpoint but '").append(e.getValue()).append("' in this run");
      }
    }
    for (String key : run.keySet()) {
      if (!expected.containsKey(key)) {
        diff.append(diff.length() == 0 ? "" : "; ").append(key)
            .append(" is set in the checkpoint but not in this run");
      }
    }
    return diff.length() == 0 ? null : diff.toString();
  }
}
