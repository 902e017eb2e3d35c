package io.github.sparkrmsprop.optimization.sparse;

import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.ObjectInputStream;
import java.io.ObjectOutputStream;
import java.io.UncheckedIOException;
import java.util.Random;

/**
 * Measures the cost of the part of an aggregation that the fill threshold decides: sending
 * partial sums (Java serialization, which Spark uses for task results) and merging them in
 * order, sparse against dense, at a given fill. Used by the benchmark job to choose
 * {@link SparseGradientSum#DEFAULT_FILL_THRESHOLD}; no Spark needed.
 */
public final class FillThresholdProbe {

  private FillThresholdProbe() {
  }

  /**
   * Seconds to serialize, deserialize and merge {@code parts} partial sums over {@code dim}
   * coordinates, each touching {@code fill * dim} random coordinates: {@code {sparse, dense}},
   * the best of {@code reps} repetitions.
   */
  public static double[] time(int dim, double fill, int parts, int reps, long seed) {
    Random rnd = new Random(seed);
    SparseGradientSum[] sparse = new SparseGradientSum[parts];
    double[][] dense = new double[parts][];
    for (int p = 0; p < parts; p++) {
      IndexAccumulator acc = new IndexAccumulator((int) (fill * dim));
      double[] d = new double[dim];
      for (int k = 0; k < (int) (fill * dim); k++) {
        int i = rnd.nextInt(dim);
        double v = rnd.nextGaussian();
        acc.add(i, v);
        d[i] += v;
      }
      sparse[p] = SparseGradientSum.of(acc, dim, 0.0, 1, 1.0);
      dense[p] = d;
    }
    double bestSparse = Double.POSITIVE_INFINITY;
    double bestDense = Double.POSITIVE_INFINITY;
    for (int r = 0; r < reps; r++) {
      long t0 = System.nanoTime();
      SparseGradientSum total = null;
      for (int p = 0; p < parts; p++) {
        SparseGradientSum s = roundTrip(sparse[p]);
        total = total == null ? s : total.merge(s);
      }
      long t1 = System.nanoTime();
      SparseGradientSum totalDense = null;
      for (int p = 0; p < parts; p++) {
        SparseGradientSum s = roundTrip(SparseGradientSum.dense(dense[p].clone(), 0.0, 1, 1.0));
        totalDense = totalDense == null ? s : totalDense.merge(s);
      }
      long t2 = System.nanoTime();
      bestSparse = Math.min(bestSparse, (t1 - t0) / 1e9);
      bestDense = Math.min(bestDense, (t2 - t1) / 1e9);
    }
    return new double[] {bestSparse, bestDense};
  }

  private static SparseGradientSum roundTrip(SparseGradientSum s) {
    try {
      ByteArrayOutputStream bytes = new ByteArrayOutputStream();
      try (ObjectOutputStream out = new ObjectOutputStream(bytes)) {
        out.writeObject(s);
      }
      try (ObjectInputStream in =
          new ObjectInputStream(new ByteArrayInputStream(bytes.toByteArray()))) {
        return (SparseGradientSum) in.readObject();
      }
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    } catch (ClassNotFoundException e) {
      throw new IllegalStateException(e);
    }
  }
}
