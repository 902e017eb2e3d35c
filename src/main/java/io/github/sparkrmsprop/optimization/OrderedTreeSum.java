package io.github.sparkrmsprop.optimization;

import java.util.ArrayList;
import java.util.Collections;
import java.util.Comparator;
import java.util.List;
import org.apache.spark.HashPartitioner;
import org.apache.spark.api.java.JavaPairRDD;
import org.apache.spark.api.java.JavaRDD;
import org.apache.spark.broadcast.Broadcast;
import org.apache.spark.mllib.linalg.Vector;
import org.apache.spark.mllib.optimization.Gradient;
import scala.Tuple2;

/**
 * Sums losses and gradients over an RDD in a tree, like {@code RDD.treeAggregate}, but always
 * in the same order: each partition sums its rows in row order; each tree level merges the
 * partial sums of a group in ascending partition index; the driver merges the last level in
 * ascending index. {@code treeAggregate} merges results in the order tasks finish, so the
 * floating-point sum, and with it the weights, could differ in the last bits from one run to
 * the next; here the same data and partitioning always give the same bits.
 *
 * <p>Shape: with {@code P} partitions and depth {@code d}, the fan-in is
 * {@code s = max(ceil(P^(1/d)), 2)}, and levels are added while
 * {@code P > s + ceil(P / s)}, the rule {@code treeAggregate} uses. Each partial sum is one
 * dense vector of the model's size.
 */
final class OrderedTreeSum {

  private OrderedTreeSum() {
  }

  static GradientSum sum(JavaRDD<Tuple2<Object, Vector>> rows, int dim, Gradient gradient,
      Broadcast<Vector> weights, int depth) {
    JavaPairRDD<Integer, GradientSum> level = rows.mapPartitionsWithIndex((index, it) -> {
      GradientSum s = new GradientSum(dim);
      Vector w = weights.value();
      while (it.hasNext()) {
        Tuple2<Object, Vector> row = it.next();
        s.add(gradient, row._1(), row._2(), w);
      }
      return Collections.singletonList(new Tuple2<>(index, s)).iterator();
    }, true).mapToPair(t -> t);

    int n = rows.getNumPartitions();
    int scale = Math.max((int) Math.ceil(Math.pow(n, 1.0 / depth)), 2);
    while (depth > 1 && n > scale + (int) Math.ceil((double) n / scale)) {
      n /= scale;
      int groups = n;
      level = level
          .mapToPair(t -> new Tuple2<>(t._1() % groups, t))
          .groupByKey(new HashPartitioner(groups))
          .mapValues(OrderedTreeSum::mergeInOrder);
    }

    List<Tuple2<Integer, GradientSum>> last = new ArrayList<>(level.collect());
    return mergeInOrder(last);
  }

  private static GradientSum mergeInOrder(Iterable<Tuple2<Integer, GradientSum>> parts) {
    List<Tuple2<Integer, GradientSum>> sorted = new ArrayList<>();
    parts.forEach(sorted::add);
    sorted.sort(Comparator.comparing(Tuple2::_1));
    GradientSum total = sorted.get(0)._2();
    for (int k = 1; k < sorted.size(); k++) {
      total.merge(sorted.get(k)._2());
    }
    return total;
  }
}
