package io.github.sparkrmsprop.optimization;

import io.github.sparkrmsprop.update.RMSPropState;
import io.github.sparkrmsprop.update.UpdateState;
import java.io.Serializable;
import org.apache.spark.mllib.linalg.Vector;

/**
 * What one run of {@link RMSPropOptimizer} produced: the final weights, the loss of every
 * iteration (the averaged loss plus the regularization term, at the weights before that
 * iteration's update), how many updates were made, why it stopped, the wall-clock seconds and
 * the final state of the update rule (an {@code RMSPropState}, {@code AdamState}, ... as the
 * rule that ran).
 */
public final class OptimizationResult implements Serializable {

  private static final long serialVersionUID = 2L;

  private final Vector weights;
  private final double[] lossHistory;
  private final int iterations;
  private final StopReason stopReason;
  private final String message;
  private final double seconds;
  private final UpdateState state;

  OptimizationResult(Vector weights, double[] lossHistory, int iterations,
      StopReason stopReason, String message, double seconds, UpdateState state) {
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

  /** A copy of the update rule's state at the end, whichever rule ran. */
  public UpdateState finalState() {
    return state.copy();
  }

  /**
   * A copy of the update rule's state at the end, as the state class of the rule that ran,
   * e.g. {@code result.state(AdamState.class).expAvg()}.
   *
   * @throws IllegalStateException when the rule's state is not a {@code type}
   */
  public <S extends UpdateState> S state(Class<S> type) {
    if (!type.isInstance(state)) {
      throw new IllegalStateException("the run's state is of class "
          + state.getClass().getSimpleName() + ", not " + type.getSimpleName()
          + ": it was made by another update rule");
    }
    return type.cast(state.copy());
  }

  /**
   * A copy of the RMSProp state at the end, for runs of RMSProp (the default rule).
   *
   * @throws IllegalStateException when another rule ran; see {@link #finalState()}
   */
  public RMSPropState state() {
    return state(RMSPropState.class);
  }

  /** The last entry of the loss history, or NaN when there is none. */
  public double finalLoss() {
    return lossHistory.length == 0 ? Double.NaN : lossHistory[lossHistory.length - 1];
  }
}
