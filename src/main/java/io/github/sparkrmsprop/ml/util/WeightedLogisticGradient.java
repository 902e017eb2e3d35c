package io.github.sparkrmsprop.ml.util;

import io.github.sparkrmsprop.optimization.WeightedGradient;
import org.apache.spark.mllib.linalg.DenseVector;
import org.apache.spark.mllib.linalg.SparseVector;
import org.apache.spark.mllib.linalg.Vector;

/**
 * Weighted logistic loss over feature vectors without a bias entry; the intercept, when
 * fitted, is the last weight of each block. The layout and the pivoted softmax are MLlib's
 * ({@code LogisticGradient} over features with an appended bias), so the weights mean the
 * same as those of {@code LogisticRegressionWithRMSProp}.
 *
 * <p>With {@code K = numClasses} and {@code s = numFeatures + (fitIntercept ? 1 : 0)}, the
 * weights are {@code K - 1} blocks of {@code s}: block {@code k - 1} gives the margin
 * {@code m_k = w_k . x + b_k} of class {@code k}, and class 0 has margin 0. The loss of one
 * example of class {@code y} and weight {@code c} is
 * {@code c * (log(1 + sum_{k>=1} exp(m_k)) - m_y)}, which for {@code K = 2} is the binary
 * {@code c * (log(1 + exp(m)) - y m)}. Sparse features are read through their non-zeros only.
 */
public final class WeightedLogisticGradient extends WeightedGradient {

  private static final long serialVersionUID = 1L;

  private final int numClasses;
  private final int numFeatures;
  private final boolean fitIntercept;

  public WeightedLogisticGradient(int numClasses, int numFeatures, boolean fitIntercept) {
    this.numClasses = numClasses;
    this.numFeatures = numFeatures;
    this.fitIntercept = fitIntercept;
  }

  /** Number of weights: {@code (numClasses - 1) * (numFeatures + intercept)}. */
  public int numWeights() {
    return (numClasses - 1) * stride();
  }

  private int stride() {
    return numFeatures + (fitIntercept ? 1 : 0);
  }

  @Override
  public double compute(Vector features, double label, double weight, Vector weights,
      Vector cumGradient) {
    double[] w = ((DenseVector) weights).values();
    double[] g = ((DenseVector) cumGradient).values();
    int stride = stride();
    int y = (int) label;

    if (numClasses == 2) {
      double m = margin(features, w, 0);
      double multiplier = weight * (sigmoid(m) - label);
      addScaled(features, multiplier, g, 0);
      return weight * (y > 0 ? log1pExp(-m) : log1pExp(m));
    }

    int blocks = numClasses - 1;
    double[] margins = new double[blocks];
    double max = 0.0;
    for (int k = 0; k < blocks; k++) {
      margins[k] = margin(features, w, k * stride);
      max = Math.max(max, margins[k]);
    }
    double sum = Math.exp(-max);
    for (int k = 0; k < blocks; k++) {
      sum += Math.exp(margins[k] - max);
    }
    double logZ = max + Math.log(sum);
    for (int k = 0; k < blocks; k++) {
      double p = Math.exp(margins[k] - logZ);
      double multiplier = weight * (p - (y == k + 1 ? 1.0 : 0.0));
      addScaled(features, multiplier, g, k * stride);
    }
    return weight * (logZ - (y > 0 ? margins[y - 1] : 0.0));
  }

  private double margin(Vector x, double[] w, int offset) {
    double m = fitIntercept ? w[offset + numFeatures] : 0.0;
    if (x instanceof SparseVector) {
      SparseVector sv = (SparseVector) x;
      int[] idx = sv.indices();
      double[] val = sv.values();
      for (int i = 0; i < idx.length; i++) {
        m += val[i] * w[offset + idx[i]];
      }
    } else {
      double[] val = x.toArray();
      for (int j = 0; j < val.length; j++) {
        m += val[j] * w[offset + j];
      }
    }
    return m;
  }

  private void addScaled(Vector x, double a, double[] g, int offset) {
    if (x instanceof SparseVector) {
      SparseVector sv = (SparseVector) x;
      int[] idx = sv.indices();
      double[] val = sv.values();
      for (int i = 0; i < idx.length; i++) {
        g[offset + idx[i]] += a * val[i];
      }
    } else {
      double[] val = x.toArray();
      for (int j = 0; j < val.length; j++) {
        g[offset + j] += a * val[j];
      }
    }
    if (fitIntercept) {
      g[offset + numFeatures] += a;
    }
  }

  static double sigmoid(double m) {
    return m >= 0 ? 1.0 / (1.0 + Math.exp(-m)) : Math.exp(m) / (1.0 + Math.exp(m));
  }

  /** {@code log(1 + exp(z))} without overflow. */
  static double log1pExp(double z) {
    return z > 0 ? z + Math.log1p(Math.exp(-z)) : Math.log1p(Math.exp(z));
  }
}
