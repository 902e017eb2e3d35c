package io.github.sparkrmsprop.ml.util;

import io.github.sparkrmsprop.optimization.OptimizationResult;
import io.github.sparkrmsprop.optimization.StopReason;
import java.io.Serializable;

/**
 * What a fit of an RMSProp stage recorded: the objective of every iteration (weighted mean
 * loss plus regularization, in the standardized space when {@code standardization} is on),
 * the number of updates, why training stopped and how long it took. Kept by the model in
 * memory only; a saved and loaded model has no summary, as in spark.ml.
 */
public final class RMSPropTrainingSummary implements Serializable {

  private static final long serialVersionUID = 1L;

  private final double[] objectiveHistory;
  private final int totalIterations;
  private final StopReason stopReason;
  private final String message;
  private final double seconds;

  public RMSPropTrainingSummary(OptimizationResult result) {
    this.objectiveHistory = result.lossHistory();
    this.totalIterations = result.iterations();
    this.stopReason = result.stopReason();
    this.message = result.message();
    this.seconds = result.seconds();
  }

  /** A copy of the objective of each iteration, named as spark.ml names it. */
  public double[] objectiveHistory() {
    return objectiveHistory.clone();
  }

  /** Number of updates applied. */
  public int totalIterations() {
    return totalIterations;
  }

  public StopReason stopReason() {
    return stopReason;
  }

  /** A sentence saying why training stopped. */
  public String message() {
    return message;
  }

  /** Wall-clock seconds of the optimizer loop. */
  public double seconds() {
    return seconds;
  }
}
