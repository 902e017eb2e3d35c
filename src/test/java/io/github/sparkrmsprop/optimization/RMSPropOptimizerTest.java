package io.github.sparkrmsprop.optimization;

import static io.github.sparkrmsprop.testing.Close.assertVectorClose;
import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.github.sparkrmsprop.testing.SharedSpark;
import io.github.sparkrmsprop.update.RMSPropConfig;
import java.util.ArrayList;
import java.util.List;
import java.util.Random;
import org.apache.spark.api.java.JavaRDD;
import org.apache.spark.mllib.linalg.Vector;
import org.apache.spark.mllib.linalg.Vectors;
import org.apache.spark.mllib.optimization.GradientDescent;
import org.apache.spark.mllib.optimization.HingeGradient;
import org.apache.spark.mllib.optimization.LeastSquaresGradient;
import org.apache.spark.mllib.optimization.LogisticGradient;
import org.apache.spark.rdd.RDD;
import org.junit.jupiter.api.Test;
import scala.Tuple2;

/** The distributed loop against MLlib's GradientDescent and against itself. */
class RMSPropOptimizerTest {

  private static final double TOL = 1e-12;

  @Test
  void runMiniBatchSgdWithOurUpdaterEqualsOurOptimizer() {
    RDD<Tuple2<Object, Vector>> data = logisticData(200, 6, 4, 7L);
    RMSPropUpdater updater = new RMSPropUpdater().setCentered(true).setMomentum(0.5);
    Vector start = Vectors.zeros(6);

    Tuple2<Vector, double[]> sgd = GradientDescent.runMiniBatchSGD(data,
        new LogisticGradient(), updater, 0.05, 30, 0.01, 1.0, start, 0.0);
    OptimizationResult ours = new RMSPropOptimizer().setGradient(new LogisticGradient())
        .setStepSize(0.05).setNumIterations(30).setRegParam(0.01).setCentered(true)
        .setMomentum(0.5).setConvergenceTol(0.0).optimizeWithResult(data, start);

    assertVectorClose(sgd._1().toArray(), ours.weights().toArray(), TOL, "weights");
    assertVectorClose(sgd._2(), ours.lossHistory(), TOL, "loss history");
    assertEquals(30, ours.iterations());
    assertEquals(31, ours.lossHistory().length, "30 losses before updates, 1 of the result");
    assertEquals(StopReason.MAX_ITERATIONS, ours.stopReason());
  }

  @Test
  void miniBatchesDrawTheSameRowsAsGradientDescent() {
    RDD<Tuple2<Object, Vector>> data = logisticData(300, 5, 3, 11L);
    Vector start = Vectors.zeros(5);

    Tuple2<Vector, double[]> sgd = GradientDescent.runMiniBatchSGD(data,
        new LeastSquaresGradient(), new RMSPropUpdater(), 0.02, 20, 0.0, 0.3, start, 0.0);
    OptimizationResult ours = new RMSPropOptimizer().setGradient(new LeastSquaresGradient())
        .setStepSize(0.02).setNumIterations(20).setMiniBatchFraction(0.3)
        .setConvergenceTol(0.0).optimizeWithResult(data, start);

    assertVectorClose(sgd._1().toArray(), ours.weights().toArray(), TOL, "weights");
  }

  @Test
  void updaterProbeCallLeavesStateAloneAndEachRunStartsFresh() {
    RMSPropUpdater updater = new RMSPropUpdater().setElasticNetParam(0.5);
    Vector w = Vectors.dense(1.0, -2.0, 0.0);

    Tuple2<Vector, Object> probe = updater.compute(w, Vectors.zeros(3), 0.0, 1, 0.2);

    assertArrayEquals(w.toArray(), probe._1().toArray(), 0.0);
    assertEquals(0.2 * (0.5 * 3.0 + 0.25 * 5.0), (Double) probe._2(), 1e-15);
    assertNull(updater.getState(), "the probe must not create or change state");

    RDD<Tuple2<Object, Vector>> data = logisticData(100, 3, 2, 3L);
    Tuple2<Vector, double[]> first = GradientDescent.runMiniBatchSGD(data,
        new LogisticGradient(), updater, 0.1, 15, 0.0, 1.0, Vectors.zeros(3), 0.0);
    Tuple2<Vector, double[]> second = GradientDescent.runMiniBatchSGD(data,
        new LogisticGradient(), updater, 0.1, 15, 0.0, 1.0, Vectors.zeros(3), 0.0);

    assertArrayEquals(first._1().toArray(), second._1().toArray(), 0.0,
        "a second fit with the same updater sees none of the first fit's averages");
    assertEquals(15, updater.getState().steps());
  }

  @Test
  void oneAndFourPartitionsGiveTheSameUpdate() {
    RDD<Tuple2<Object, Vector>> data = logisticData(240, 8, 1, 5L);
    JavaRDD<Tuple2<Object, Vector>> four = data.toJavaRDD().repartition(4);
    RMSPropOptimizer optimizer = new RMSPropOptimizer().setStepSize(0.05).setNumIterations(25)
        .setRegParam(0.01).setConvergenceTol(0.0);

    OptimizationResult one = optimizer.optimizeWithResult(data, Vectors.zeros(8));
    OptimizationResult many = optimizer.optimizeWithResult(four.rdd(), Vectors.zeros(8));

    assertEquals(1, data.getNumPartitions());
    assertEquals(4, four.getNumPartitions());
    assertVectorClose(one.weights().toArray(), many.weights().toArray(), TOL, "weights");
    assertVectorClose(one.state().squareAverage(), many.state().squareAverage(), TOL, "v");
  }

  @Test
  void sparseInputGivesTheSameWeightsAsDense() {
    List<Tuple2<Object, Vector>> dense = new ArrayList<>();
    List<Tuple2<Object, Vector>> sparse = new ArrayList<>();
    Random rnd = new Random(9);
    for (int r = 0; r < 120; r++) {
      double[] x = new double[50];
      for (int k = 0; k < 3; k++) {
        x[rnd.nextInt(50)] = rnd.nextGaussian();
      }
      double label = rnd.nextBoolean() ? 1.0 : 0.0;
      dense.add(new Tuple2<>(label, Vectors.dense(x)));
      sparse.add(new Tuple2<>(label, Vectors.dense(x).toSparse()));
    }
    RMSPropOptimizer optimizer = new RMSPropOptimizer().setNumIterations(10);

    Vector a = optimizer.optimize(SharedSpark.jsc().parallelize(dense, 2).rdd(),
        Vectors.zeros(50));
    Vector b = optimizer.optimize(SharedSpark.jsc().parallelize(sparse, 2).rdd(),
        Vectors.zeros(50));

    assertVectorClose(a.toArray(), b.toArray(), TOL, "weights");
  }

  @Test
  void anyMllibGradientWorksAndTheLossGoesDown() {
    RDD<Tuple2<Object, Vector>> data = logisticData(200, 4, 2, 13L);

    OptimizationResult hinge = new RMSPropOptimizer().setGradient(new HingeGradient())
        .setStepSize(0.05).setNumIterations(40).optimizeWithResult(data, Vectors.zeros(4));

    double[] h = hinge.lossHistory();
    assertEquals(1.0, h[0], 1e-15, "hinge loss at w = 0 is exactly 1");
    assertTrue(h[h.length - 1] < 0.5 * h[0], "loss fell from " + h[0] + " to "
        + h[h.length - 1]);
  }

  @Test
  void convergenceToleranceStopsEarlyAndSaysSo() {
    RDD<Tuple2<Object, Vector>> data = logisticData(200, 4, 2, 17L);

    OptimizationResult r = new RMSPropOptimizer().setStepSize(0.05).setNumIterations(2000)
        .setSchedule(io.github.sparkrmsprop.update.LearningRateSchedule.exponential(0.9))
        .setConvergenceTol(1e-4).optimizeWithResult(data, Vectors.zeros(4));

    assertEquals(StopReason.CONVERGED, r.stopReason());
    assertTrue(r.iterations() < 2000);
    assertEquals(r.iterations(), r.lossHistory().length);
  }

  @Test
  void divergenceStopsWithTheIterationAndKeepsFiniteWeights() {
    // A step size of 1e200 moves each weight by about 1e200 in the first step; the squared
    // loss at those weights overflows, which the second iteration must catch.
    RDD<Tuple2<Object, Vector>> data = logisticData(40, 2, 2, 23L);
    RMSPropOptimizer optimizer = new RMSPropOptimizer().setGradient(new LeastSquaresGradient())
        .setStepSize(1e200).setNumIterations(50);

    OptimizationResult r = optimizer.optimizeWithResult(data, Vectors.zeros(2));
    IllegalStateException e = assertThrows(IllegalStateException.class,
        () -> optimizer.optimize(data, Vectors.zeros(2)));

    assertEquals(StopReason.DIVERGED, r.stopReason());
    assertEquals(1, r.iterations(), "only the first update was finite");
    for (double w : r.weights().toArray()) {
      assertTrue(Double.isFinite(w));
    }
    assertTrue(e.getMessage().contains("iteration 2"), e.getMessage());
    assertTrue(e.getMessage().contains("smaller step size"), e.getMessage());
  }

  @Test
  void twoRunsFromTheSameStartAreIdentical() {
    RDD<Tuple2<Object, Vector>> data = logisticData(150, 5, 3, 19L);
    RMSPropOptimizer optimizer = new RMSPropOptimizer().setMiniBatchFraction(0.5)
        .setMomentum(0.9).setNumIterations(20);

    Vector a = optimizer.optimize(data, Vectors.zeros(5));
    Vector b = optimizer.optimize(data, Vectors.zeros(5));

    assertArrayEquals(a.toArray(), b.toArray(), 0.0);
  }

  @Test
  void aTreeWithAnInnerLevelSumsLikeOnePartitionAndRepeatsToTheBit() {
    // 40 partitions at depth 2: fan-in 7, and 40 > 7 + 6, so one inner level of 5 groups.
    RDD<Tuple2<Object, Vector>> one = logisticData(400, 6, 1, 29L);
    RDD<Tuple2<Object, Vector>> forty = one.toJavaRDD().repartition(40).rdd();
    RMSPropOptimizer optimizer = new RMSPropOptimizer().setNumIterations(5)
        .setConvergenceTol(0.0);

    OptimizationResult a = optimizer.optimizeWithResult(forty, Vectors.zeros(6));
    OptimizationResult b = optimizer.optimizeWithResult(forty, Vectors.zeros(6));
    OptimizationResult c = optimizer.optimizeWithResult(one, Vectors.zeros(6));

    assertArrayEquals(a.weights().toArray(), b.weights().toArray(), 0.0);
    assertArrayEquals(a.lossHistory(), b.lossHistory(), 0.0);
    assertVectorClose(c.weights().toArray(), a.weights().toArray(), TOL, "weights");
  }

  @Test
  void invalidSettingsAreRefusedWithNameRangeAndValue() {
    RMSPropOptimizer o = new RMSPropOptimizer();

    assertEquals("miniBatchFraction must be in (0, 1] but was 0.0",
        assertThrows(IllegalArgumentException.class, () -> o.setMiniBatchFraction(0)).getMessage());
    assertEquals("numIterations must be in [1, inf) but was 0",
        assertThrows(IllegalArgumentException.class, () -> o.setNumIterations(0)).getMessage());
    assertEquals("decay must be in [0, 1) but was -0.1",
        assertThrows(IllegalArgumentException.class, () -> o.setDecay(-0.1)).getMessage());
    assertEquals(RMSPropConfig.defaults(), o.getConfig(), "refused values change nothing");
  }

  @Test
  void aCopyHasTheSameConfiguration() {
    RMSPropOptimizer o = new RMSPropOptimizer().setStepSize(0.3).setCentered(true)
        .setNumIterations(7).setMiniBatchFraction(0.25).setConvergenceTol(0.5).setSeed(3)
        .setAggregationDepth(3).setLogEvery(2).setGradient(new HingeGradient());

    RMSPropOptimizer c = o.copy();

    assertEquals(o.getConfig(), c.getConfig());
    assertEquals(o.getNumIterations(), c.getNumIterations());
    assertEquals(o.getMiniBatchFraction(), c.getMiniBatchFraction(), 0.0);
    assertEquals(o.getConvergenceTol(), c.getConvergenceTol(), 0.0);
    assertEquals(o.getSeed(), c.getSeed());
    assertEquals(o.getAggregationDepth(), c.getAggregationDepth());
    assertEquals(o.getLogEvery(), c.getLogEvery());
    assertEquals(o.getGradient(), c.getGradient());
  }

  /** Seeded logistic rows with labels from a fixed linear rule plus noise. */
  static RDD<Tuple2<Object, Vector>> logisticData(int n, int d, int partitions, long seed) {
    Random rnd = new Random(seed);
    List<Tuple2<Object, Vector>> rows = new ArrayList<>();
    for (int r = 0; r < n; r++) {
      double[] x = new double[d];
      double z = 0.0;
      for (int j = 0; j < d; j++) {
        x[j] = rnd.nextGaussian();
        z += (j % 2 == 0 ? 1.0 : -0.5) * x[j];
      }
      double label = z + 0.5 * rnd.nextGaussian() > 0 ? 1.0 : 0.0;
      rows.add(new Tuple2<>(label, Vectors.dense(x)));
    }
    return SharedSpark.jsc().parallelize(rows, partitions).rdd();
  }
}
