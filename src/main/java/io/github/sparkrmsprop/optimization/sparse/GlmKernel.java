package io.github.sparkrmsprop.optimization.sparse;

import java.util.Optional;
import org.apache.spark.mllib.linalg.Vectors;
import org.apache.spark.mllib.optimization.Gradient;
import org.apache.spark.mllib.optimization.LeastSquaresGradient;
import org.apache.spark.mllib.optimization.LogisticGradient;

/**
 * Losses whose gradient is computed directly on {@link CsrPartition} arrays, with the exact
 * arithmetic of the MLlib class they stand for, in the same order, so the per-row results are
 * bit-identical to MLlib's on sparse rows:
 * <ul>
 *   <li>{@link #LOGISTIC}: MLlib {@code LogisticGradient} with 2 classes. With margin
 *       {@code m = -x.w}: gradient {@code (1 / (1 + exp(m)) - y) x}; loss
 *       {@code log1pExp(m)} for {@code y > 0}, else {@code log1pExp(m) - m};</li>
 *   <li>{@link #LEAST_SQUARES}: MLlib {@code LeastSquaresGradient}. With {@code d = x.w - y}:
 *       gradient {@code d x}; loss {@code d^2 / 2}.</li>
 * </ul>
 */
public enum GlmKernel {
  LOGISTIC,
  LEAST_SQUARES;

  /**
   * The kernel for {@code gradient} when its class is exactly {@code LogisticGradient} for two
   * classes or exactly {@code LeastSquaresGradient} (subclasses may change the maths, so they
   * are not matched); empty otherwise. {@code LogisticGradient} does not expose its number of
   * classes, so a binary one is recognised by one probe call on a one-feature example (a
   * multinomial one rejects a weight vector of the feature dimension).
   */
  public static Optional<GlmKernel> of(Gradient gradient) {
    if (gradient.getClass() == LeastSquaresGradient.class) {
      return Optional.of(LEAST_SQUARES);
    }
    if (gradient.getClass() != LogisticGradient.class) {
      return Optional.empty();
    }
    try {
      double[] g = new double[1];
      double loss = gradient.compute(Vectors.dense(2.0), 1.0, Vectors.dense(0.25),
          Vectors.dense(g));
      double[] mine = new double[1];
      double expected = LOGISTIC.addRow(new int[] {0}, new double[] {2.0}, 0, 1, 1.0,
          new double[] {0.25}, mine);
      return loss == expected && g[0] == mine[0] ? Optional.of(LOGISTIC) : Optional.empty();
    } catch (RuntimeException e) {
      return Optional.empty();
    }
  }

  /**
   * Adds the gradient of one row (entries {@code from} to {@code to - 1} of the arrays) at
   * weights {@code w} into {@code grad} and returns its loss.
   */
  double addRow(int[] idx, double[] val, int from, int to, double label, double[] w,
      double[] grad) {
    double dot = 0.0;
    for (int k = from; k < to; k++) {
      dot += val[k] * w[idx[k]];
    }
    if (this == LOGISTIC) {
      double margin = -1.0 * dot;
      double multiplier = (1.0 / (1.0 + Math.exp(margin))) - label;
      for (int k = from; k < to; k++) {
        grad[idx[k]] += multiplier * val[k];
      }
      return label > 0 ? log1pExp(margin) : log1pExp(margin) - margin;
    }
    double diff = dot - label;
    for (int k = from; k < to; k++) {
      grad[idx[k]] += diff * val[k];
    }
    return diff * diff / 2.0;
  }

  /** As {@link #addRow}, accumulating into a sparse accumulator. */
  double addRow(int[] idx, double[] val, int from, int to, double label, double[] w,
      IndexAccumulator grad) {
    double dot = 0.0;
    for (int k = from; k < to; k++) {
      dot += val[k] * w[idx[k]];
    }
    double multiplier;
    double loss;
    if (this == LOGISTIC) {
      double margin = -1.0 * dot;
      multiplier = (1.0 / (1.0 + Math.exp(margin))) - label;
      loss = label > 0 ? log1pExp(margin) : log1pExp(margin) - margin;
    } else {
      multiplier = dot - label;
      loss = multiplier * multiplier / 2.0;
    }
    for (int k = from; k < to; k++) {
      grad.add(idx[k], multiplier * val[k]);
    }
    return loss;
  }

  /** The loss only, for evaluation passes. */
  double rowLoss(int[] idx, double[] val, int from, int to, double label, double[] w) {
    double dot = 0.0;
    for (int k = from; k < to; k++) {
      dot += val[k] * w[idx[k]];
    }
    if (this == LOGISTIC) {
      double margin = -1.0 * dot;
      return label > 0 ? log1pExp(margin) : log1pExp(margin) - margin;
    }
    double diff = dot - label;
    return diff * diff / 2.0;
  }

  /** {@code log(1 + exp(x))} without overflow, as MLlib's {@code MLUtils.log1pExp}. */
  static double log1pExp(double x) {
    return x > 0 ? x + Math.log1p(Math.exp(-x)) : Math.log1p(Math.exp(x));
  }
}
