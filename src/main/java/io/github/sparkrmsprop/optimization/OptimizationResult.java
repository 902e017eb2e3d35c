package io.github.sparkrmsprop.optimization;

import io.github.sparkrmsprop.update.RMSPropState;
import java.io.Serializable;
import org.apache.spark.mllib.linalg.Vector;

/**
 * What one run of {@link RMSPropOptimizer} produced: the final weights, the loss of every
 * iteration (the averaged loss plus the regularization term, at the weights before that
 * iteration's update), how many updates were made, why it stopped, the wall-clock seconds and
 * the final optimizer state.
 */
public final class OptimizationResult implements Serializable {

  private static final long serialVersionUID = 1L;

  private final Vector weights;
  private final double[] lossHistory;
  private final int iterations;
  private final StopReason stopReason;
  private final String message;
  private final double seconds;
  private final RMSPropState state;

  OptimizationResult(Vector weights, double[] lossHistory, int iterations,
      StopReason stopReason, String message, double seconds, RMSPropState state) {
    this.weights = weights;
    this.lossHistory = lossHistory;
    this.iterations = iterations;
    this.stopReason = stopReason;
    this.message = message;
    this.seconds = seconds;
    this.state = state;
  }

  /** The final weights; after divergence, the last finite ones. */
  public Vector weights() {
    return weights;
  }

  /**
   * A copy of the loss of each iteration that saw a non-empty mini-batch; when the run used
   * all its iterations, one more entry, the loss of the final weights.
   */
  public double[] lossHistory() {
    return lossHistory.clone();
  }

  /** Number of updates applied to the weights. */
  public int iterations() {
    return iterations;
  }

  public StopReason stopReason() {
    return stopReason;
  }

  /** A sentence saying why training stopped, naming the iteration when it diverged. */
  public String message() {
    return message;
  }

  /** Wall-clock seconds of the loop. */
  public double seconds() {
    return seconds;
  }

  /** A copy of the optimizer state at the end. */
  public RMSPropState state() {
    return state.copy();
  }

  /** The last entry of the loss history, or NaN when there is none. */
  public double finalLoss() {
    return lossHistory.length == 0 ? Double.NaN : lossHistory[lossHistory.length - 1];
  }
}
