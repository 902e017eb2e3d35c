package io.github.sparkrmsprop.optimization.sparse;

import java.io.Serializable;
import java.util.Arrays;

/**
 * A sum of losses and gradients over some rows, held sparse (ascending indices with their
 * sums) while it touches at most {@code fillThreshold * dim} coordinates, and dense (one array
 * of the model's size) above that. Merging keeps, for every coordinate, the order
 * "this + other" that a dense merge uses; IEEE addition is commutative, so a sparse and a dense
 * sum of the same partial sums in the same tree give the same bits (up to the sign of a zero).
 *
 * <p>Wire size: {@code 12 * nnz} bytes sparse, {@code 8 * dim} dense, so sparse stops paying on
 * bytes alone at a fill of 2/3; the merge and the driver's dense step cost more per sparse
 * entry than per dense one, so the default threshold is lower, see
 * {@link #DEFAULT_FILL_THRESHOLD}.
 */
public final class SparseGradientSum implements Serializable {

  private static final long serialVersionUID = 1L;

  /**
   * Default fill (touched coordinates / dim) above which a sum turns dense: 0.25. Measured by
   * {@code Benchmark --measure fill} (docs/BENCHMARK.md): sending and merging four partial
   * sums sparse costs 0.01 of dense at fill 0.01, 0.2 to 0.3 at fills 0.1 to 0.2, about 0.66
   * at 0.3 to 0.5 and more than dense at 0.7 (2^20 coordinates). The threshold sits well below
   * that crossover because the merged sum's fill grows up the tree and because a task's hash
   * accumulation costs several times a dense array's per entry (not part of that measurement).
   */
  public static final double DEFAULT_FILL_THRESHOLD = 0.25;

  final int dim;
  final double fillThreshold;
  /** Dense sums, or null while sparse. */
  double[] dense;
  /** Sparse indices (ascending) and sums, the first {@code nnz} entries used. */
  int[] indices;
  double[] values;
  int nnz;
  double loss;
  long count;

  private SparseGradientSum(int dim, double fillThreshold) {
    this.dim = dim;
    this.fillThreshold = fillThreshold;
  }

  /** A dense sum over the array {@code g} (taken, not copied). */
  static SparseGradientSum dense(double[] g, double loss, long count, double fillThreshold) {
    SparseGradientSum s = new SparseGradientSum(g.length, fillThreshold);
    s.dense = g;
    s.loss = loss;
    s.count = count;
    return s;
  }

  /** A sparse sum from an accumulator, or dense when it is too full. */
  static SparseGradientSum of(IndexAccumulator acc, int dim, double loss, long count,
      double fillThreshold) {
    SparseGradientSum s = new SparseGradientSum(dim, fillThreshold);
    s.indices = new int[acc.size()];
    s.values = new double[acc.size()];
    acc.drainSorted(s.indices, s.values);
    s.nnz = acc.size();
    s.loss = loss;
    s.count = count;
    if (s.tooFull()) {
      s.toDense();
    }
    return s;
  }

  /** Turns a dense sum sparse when its non-zero count is under the threshold. */
  SparseGradientSum compactIfSparse() {
    if (dense == null) {
      return this;
    }
    int n = 0;
    for (double d : dense) {
      if (d != 0.0) {
        n++;
      }
    }
    if (n > fillThreshold * dim) {
      return this;
    }
    indices = new int[n];
    values = new double[n];
    int k = 0;
    for (int i = 0; i < dense.length; i++) {
      if (dense[i] != 0.0) {
        indices[k] = i;
        values[k++] = dense[i];
      }
    }
    nnz = n;
    dense = null;
    return this;
  }

  /** True when the gradient is held sparse. */
  public boolean isSparse() {
    return dense == null;
  }

  /** Stored coordinates: nnz when sparse, dim when dense. */
  public int storedEntries() {
    return dense == null ? nnz : dim;
  }

  /** Summed loss. */
  public double loss() {
    return loss;
  }

  /** Number of rows summed. */
  public long count() {
    return count;
  }

  /** The held index array when sparse (entries [0, storedEntries()) in use), else null. */
  public int[] sparseIndices() {
    return indices;
  }

  /** The held value array when sparse (entries [0, storedEntries()) in use), else null. */
  public double[] sparseValues() {
    return values;
  }

  /** The gradient as a dense array (a new array when sparse, else the held one). */
  public double[] toDenseArray() {
    if (dense != null) {
      return dense;
    }
    double[] d = new double[dim];
    for (int k = 0; k < nnz; k++) {
      d[indices[k]] = values[k];
    }
    return d;
  }

  /** Adds {@code other} into this sum (taking over its arrays) and returns this. */
  public SparseGradientSum merge(SparseGradientSum other) {
    loss += other.loss;
    count += other.count;
    if (dense != null && other.dense != null) {
      double[] a = dense;
      double[] b = other.dense;
      for (int i = 0; i < a.length; i++) {
        a[i] += b[i];
      }
    } else if (dense != null) {
      for (int k = 0; k < other.nnz; k++) {
        dense[other.indices[k]] += other.values[k];
      }
    } else if (other.dense != null) {
      double[] b = other.dense;
      for (int k = 0; k < nnz; k++) {
        b[indices[k]] = values[k] + b[indices[k]];
      }
      dense = b;
      indices = null;
      values = null;
      nnz = 0;
    } else {
      mergeSparse(other);
      if (tooFull()) {
        toDense();
      }
    }
    return this;
  }

  private void mergeSparse(SparseGradientSum o) {
    int[] idx = new int[nnz + o.nnz];
    double[] val = new double[nnz + o.nnz];
    int i = 0;
    int j = 0;
    int n = 0;
    while (i < nnz && j < o.nnz) {
      int a = indices[i];
      int b = o.indices[j];
      if (a == b) {
        idx[n] = a;
        val[n++] = values[i++] + o.values[j++];
      } else if (a < b) {
        idx[n] = a;
        val[n++] = values[i++];
      } else {
        idx[n] = b;
        val[n++] = o.values[j++];
      }
    }
    while (i < nnz) {
      idx[n] = indices[i];
      val[n++] = values[i++];
    }
    while (j < o.nnz) {
      idx[n] = o.indices[j];
      val[n++] = o.values[j++];
    }
    indices = n == idx.length ? idx : Arrays.copyOf(idx, n);
    values = n == val.length ? val : Arrays.copyOf(val, n);
    nnz = n;
  }

  private boolean tooFull() {
    return nnz > fillThreshold * dim;
  }

  private void toDense() {
    double[] d = new double[dim];
    for (int k = 0; k < nnz; k++) {
      d[indices[k]] = values[k];
    }
    dense = d;
    indices = null;
    values = null;
    nnz = 0;
  }
}
