package io.github.sparkrmsprop.optimization;

import org.apache.spark.mllib.linalg.Vector;
import org.apache.spark.mllib.linalg.Vectors;
import org.apache.spark.mllib.optimization.Gradient;
import scala.Tuple2;

/**
 * An MLlib {@link Gradient} that also takes an instance weight {@code c >= 0}: it adds
 * {@code c * grad loss(x, y; w)} into the running sum and returns {@code c * loss(x, y; w)}.
 *
 * <p>{@link RMSPropOptimizer} calls the weighted form for rows whose label is a
 * {@link WeightedLabel}, and then divides the sums by the total weight of the mini-batch
 * instead of its number of rows, so the objective is
 * {@code sum_i c_i loss_i / sum_i c_i + regularization}. Rows with a plain {@code Double}
 * label count with weight 1, through the unweighted form.
 */
public abstract class WeightedGradient extends Gradient {

  private static final long serialVersionUID = 1L;

  /**
   * Adds {@code weight * gradient} at {@code weights} into {@code cumGradient} and returns
   * {@code weight * loss}.
   */
  public abstract double compute(Vector features, double label, double weight, Vector weights,
      Vector cumGradient);

  /** The unweighted form: weight 1. */
  @Override
  public double compute(Vector features, double label, Vector weights, Vector cumGradient) {
    return compute(features, label, 1.0, weights, cumGradient);
  }

  /** The unweighted form into a new dense vector: weight 1. */
  @Override
  public Tuple2<Vector, Object> compute(Vector features, double label, Vector weights) {
    Vector gradient = Vectors.zeros(weights.size());
    double loss = compute(features, label, 1.0, weights, gradient);
    return new Tuple2<>(gradient, loss);
  }
}
