package io.github.sparkrmsprop.ml

import io.github.sparkrmsprop.ml.classification.{RMSPropLogisticRegression,
  RMSPropLogisticRegressionModel}
import io.github.sparkrmsprop.testing.SharedSpark
import org.apache.spark.ml.{Pipeline, PipelineModel}
import org.apache.spark.ml.evaluation.MulticlassClassificationEvaluator
import org.apache.spark.ml.feature.{StringIndexer, VectorAssembler}
import org.apache.spark.ml.tuning.{CrossValidator, CrossValidatorModel, ParamGridBuilder}
import org.scalatest.funsuite.AnyFunSuite

import java.nio.file.Files

/** A Scala user's Pipeline: index a string label, assemble columns, tune, save, reload. */
class RMSPropPipelineSuite extends AnyFunSuite {

  private val spark = SharedSpark.session()
  import spark.implicits._

  /** Three flower-like classes separated along two measurements. */
  private def flowers = {
    val rnd = new scala.util.Random(7)
    val names = Array("setosa", "versicolor", "virginica")
    (0 until 150).map { i =>
      val k = i % 3
      (names(k), 1.0 + 2.0 * k + rnd.nextGaussian() * 0.6,
        3.0 - k + rnd.nextGaussian() * 0.6, rnd.nextGaussian())
    }.toDF("species", "length", "width", "noise")
  }

  test("a Pipeline with RMSProp logistic regression is tuned by CrossValidator") {
    val lr = new RMSPropLogisticRegression()
      .setMaxIter(25)
      .setLabelCol("speciesIndex")
    val pipeline = new Pipeline().setStages(Array(
      new StringIndexer().setInputCol("species").setOutputCol("speciesIndex"),
      new VectorAssembler().setInputCols(Array("length", "width", "noise"))
        .setOutputCol("features"),
      lr))
    val grid = new ParamGridBuilder()
      .addGrid(lr.stepSize, Array(0.001, 0.1))
      .addGrid(lr.regParam, Array(0.0, 0.01))
      .build()
    val evaluator = new MulticlassClassificationEvaluator()
      .setLabelCol("speciesIndex").setMetricName("accuracy")
    val cv = new CrossValidator().setEstimator(pipeline).setEstimatorParamMaps(grid)
      .setEvaluator(evaluator).setNumFolds(2).setSeed(11L)

    val tuned: CrossValidatorModel = cv.fit(flowers)

    val best = tuned.bestModel.asInstanceOf[PipelineModel]
    val model = best.stages.last.asInstanceOf[RMSPropLogisticRegressionModel]
    assert(model.getStepSize === 0.1)
    assert(model.numClasses === 3)
    assert(model.coefficientMatrix.numRows === 3)
    assert(tuned.avgMetrics.max === tuned.avgMetrics(grid.indexWhere(
      m => m(lr.stepSize) == 0.1 && m(lr.regParam) == model.getRegParam)))
    val accuracy = evaluator.evaluate(best.transform(flowers))
    assert(accuracy > 0.8, s"accuracy $accuracy")

    val dir = Files.createTempDirectory("rmsprop-suite").resolve("cv").toString
    tuned.write.overwrite().save(dir)
    val reloaded = CrossValidatorModel.load(dir)
    val before = best.transform(flowers).select("probability", "prediction").collect()
    val after = reloaded.bestModel.transform(flowers).select("probability", "prediction")
      .collect()
    assert(after.toSeq === before.toSeq)
  }
}
