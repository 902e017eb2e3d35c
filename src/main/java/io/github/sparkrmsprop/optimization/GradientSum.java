package io.github.sparkrmsprop.optimization;

import java.io.Serializable;
import org.apache.spark.mllib.linalg.Vector;
import org.apache.spark.mllib.linalg.Vectors;
import org.apache.spark.mllib.optimization.Gradient;

/**
 * The per-partition sum of gradients and losses of one pass, merged up the aggregation tree.
 * Executors hold one (a dense vector of the model's size) per task; nothing else. Rows
 * labelled with a {@link WeightedLabel} add their weight to {@code weightSum}, the others 1.
 */
final class GradientSum implements Serializable {

  private static final long serialVersionUID = 1L;

  final double[] gradient;
  double loss;
  long count;
  /** A vector view of {@link #gradient}, made once per task rather than once per row. */
  private transient Vector view;
  double weightSum;

  GradientSum(int dim) {
    this.gradient = new double[dim];
  }

  /**
   * Adds one example's loss and gradient at {@code weights}; {@code label} is a
   * {@code Double} (weight 1) or a {@link WeightedLabel}, which needs a
   * {@link WeightedGradient}.
   */
  GradientSum add(Gradient g, Object label, Vector features, Vector weights) {
    if (view == null) {
      view = Vectors.dense(gradient);
    }
    if (label instanceof WeightedLabel) {
      WeightedLabel wl = (WeightedLabel) label;
      if (!(g instanceof WeightedGradient)) {
        throw new IllegalArgumentException("rows with a WeightedLabel need a WeightedGradient "
            + "but the gradient is " + g.getClass().getName());
      }
      loss += ((WeightedGradient) g).compute(features, wl.label(), wl.weight(), weights, view);
      weightSum += wl.weight();
    } else {
      loss += g.compute(features, (Double) label, weights, view);
      weightSum += 1.0;
    }
    count++;
    return this;
  }

  /** Adds {@code other} into this sum. */
  GradientSum merge(GradientSum other) {
    double[] a = gradient;
    double[] b = other.gradient;
    for (int i = 0; i < a.length; i++) {
      a[i] += b[i];
    }
    loss += other.loss;
    count += other.count;
    weightSum += other.weightSum;
    return this;
  }
}
