package io.github.sparkrmsprop.optimization.sparse;

import java.io.Serializable;
import java.util.Arrays;
import java.util.Iterator;
import org.apache.spark.mllib.linalg.DenseVector;
import org.apache.spark.mllib.linalg.SparseVector;
import org.apache.spark.mllib.linalg.Vector;
import scala.Tuple2;

/**
 * The rows of one partition in compressed sparse row (CSR) form: four primitive arrays, so that
 * a pass over the rows is a loop over arrays with no object per row.
 *
 * <pre>
 *   labels[r]                                   label of row r
 *   indices[offsets[r] .. offsets[r + 1] - 1]   feature indices of row r, in the input's order
 *   values [offsets[r] .. offsets[r + 1] - 1]   their values
 * </pre>
 *
 * <p>Sparse input vectors keep their stored entries, explicit zeros included; dense input
 * vectors keep only their non-zero entries (a zero adds nothing to a dot product or an axpy).
 *
 * <p>Memory: {@code 8 * rows + 4 * (rows + 1) + 12 * nnz} bytes, against roughly
 * {@code 100 + 12 * nnz} bytes per row for cached {@code (Double, SparseVector)} tuples.
 * Instances are immutable by convention: nothing in this library writes to the arrays after
 * construction.
 */
public final class CsrPartition implements Serializable {

  private static final long serialVersionUID = 1L;

  final double[] labels;
  final int[] offsets;
  final int[] indices;
  final double[] values;

  /** Wraps the four arrays without copying them; see the class doc for their layout. */
  public CsrPartition(double[] labels, int[] offsets, int[] indices, double[] values) {
    if (offsets.length != labels.length + 1) {
      throw new IllegalArgumentException("offsets must have rows + 1 = " + (labels.length + 1)
          + " entries but had " + offsets.length);
    }
    if (indices.length != values.length || offsets[labels.length] != indices.length) {
      throw new IllegalArgumentException("indices (" + indices.length + ") and values ("
          + values.length + ") must both hold offsets[rows] = " + offsets[labels.length]
          + " entries");
    }
    this.labels = labels;
    this.offsets = offsets;
    this.indices = indices;
    this.values = values;
  }

  /** Reads (label, features) rows in order into one partition. */
  public static CsrPartition fromRows(Iterator<Tuple2<Object, Vector>> rows) {
    double[] labels = new double[1024];
    int[] offsets = new int[1025];
    int[] indices = new int[4096];
    double[] values = new double[4096];
    int n = 0;
    int nnz = 0;
    while (rows.hasNext()) {
      Tuple2<Object, Vector> row = rows.next();
      Vector x = row._2();
      int need = x instanceof SparseVector ? ((SparseVector) x).indices().length : x.size();
      if (nnz + need > indices.length) {
        int size = Math.max(indices.length * 2, nnz + need);
        indices = Arrays.copyOf(indices, size);
        values = Arrays.copyOf(values, size);
      }
      if (x instanceof SparseVector) {
        SparseVector s = (SparseVector) x;
        System.arraycopy(s.indices(), 0, indices, nnz, need);
        System.arraycopy(s.values(), 0, values, nnz, need);
        nnz += need;
      } else {
        double[] d = ((DenseVector) x).values();
        for (int i = 0; i < d.length; i++) {
          if (d[i] != 0.0) {
            indices[nnz] = i;
            values[nnz++] = d[i];
          }
        }
      }
      if (n == labels.length) {
        labels = Arrays.copyOf(labels, n * 2);
        offsets = Arrays.copyOf(offsets, n * 2 + 1);
      }
      labels[n++] = (Double) row._1();
      offsets[n] = nnz;
    }
    return new CsrPartition(Arrays.copyOf(labels, n), Arrays.copyOf(offsets, n + 1),
        Arrays.copyOf(indices, nnz), Arrays.copyOf(values, nnz));
  }

  /** Number of rows. */
  public int numRows() {
    return labels.length;
  }

  /** Number of stored (index, value) entries over all rows. */
  public long nnz() {
    return indices.length;
  }

  /** Approximate bytes held by the four arrays. */
  public long sizeInBytes() {
    return 8L * labels.length + 4L * offsets.length + 12L * indices.length;
  }

  /** The largest feature index plus one, or 0 without entries. */
  int maxIndexPlusOne() {
    int max = -1;
    for (int i : indices) {
      max = Math.max(max, i);
    }
    return max + 1;
  }
}
