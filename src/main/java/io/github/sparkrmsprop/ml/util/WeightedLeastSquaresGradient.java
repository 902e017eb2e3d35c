package io.github.sparkrmsprop.ml.util;

import io.github.sparkrmsprop.optimization.WeightedGradient;
import org.apache.spark.mllib.linalg.DenseVector;
import org.apache.spark.mllib.linalg.SparseVector;
import org.apache.spark.mllib.linalg.Vector;

/**
 * Weighted squared loss {@code c * (w . x + b - y)^2 / 2} over feature vectors without a bias
 * entry; the intercept {@code b}, when fitted, is the last weight, the layout of MLlib's
 * {@code LeastSquaresGradient} over features with an appended bias. Sparse features are read
 * through their non-zeros only.
 */
public final class WeightedLeastSquaresGradient extends WeightedGradient {

  private static final long serialVersionUID = 1L;

  private final int numFeatures;
  private final boolean fitIntercept;

  public WeightedLeastSquaresGradient(int numFeatures, boolean fitIntercept) {
    this.numFeatures = numFeatures;
    this.fitIntercept = fitIntercept;
  }

  @Override
  public double compute(Vector features, double label, double weight, Vector weights,
      Vector cumGradient) {
    double[] w = ((DenseVector) weights).values();
    double[] g = ((DenseVector) cumGradient).values();
    double diff = (fitIntercept ? w[numFeatures] : 0.0) - label;
    if (features instanceof SparseVector) {
      SparseVector sv = (SparseVector) features;
      int[] idx = sv.indices();
      double[] val = sv.values();
      for (int i = 0; i < idx.length; i++) {
        diff += val[i] * w[idx[i]];
      }
      double a = weight * diff;
      for (int i = 0; i < idx.length; i++) {
        g[idx[i]] += a * val[i];
      }
    } else {
      double[] val = features.toArray();
      for (int j = 0; j < val.length; j++) {
        diff += val[j] * w[j];
      }
      double a = weight * diff;
      for (int j = 0; j < val.length; j++) {
        g[j] += a * val[j];
      }
    }
    if (fitIntercept) {
      g[numFeatures] += weight * diff;
    }
    return weight * 0.5 * diff * diff;
  }
}
