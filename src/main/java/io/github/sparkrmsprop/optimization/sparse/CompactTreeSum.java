package io.github.sparkrmsprop.optimization.sparse;

import java.util.ArrayList;
import java.util.Collections;
import java.util.Comparator;
import java.util.List;
import org.apache.spark.HashPartitioner;
import org.apache.spark.api.java.JavaPairRDD;
import org.apache.spark.api.java.JavaRDD;
import org.apache.spark.broadcast.Broadcast;
import scala.Tuple2;

/**
 * One gradient pass of the fast path over {@link CompactData}: each partition sums the loss
 * and gradient of its mini-batch rows ({@link MiniBatchPlan}) with a {@link GlmKernel}, in the
 * order the plan visits them, and the partial sums are merged in the fixed-order tree of
 * {@code OrderedTreeSum} (same shape rule: fan-in {@code max(ceil(P^(1/depth)), 2)}, groups
 * merged in ascending partition index), so the same data, partitioning and seed give the same
 * bits on every run.
 *
 * <p>Per task, the accumulator is chosen before the pass from the expected number of touched
 * coordinates, {@code batch rows * mean non-zeros per row}: a hash table
 * ({@link IndexAccumulator}, memory and time O(batch)) when that is at most
 * {@code fillThreshold * dim}, else a dense array of the model's size (which is then sent
 * sparse when it turns out to be sparse enough).
 */
public final class CompactTreeSum {

  private CompactTreeSum() {
  }

  /**
   * The summed loss and gradient of the mini-batch of {@code iteration}.
   *
   * @param weights the weights, an array of length {@code dim}, as the tasks obtain them
   */
  public static SparseGradientSum sum(JavaRDD<CsrPartition> data, int dim, GlmKernel kernel,
      WeightSource weights, MiniBatchPlan plan, int iteration, int depth,
      double fillThreshold) {
    JavaPairRDD<Integer, SparseGradientSum> level = data.mapPartitionsWithIndex((index, it) -> {
      List<Tuple2<Integer, SparseGradientSum>> out = new ArrayList<>(1);
      while (it.hasNext()) {
        out.add(new Tuple2<>(index, partitionSum(it.next(), index, dim, kernel,
            weights.weights(), plan, iteration, fillThreshold)));
      }
      return out.iterator();
    }, true).mapToPair(t -> t);

    int n = data.getNumPartitions();
    int scale = Math.max((int) Math.ceil(Math.pow(n, 1.0 / depth)), 2);
    while (depth > 1 && n > scale + (int) Math.ceil((double) n / scale)) {
      n /= scale;
      int groups = n;
      level = level
          .mapToPair(t -> new Tuple2<>(t._1() % groups, t))
          .groupByKey(new HashPartitioner(groups))
          .mapValues(CompactTreeSum::mergeInOrder);
    }
    List<Tuple2<Integer, SparseGradientSum>> last = new ArrayList<>(level.collect());
    if (last.isEmpty()) {
      return SparseGradientSum.of(new IndexAccumulator(1), dim, 0.0, 0, fillThreshold);
    }
    return mergeInOrder(last);
  }

  /** The sum over one partition's batch rows; public for benchmarks of the bare loop. */
  public static SparseGradientSum partitionSum(CsrPartition p, int index, int dim,
      GlmKernel kernel, double[] w, MiniBatchPlan plan, int iteration, double fillThreshold) {
    int rows = p.numRows();
    int from = plan.from(iteration, rows);
    int to = plan.to(iteration, rows);
    MiniBatchPlan.RowPermutation perm = plan.permutation(index, iteration, rows);
    double perRow = rows == 0 ? 0.0 : (double) p.nnz() / rows;
    double expectedTouched = perRow * (to - from);
    int[] off = p.offsets;
    int[] idx = p.indices;
    double[] val = p.values;
    double[] y = p.labels;
    double loss = 0.0;

    if (expectedTouched > fillThreshold * dim) {
      double[] g = new double[dim];
      for (int pos = from; pos < to; pos++) {
        int r = perm.row(pos);
        loss += kernel.addRow(idx, val, off[r], off[r + 1], y[r], w, g);
      }
      return SparseGradientSum.dense(g, loss, to - from, fillThreshold).compactIfSparse();
    }
    IndexAccumulator acc = new IndexAccumulator((int) Math.min(expectedTouched, dim));
    for (int pos = from; pos < to; pos++) {
      int r = perm.row(pos);
      loss += kernel.addRow(idx, val, off[r], off[r + 1], y[r], w, acc);
    }
    return SparseGradientSum.of(acc, dim, loss, to - from, fillThreshold);
  }

  /**
   * The mean loss of {@code kernel} over every row at {@code weights} (an evaluation pass; no
   * gradient), as {@code {loss sum, rows}}.
   */
  public static double[] lossSum(JavaRDD<CsrPartition> data, GlmKernel kernel,
      Broadcast<double[]> weights) {
    List<double[]> parts = data.mapPartitions(it -> {
      double[] w = weights.value();
      double loss = 0.0;
      long rows = 0;
      while (it.hasNext()) {
        CsrPartition p = it.next();
        for (int r = 0; r < p.numRows(); r++) {
          loss += kernel.rowLoss(p.indices, p.values, p.offsets[r], p.offsets[r + 1],
              p.labels[r], w);
        }
        rows += p.numRows();
      }
      return Collections.singletonList(new double[] {loss, rows}).iterator();
    }).collect();
    double loss = 0.0;
    double rows = 0.0;
    for (double[] part : parts) {
      loss += part[0];
      rows += part[1];
    }
    return new double[] {loss, rows};
  }

  private static SparseGradientSum mergeInOrder(
      Iterable<Tuple2<Integer, SparseGradientSum>> parts) {
    List<Tuple2<Integer, SparseGradientSum>> sorted = new ArrayList<>();
    parts.forEach(sorted::add);
    sorted.sort(Comparator.comparing(Tuple2::_1));
    SparseGradientSum total = sorted.get(0)._2();
    for (int k = 1; k < sorted.size(); k++) {
      total.merge(sorted.get(k)._2());
    }
    return total;
  }
}
