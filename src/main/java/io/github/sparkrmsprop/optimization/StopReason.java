package io.github.sparkrmsprop.optimization;

/** Why a training loop stopped. */
public enum StopReason {
  /** The weights moved less than the convergence tolerance in one iteration. */
  CONVERGED,
  /** The configured number of iterations ran. */
  MAX_ITERATIONS,
  /**
   * A loss, gradient or weight became NaN or infinite; the weights kept are the last finite
   * ones. A smaller step size usually helps.
   */
  DIVERGED
}
