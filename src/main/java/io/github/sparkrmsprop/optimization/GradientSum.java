package io.github.sparkrmsprop.optimization;

import java.io.Serializable;
import org.apache.spark.mllib.linalg.Vector;
import org.apache.spark.mllib.linalg.Vectors;
import org.apache.spark.mllib.optimization.Gradient;

/**
 * The per-partition sum of gradients and losses of one pass, merged up the aggregation tree.
 * Executors hold one (a dense vector of the model's size) per task; nothing else.
 */
final class GradientSum implements Serializable {

  private static final long serialVersionUID = 1L;

  final double[] gradient;
  double loss;
  long count;
  /** A vector view of {@link #gradient}, made once per task rather than once per row. */
  private transient Vector view;

  GradientSum(int dim) {
    this.gradient = new double[dim];
  }

  /** Adds one example's loss and gradient at {@code weights}. */
  GradientSum add(Gradient g, double label, Vector features, Vector weights) {
    if (view == null) {
      view = Vectors.dense(gradient);
    }
    loss += g.compute(features, label, weights, view);
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
    return this;
  }
}
