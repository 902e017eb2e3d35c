package io.github.sparkrmsprop.ml.util;

import java.io.Serializable;
import java.util.Iterator;
import org.apache.spark.ml.linalg.SparseVector;
import org.apache.spark.ml.linalg.Vector;
import org.apache.spark.sql.Row;

/**
 * One checking pass over rows of {@code (label, weight, features)}: counts, the weight sum,
 * the largest label, per-feature weighted sums and sums of squares (only when
 * {@code withMoments}; read through non-zeros, so sparse input costs its non-zeros), and the
 * first problem found, described with its column, partition and row. Partitions are merged
 * up a tree; the problem of the lowest partition wins.
 */
final class InputStats implements Serializable {

  private static final long serialVersionUID = 1L;

  long count;
  double weightSum;
  double maxLabel = Double.NEGATIVE_INFINITY;
  final double[] sum;
  final double[] sumSquares;
  String problem;
  int problemPartition = Integer.MAX_VALUE;

  InputStats(int numFeatures, boolean withMoments) {
    this.sum = withMoments ? new double[numFeatures] : null;
    this.sumSquares = withMoments ? new double[numFeatures] : null;
  }

  /** What the pass checks, and the column names used in messages. */
  static final class Spec implements Serializable {

    private static final long serialVersionUID = 1L;

    final String labelCol;
    final String weightCol;
    final String featuresCol;
    final int numFeatures;
    final boolean classIndexLabels;
    final int knownNumClasses;
    final boolean withMoments;

    Spec(String labelCol, String weightCol, String featuresCol, int numFeatures,
        boolean classIndexLabels, int knownNumClasses, boolean withMoments) {
      this.labelCol = labelCol;
      this.weightCol = weightCol;
      this.featuresCol = featuresCol;
      this.numFeatures = numFeatures;
      this.classIndexLabels = classIndexLabels;
      this.knownNumClasses = knownNumClasses;
      this.withMoments = withMoments;
    }
  }

  static InputStats ofPartition(Spec spec, int partition, Iterator<Row> rows) {
    InputStats s = new InputStats(spec.numFeatures, spec.withMoments);
    long row = 0;
    while (rows.hasNext()) {
      Row r = rows.next();
      String where = " at partition " + partition + ", row " + row;
      String p = s.addRow(spec, r, where);
      if (p != null) {
        s.problem = p;
        s.problemPartition = partition;
        return s;
      }
      row++;
    }
    return s;
  }

  private String addRow(Spec spec, Row r, String where) {
    if (r.isNullAt(0)) {
      return "column '" + spec.labelCol + "' (labelCol) is null" + where;
    }
    double label = r.getDouble(0);
    String labelProblem = checkLabel(spec, label);
    if (labelProblem != null) {
      return "column '" + spec.labelCol + "' (labelCol) has label " + label + where + "; "
          + labelProblem;
    }
    double weight = r.isNullAt(1) ? Double.NaN : r.getDouble(1);
    if (!(weight >= 0.0 && weight < Double.POSITIVE_INFINITY)) {
      return "column '" + spec.weightCol + "' (weightCol) has weight " + weight + where
          + "; weights must be finite and >= 0";
    }
    if (r.isNullAt(2)) {
      return "column '" + spec.featuresCol + "' (featuresCol) is null" + where;
    }
    Vector x = (Vector) r.get(2);
    if (x.size() != spec.numFeatures) {
      return "column '" + spec.featuresCol + "' (featuresCol) has a vector of size " + x.size()
          + where + " but the first row's has size " + spec.numFeatures;
    }
    int[] idx = x instanceof SparseVector ? ((SparseVector) x).indices() : null;
    double[] val = x instanceof SparseVector ? ((SparseVector) x).values() : x.toArray();
    for (int i = 0; i < val.length; i++) {
      double v = val[i];
      if (!Double.isFinite(v)) {
        return "column '" + spec.featuresCol + "' (featuresCol) has value " + v + " at index "
            + (idx == null ? i : idx[i]) + where + "; features must be finite";
      }
      if (sum != null) {
        int j = idx == null ? i : idx[i];
        sum[j] += weight * v;
        sumSquares[j] += weight * v * v;
      }
    }
    count++;
    weightSum += weight;
    maxLabel = Math.max(maxLabel, label);
    return null;
  }

  private static String checkLabel(Spec spec, double label) {
    if (!Double.isFinite(label)) {
      return "labels must be finite";
    }
    if (!spec.classIndexLabels) {
      return null;
    }
    if (spec.knownNumClasses > 0) {
      if (label >= 0 && label < spec.knownNumClasses && label == Math.rint(label)) {
        return null;
      }
      return "labels must be integers in 0.." + (spec.knownNumClasses - 1) + " (the column's "
          + "metadata says " + spec.knownNumClasses + " classes)";
    }
    if (label >= 0 && label == Math.rint(label) && label < Integer.MAX_VALUE) {
      return null;
    }
    return "labels must be class indices, integers in 0..k-1";
  }

  InputStats merge(InputStats o) {
    if (o.problemPartition < problemPartition) {
      problem = o.problem;
      problemPartition = o.problemPartition;
    }
    count += o.count;
    weightSum += o.weightSum;
    maxLabel = Math.max(maxLabel, o.maxLabel);
    if (sum != null) {
      for (int j = 0; j < sum.length; j++) {
        sum[j] += o.sum[j];
        sumSquares[j] += o.sumSquares[j];
      }
    }
    return this;
  }

  /**
   * The weighted standard deviation of each feature with the weights read as frequencies,
   * {@code sqrt(sum c x^2 / W - (sum c x / W)^2)}, W the weight sum. Unlike spark.ml's
   * unbiased estimate (divisor {@code W - sum c^2 / W}), it is the same for rows of integer
   * weight and for those rows repeated, and stays defined for any scale of weights; the two
   * differ by the factor {@code sqrt(n / (n - 1))} for unit weights. Shortcoming: the
   * one-pass formula loses precision for a feature whose mean is large against its spread
   * (e.g. raw timestamps); such a feature may get std 0 and so coefficient 0.
   */
  double[] std() {
    double[] std = new double[sum.length];
    for (int j = 0; j < std.length; j++) {
      double mean = sum[j] / weightSum;
      std[j] = Math.sqrt(Math.max(sumSquares[j] / weightSum - mean * mean, 0.0));
    }
    return std;
  }
}
