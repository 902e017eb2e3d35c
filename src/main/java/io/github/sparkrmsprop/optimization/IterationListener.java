package io.github.sparkrmsprop.optimization;

/**
 * Called by {@link CompactRMSProp} on the driver after each update, e.g. to record progress
 * for a benchmark. The time spent in the call is included in the loop's wall-clock time.
 */
@FunctionalInterface
public interface IterationListener {

  /**
   * @param iteration the number of updates made so far (1, 2, ...)
   * @param loss the mini-batch loss before this update
   * @param weights the current weights; read-only, valid only during the call
   */
  void onIteration(int iteration, double loss, double[] weights);
}
