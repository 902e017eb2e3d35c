package io.github.sparkrmsprop.optimization;

import static io.github.sparkrmsprop.optimization.RMSPropOptimizerTest.logisticData;
import static io.github.sparkrmsprop.testing.Close.assertVectorClose;
import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertSame;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.github.sparkrmsprop.regression.LinearRegressionWithRMSProp;
import io.github.sparkrmsprop.update.AdaGrad;
import io.github.sparkrmsprop.update.AdaGradConfig;
import io.github.sparkrmsprop.update.AdaGradState;
import io.github.sparkrmsprop.update.Adam;
import io.github.sparkrmsprop.update.AdamConfig;
import io.github.sparkrmsprop.update.AdamState;
import io.github.sparkrmsprop.update.LearningRateSchedule;
import io.github.sparkrmsprop.update.SGD;
import io.github.sparkrmsprop.update.SGDConfig;
import io.github.sparkrmsprop.update.UpdateRule;
import io.github.sparkrmsprop.update.UpdateState;
import java.util.stream.Stream;
import org.apache.spark.mllib.linalg.Vector;
import org.apache.spark.mllib.linalg.Vectors;
import org.apache.spark.mllib.optimization.GradientDescent;
import org.apache.spark.mllib.optimization.HingeGradient;
import org.apache.spark.mllib.optimization.LeastSquaresGradient;
import org.apache.spark.mllib.optimization.LogisticGradient;
import org.apache.spark.mllib.optimization.SquaredL2Updater;
import org.apache.spark.mllib.regression.LabeledPoint;
import org.apache.spark.mllib.regression.LinearRegressionModel;
import org.apache.spark.rdd.RDD;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;
import scala.Tuple2;

/** SGD, AdaGrad and Adam through the one loop, the MLlib updater and the trainers. */
class UpdateRulesOptimizerTest {

  private static final double TOL = 1e-12;

  static Stream<UpdateRule<?>> rules() {
    return Stream.of(
        new SGD(SGDConfig.builder().elasticNetParam(0.5).build()),
        new AdaGrad(AdaGradConfig.builder().learningRateDecay(0.1).initialAccumulator(0.1)
            .elasticNetParam(0.5).build()),
        new Adam(AdamConfig.builder().elasticNetParam(0.5).build()),
        new Adam(AdamConfig.builder().amsgrad(true).beta1(0.8).build()));
  }

  @ParameterizedTest
  @MethodSource("rules")
  <S extends UpdateState> void theOptimizerEqualsGradientDescentWithTheSameRulesUpdater(
      UpdateRule<S> rule) {
    RDD<Tuple2<Object, Vector>> data = logisticData(200, 6, 4, 7L);
    AdaptiveUpdater<S> updater = new AdaptiveUpdater<>(rule);
    Vector start = Vectors.zeros(6);

    Tuple2<Vector, double[]> sgd = GradientDescent.runMiniBatchSGD(data,
        new LogisticGradient(), updater, 0.05, 30, 0.01, 1.0, start, 0.0);
    OptimizationResult ours = new RMSPropOptimizer().setUpdateRule(rule)
        .setStepSize(0.05).setRegParam(0.01).setNumIterations(30).setConvergenceTol(0.0)
        .optimizeWithResult(data, start);

    assertVectorClose(sgd._1().toArray(), ours.weights().toArray(), TOL, "weights");
    assertVectorClose(sgd._2(), ours.lossHistory(), TOL, "loss history");
    assertEquals(30, ours.iterations());
    assertEquals(30, ours.finalState().steps());
    assertEquals(30, updater.getState().steps());
    assertSame(updater.getState().getClass(), ours.finalState().getClass());
  }

  @Test
  void adamStateOfTheOptimizerEqualsTheUpdatersAndIsReadThroughItsClass() {
    RDD<Tuple2<Object, Vector>> data = logisticData(150, 5, 3, 31L);
    Adam adam = new Adam(AdamConfig.builder().learningRate(0.02).amsgrad(true).build());
    AdaptiveUpdater<AdamState> updater = new AdaptiveUpdater<>(adam);

    GradientDescent.runMiniBatchSGD(data, new HingeGradient(), updater, 0.02, 20, 0.0, 1.0,
        Vectors.zeros(5), 0.0);
    OptimizationResult ours = new RMSPropOptimizer().setUpdateRule(adam)
        .setGradient(new HingeGradient()).setNumIterations(20).setConvergenceTol(0.0)
        .optimizeWithResult(data, Vectors.zeros(5));

    AdamState expected = updater.getState();
    AdamState actual = ours.state(AdamState.class);
    assertVectorClose(expected.expAvg(), actual.expAvg(), TOL, "exp_avg");
    assertVectorClose(expected.expAvgSq(), actual.expAvgSq(), TOL, "exp_avg_sq");
    assertVectorClose(expected.maxExpAvgSq(), actual.maxExpAvgSq(), TOL, "max_exp_avg_sq");
    IllegalStateException e = assertThrows(IllegalStateException.class, ours::state);
    assertEquals("the run's state is of class AdamState, not RMSPropState: it was made by "
        + "another update rule", e.getMessage());
  }

  @Test
  void sgdWithTheInverseSqrtScheduleTakesTheStepsOfMllibsSquaredL2Updater() {
    RDD<Tuple2<Object, Vector>> data = logisticData(120, 4, 2, 37L);
    AdaptiveUpdater<?> ours = new AdaptiveUpdater<>(new SGD(SGDConfig.defaults()))
        .setSchedule(LearningRateSchedule.inverseSqrt());

    Tuple2<Vector, double[]> mllib = GradientDescent.runMiniBatchSGD(data,
        new LogisticGradient(), new SquaredL2Updater(), 0.5, 25, 0.1, 1.0, Vectors.zeros(4),
        0.0);
    Tuple2<Vector, double[]> sgd = GradientDescent.runMiniBatchSGD(data,
        new LogisticGradient(), ours, 0.5, 25, 0.1, 1.0, Vectors.zeros(4), 0.0);

    assertVectorClose(mllib._1().toArray(), sgd._1().toArray(), TOL, "weights");
    assertVectorClose(mllib._2(), sgd._2(), TOL, "loss history");
  }

  @Test
  void adamUpdaterProbeLeavesStateAloneAndEachRunStartsFresh() {
    AdaptiveUpdater<AdamState> updater = new AdaptiveUpdater<>(new Adam(AdamConfig.defaults()))
        .setElasticNetParam(1.0);
    Vector w = Vectors.dense(1.0, -2.0);

    Tuple2<Vector, Object> probe = updater.compute(w, Vectors.zeros(2), 0.0, 1, 0.5);

    assertArrayEquals(w.toArray(), probe._1().toArray(), 0.0);
    assertEquals(0.5 * 3.0, (Double) probe._2(), 1e-15);
    assertNull(updater.getState(), "the probe must not create or change state");

    RDD<Tuple2<Object, Vector>> data = logisticData(100, 2, 2, 3L);
    Tuple2<Vector, double[]> first = GradientDescent.runMiniBatchSGD(data,
        new LogisticGradient(), updater, 0.1, 15, 0.0, 1.0, Vectors.zeros(2), 0.0);
    Tuple2<Vector, double[]> second = GradientDescent.runMiniBatchSGD(data,
        new LogisticGradient(), updater, 0.1, 15, 0.0, 1.0, Vectors.zeros(2), 0.0);

    assertArrayEquals(first._1().toArray(), second._1().toArray(), 0.0,
        "a second fit with the same updater sees none of the first fit's moments");
    assertEquals(15, updater.getState().steps());
  }

  @Test
  void sharedSettersChangeTheCurrentRuleAndRmspropSettersRefuseAnother() {
    AdaGradConfig base = AdaGradConfig.builder().learningRateDecay(0.2).build();
    RMSPropOptimizer o = new RMSPropOptimizer().setUpdateRule(new AdaGrad(base))
        .setStepSize(0.3).setRegParam(0.1).setElasticNetParam(0.25).setInterceptStride(4)
        .setSchedule(LearningRateSchedule.inverseSqrt());

    AdaGradConfig expected = base.toBuilder().learningRate(0.3).regParam(0.1)
        .elasticNetParam(0.25).interceptStride(4).schedule(LearningRateSchedule.inverseSqrt())
        .build();
    assertEquals(expected, ((AdaGrad) o.getUpdateRule()).config());
    IllegalStateException e = assertThrows(IllegalStateException.class, () -> o.setDecay(0.5));
    assertEquals("setDecay applies to RMSProp but the update rule is AdaGrad; configure that "
        + "rule through its own config and setUpdateRule", e.getMessage());
    assertThrows(IllegalStateException.class, o::getConfig);
    assertEquals(expected, ((AdaGrad) o.getUpdateRule()).config(), "a refusal changes nothing");
  }

  @Test
  void aCopyOfAnAdamOptimizerHasTheSameConfiguration() {
    RMSPropOptimizer o = new RMSPropOptimizer()
        .setUpdateRule(new Adam(AdamConfig.builder().amsgrad(true).beta2(0.99).build()))
        .setStepSize(0.05).setRegParam(0.2).setNumIterations(9).setSeed(5);

    RMSPropOptimizer c = o.copy();

    assertEquals(((Adam) o.getUpdateRule()).config(), ((Adam) c.getUpdateRule()).config());
    assertEquals(o.getNumIterations(), c.getNumIterations());
    assertEquals(o.getSeed(), c.getSeed());
  }

  @Test
  void aTrainerRunsAdamThroughItsOptimizerWithTheInterceptUnpenalized() {
    RDD<LabeledPoint> points = logisticData(120, 3, 2, 41L).toJavaRDD()
        .map(t -> new LabeledPoint(2.0 * (Double) t._1() - 0.5, t._2())).rdd();
    LinearRegressionWithRMSProp trainer = new LinearRegressionWithRMSProp();
    trainer.optimizer().setUpdateRule(new Adam(AdamConfig.defaults())).setStepSize(0.05)
        .setRegParam(0.1).setNumIterations(40).setConvergenceTol(0.0);

    LinearRegressionModel model = trainer.run(points);
    RDD<Tuple2<Object, Vector>> withBias = points.toJavaRDD().map(p -> new Tuple2<Object,
        Vector>(p.label(), Vectors.dense(p.features().apply(0), p.features().apply(1),
        p.features().apply(2), 1.0))).rdd();
    Vector direct = new RMSPropOptimizer().setGradient(new LeastSquaresGradient())
        .setUpdateRule(new Adam(AdamConfig.defaults())).setStepSize(0.05).setRegParam(0.1)
        .setInterceptStride(4).setNumIterations(40).setConvergenceTol(0.0)
        .optimize(withBias, Vectors.zeros(4));

    assertVectorClose(direct.toArray(), new double[] {model.weights().apply(0),
        model.weights().apply(1), model.weights().apply(2), model.intercept()}, TOL,
        "weights and intercept");
    assertTrue(model.intercept() > 0.1, "the unpenalized intercept moved: " + model.intercept());
  }

  @Test
  void adaGradStateAfterARunIsReadThroughItsClass() {
    RDD<Tuple2<Object, Vector>> data = logisticData(80, 3, 2, 43L);

    OptimizationResult r = new RMSPropOptimizer()
        .setUpdateRule(new AdaGrad(AdaGradConfig.defaults())).setNumIterations(5)
        .setConvergenceTol(0.0).optimizeWithResult(data, Vectors.zeros(3));

    double[] sum = r.state(AdaGradState.class).sum();
    assertEquals(3, sum.length);
    for (double s : sum) {
      assertTrue(s > 0.0, "every coordinate accumulated squared gradients");
    }
    assertEquals(5, r.finalState().steps());
  }
}
