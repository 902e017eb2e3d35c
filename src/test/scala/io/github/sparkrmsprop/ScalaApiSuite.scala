package io.github.sparkrmsprop

import io.github.sparkrmsprop.classification.LogisticRegressionWithRMSProp
import io.github.sparkrmsprop.optimization.{RMSPropOptimizer, RMSPropUpdater, StopReason}
import io.github.sparkrmsprop.regression.LinearRegressionWithRMSProp
import io.github.sparkrmsprop.testing.SharedSpark
import io.github.sparkrmsprop.update.LearningRateSchedule
import org.apache.spark.mllib.linalg.Vectors
import org.apache.spark.mllib.optimization.{GradientDescent, LeastSquaresGradient}
import org.apache.spark.mllib.regression.LabeledPoint
import org.apache.spark.mllib.util.MLUtils
import org.scalatest.funsuite.AnyFunSuite

/** The core API used from Scala, as a Scala user would: trainers, optimizer and updater. */
class ScalaApiSuite extends AnyFunSuite {

  private lazy val sc = SharedSpark.session().sparkContext

  test("README's Scala example trains on heart_scale and predicts better than chance") {
    // --- README Scala example: begin ---
    val data = MLUtils.loadLibSVMFile(sc, "datasets/heart_scale")
      .map(p => p.copy(label = if (p.label > 0) 1.0 else 0.0))
      .cache()
    val trainer = new LogisticRegressionWithRMSProp().setIntercept(true)
    trainer.optimizer()
      .setStepSize(0.05)
      .setNumIterations(100)
      .setRegParam(0.01)
    val result = trainer.runWithResult(data)
    val model = result.model()
    val accuracy = data.filter(p => model.predict(p.features) == p.label).count().toDouble /
      data.count()
    // --- README Scala example: end ---

    assert(accuracy > 0.8, s"training accuracy $accuracy")
    assert(result.optimization().stopReason() == StopReason.MAX_ITERATIONS)
    assert(result.optimization().lossHistory().length == 101)
    val history = result.optimization().lossHistory()
    assert(history.last < history.head, "the loss went down")
  }

  test("the updater drops into GradientDescent like any MLlib updater") {
    // y = 3 x, no intercept: least squares converges to w = 3.
    val rows = sc.parallelize((1 to 50).map { i =>
      val x = i / 10.0
      (3.0 * x, Vectors.dense(x))
    }, 2)
    val (weights, losses) = GradientDescent.runMiniBatchSGD(rows, new LeastSquaresGradient(),
      new RMSPropUpdater().setSchedule(LearningRateSchedule.exponential(0.97)), 0.5, 200, 0.0,
      1.0, Vectors.zeros(1), 0.0)

    assert(math.abs(weights(0) - 3.0) < 1e-3, s"w = ${weights(0)}")
    assert(losses.last < 1e-5 * losses.head)
  }

  test("the optimizer and the linear trainer agree on the same least-squares problem") {
    val rows = sc.parallelize((1 to 60).map { i =>
      LabeledPoint(1.0 + 0.5 * i % 7, Vectors.dense(i % 7, (i * 3) % 5))
    }, 3)
    val trainer = new LinearRegressionWithRMSProp().setIntercept(false)
    trainer.optimizer().setStepSize(0.05).setNumIterations(40).setConvergenceTol(0.0)
    val model = trainer.run(rows)
    val direct = new RMSPropOptimizer().setGradient(new LeastSquaresGradient())
      .setStepSize(0.05).setNumIterations(40).setConvergenceTol(0.0)
      .optimize(rows.map(p => (p.label, p.features)), Vectors.zeros(2))

    assert(model.weights.toArray.zip(direct.toArray).forall { case (a, b) =>
      math.abs(a - b) <= 1e-12 * math.max(1.0, math.abs(b))
    })
    assert(model.intercept == 0.0)
  }

  test("invalid hyperparameters fail at the setter with name, range and value") {
    val e = intercept[IllegalArgumentException] {
      new RMSPropOptimizer().setDecay(1.5)
    }
    assert(e.getMessage == "decay must be in [0, 1) but was 1.5")
  }
}
