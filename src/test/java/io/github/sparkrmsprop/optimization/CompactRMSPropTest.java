package io.github.sparkrmsprop.optimization;

import static io.github.sparkrmsprop.testing.Close.assertVectorClose;
import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.github.sparkrmsprop.optimization.sparse.CompactData;
import io.github.sparkrmsprop.optimization.sparse.CompactTreeSum;
import io.github.sparkrmsprop.optimization.sparse.GlmKernel;
import io.github.sparkrmsprop.optimization.sparse.MiniBatchPlan;
import io.github.sparkrmsprop.optimization.sparse.SparseGradientSum;
import io.github.sparkrmsprop.optimization.sparse.WeightSource;
import io.github.sparkrmsprop.testing.SharedSpark;
import java.util.ArrayList;
import java.util.List;
import java.util.Random;
import org.apache.spark.api.java.JavaSparkContext;
import org.apache.spark.broadcast.Broadcast;
import org.apache.spark.mllib.linalg.Vector;
import org.apache.spark.mllib.linalg.Vectors;
import org.apache.spark.mllib.optimization.HingeGradient;
import org.apache.spark.mllib.optimization.LeastSquaresGradient;
import org.apache.spark.mllib.optimization.LogisticGradient;
import org.apache.spark.rdd.RDD;
import org.junit.jupiter.api.Test;
import scala.Tuple2;

/** The sparse fast path (Sampling.PERMUTATION) against the generic loop and against itself. */
class CompactRMSPropTest {

  private static final double TOL = 1e-12;
  private static final int DIM = 300;

  @Test
  void fullBatchPermutationGivesTheGenericWeightsAndLosses() {
    RDD<Tuple2<Object, Vector>> data = sparseData(400, DIM, 4, 31L);
    RMSPropOptimizer dense = new RMSPropOptimizer().setStepSize(0.05).setNumIterations(6)
        .setRegParam(0.01).setCentered(true).setMomentum(0.5).setConvergenceTol(0.0);
    RMSPropOptimizer lazy = new RMSPropOptimizer().setGradient(new LeastSquaresGradient())
        .setStepSize(0.02).setNumIterations(6).setCentered(true).setConvergenceTol(0.0);

    for (RMSPropOptimizer o : List.of(dense, lazy)) {
      OptimizationResult generic = o.copy().setSampling(Sampling.BERNOULLI)
          .optimizeWithResult(data, Vectors.zeros(DIM));
      OptimizationResult compact = o.copy().setSampling(Sampling.PERMUTATION)
          .optimizeWithResult(data, Vectors.zeros(DIM));

      assertVectorClose(generic.weights().toArray(), compact.weights().toArray(), TOL,
          "weights");
      assertVectorClose(generic.lossHistory(), compact.lossHistory(), TOL, "losses");
      assertVectorClose(generic.state().squareAverage(), compact.state().squareAverage(), TOL,
          "v");
      assertEquals(generic.state().steps(), compact.state().steps());
    }
  }

  @Test
  void sparseAndDenseAggregationGiveTheGenericGradient() {
    RDD<Tuple2<Object, Vector>> data = sparseData(500, DIM, 4, 37L);
    CompactData compact = CompactData.cache(data);
    JavaSparkContext jsc = SharedSpark.jsc();
    double[] w = new Random(3).doubles(DIM, -0.5, 0.5).toArray();
    Broadcast<double[]> bw = jsc.broadcast(w);
    Broadcast<Vector> bv = jsc.broadcast(Vectors.dense(w));
    MiniBatchPlan full = new MiniBatchPlan(1.0, 1L);

    GradientSum generic = OrderedTreeSum.sum(data.toJavaRDD(), DIM, new LogisticGradient(), bv,
        2);
    SparseGradientSum alwaysSparse = CompactTreeSum.sum(compact.partitions(), DIM,
        GlmKernel.LOGISTIC, WeightSource.of(bw), full, 1, 2, 1.0);
    SparseGradientSum alwaysDense = CompactTreeSum.sum(compact.partitions(), DIM,
        GlmKernel.LOGISTIC, WeightSource.of(bw), full, 1, 2, 0.0);
    compact.unpersist();

    assertTrue(alwaysSparse.isSparse());
    assertFalse(alwaysDense.isSparse());
    assertVectorClose(generic.gradient, alwaysSparse.toDenseArray(), TOL, "sparse gradient");
    assertVectorClose(generic.gradient, alwaysDense.toDenseArray(), TOL, "dense gradient");
    assertEquals(generic.loss, alwaysSparse.loss(), TOL * Math.abs(generic.loss));
    assertEquals(generic.count, alwaysDense.count());
  }

  @Test
  void miniBatchLazyStepsEqualDenseStepsAndRepeatToTheBit() {
    CompactData compact = CompactData.cache(sparseData(600, DIM, 3, 41L));
    RMSPropOptimizer o = new RMSPropOptimizer().setStepSize(0.05).setNumIterations(10)
        .setMiniBatchFraction(0.2).setCentered(true).setConvergenceTol(0.0);

    OptimizationResult lazy = CompactRMSProp.optimize(o, compact, Vectors.zeros(DIM), null, 1.0);
    OptimizationResult again = CompactRMSProp.optimize(o, compact, Vectors.zeros(DIM), null,
        1.0);
    OptimizationResult dense = CompactRMSProp.optimize(o, compact, Vectors.zeros(DIM), null,
        0.0);
    compact.unpersist();

    assertVectorClose(dense.weights().toArray(), lazy.weights().toArray(), TOL, "weights");
    assertVectorClose(dense.state().squareAverage(), lazy.state().squareAverage(), TOL, "v");
    assertVectorClose(dense.state().gradientAverage(), lazy.state().gradientAverage(), TOL,
        "m");
    assertVectorClose(dense.lossHistory(), lazy.lossHistory(), TOL, "losses");
    assertArrayEquals(lazy.weights().toArray(), again.weights().toArray(), 0.0);
    assertEquals(10, lazy.iterations(), "two epochs of 5 batches");
  }

  @Test
  void otherGradientsAreRefusedWithTheReason() {
    RDD<Tuple2<Object, Vector>> data = sparseData(20, 10, 1, 43L);
    RMSPropOptimizer o = new RMSPropOptimizer().setGradient(new HingeGradient())
        .setSampling(Sampling.PERMUTATION);

    IllegalArgumentException e = assertThrows(IllegalArgumentException.class,
        () -> o.optimize(data, Vectors.zeros(10)));

    assertTrue(e.getMessage().contains("HingeGradient"), e.getMessage());
    assertFalse(GlmKernel.of(new LogisticGradient(3)).isPresent(), "multinomial");
    assertEquals(GlmKernel.LOGISTIC, GlmKernel.of(new LogisticGradient()).orElseThrow());
    assertEquals(Sampling.PERMUTATION, o.copy().getSampling(), "a copy keeps the sampling");
  }

  /** Seeded rows with 3 to 6 non-zeros among {@code dim} features, labels from a rule. */
  static RDD<Tuple2<Object, Vector>> sparseData(int n, int dim, int partitions, long seed) {
    Random rnd = new Random(seed);
    List<Tuple2<Object, Vector>> rows = new ArrayList<>();
    for (int r = 0; r < n; r++) {
      int k = 3 + rnd.nextInt(4);
      int[] idx = rnd.ints(0, dim).distinct().limit(k).sorted().toArray();
      double[] val = new double[idx.length];
      double z = 0.0;
      for (int j = 0; j < idx.length; j++) {
        val[j] = j == 0 ? 1.0 : rnd.nextGaussian();
        z += (idx[j] % 3 == 0 ? 1.0 : -0.7) * val[j];
      }
      double label = z + 0.3 * rnd.nextGaussian() > 0 ? 1.0 : 0.0;
      rows.add(new Tuple2<>(label, Vectors.sparse(dim, idx, val)));
    }
    return SharedSpark.jsc().parallelize(rows, partitions).rdd();
  }
}
