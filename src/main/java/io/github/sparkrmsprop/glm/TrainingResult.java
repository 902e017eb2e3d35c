package io.github.sparkrmsprop.glm;

import io.github.sparkrmsprop.optimization.OptimizationResult;
import java.io.Serializable;

/** A trained model with the optimizer's result: loss history, iterations, stop reason. */
public final class TrainingResult<M> implements Serializable {

  private static final long serialVersionUID = 1L;

  private final M model;
  private final OptimizationResult optimization;

  public TrainingResult(M model, OptimizationResult optimization) {
    this.model = model;
    this.optimization = optimization;
  }

  public M model() {
    return model;
  }

  public OptimizationResult optimization() {
    return optimization;
  }
}
