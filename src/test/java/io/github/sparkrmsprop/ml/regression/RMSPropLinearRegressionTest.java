package io.github.sparkrmsprop.ml.regression;

import static org.apache.spark.sql.functions.lit;
import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.github.sparkrmsprop.ml.TestData;
import io.github.sparkrmsprop.regression.LinearRegressionWithRMSProp;
import io.github.sparkrmsprop.testing.SharedSpark;
import java.nio.file.Path;
import java.util.List;
import org.apache.spark.ml.Pipeline;
import org.apache.spark.ml.PipelineModel;
import org.apache.spark.ml.PipelineStage;
import org.apache.spark.ml.evaluation.RegressionEvaluator;
import org.apache.spark.ml.feature.VectorAssembler;
import org.apache.spark.ml.linalg.Vector;
import org.apache.spark.ml.linalg.Vectors;
import org.apache.spark.ml.param.ParamMap;
import org.apache.spark.ml.tuning.ParamGridBuilder;
import org.apache.spark.ml.tuning.TrainValidationSplit;
import org.apache.spark.ml.tuning.TrainValidationSplitModel;
import org.apache.spark.mllib.regression.LabeledPoint;
import org.apache.spark.mllib.regression.LinearRegressionModel;
import org.apache.spark.sql.Dataset;
import org.apache.spark.sql.Row;
import org.apache.spark.sql.RowFactory;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The DataFrame linear regression stage, from Java. */
class RMSPropLinearRegressionTest {

  /** Agreement expected between two runs of the same arithmetic. */
  private static final double TOL = 1e-9;
  /** A weighted fit against its repeated-rows twin: same sums in another order. */
  private static final double REORDERED_TOL = 1e-5;

  private static RMSPropLinearRegression lin() {
    return new RMSPropLinearRegression().setMaxIter(40).setStepSize(0.1).setRegParam(0.01)
        .setTol(0.0);
  }

  @Test
  void stageGivesTheRddTrainersCoefficients() {
    Dataset<Row> data = TestData.linear(150, 1L);

    RMSPropLinearRegressionModel model = lin().setStandardization(false).fit(data);
    LinearRegressionWithRMSProp rdd = new LinearRegressionWithRMSProp();
    rdd.optimizer().setNumIterations(40).setStepSize(0.1).setRegParam(0.01)
        .setConvergenceTol(0.0);
    LinearRegressionModel reference = rdd.run(data.toJavaRDD().map(r -> new LabeledPoint(
        r.getDouble(0), org.apache.spark.mllib.linalg.Vectors.fromML((Vector) r.get(2)))));

    assertArrayEquals(reference.weights().toArray(), model.coefficients().toArray(), TOL);
    assertEquals(reference.intercept(), model.intercept(), TOL);
    assertEquals(3, model.numFeatures());
  }

  @Test
  void integerWeightsEqualRepeatedRows() {
    Dataset<Row> data = TestData.linear(80, 2L);

    RMSPropLinearRegressionModel weighted = lin().setWeightCol("w").fit(data);
    RMSPropLinearRegressionModel copies = lin().fit(TestData.repeatByWeight(data));

    assertArrayEquals(copies.coefficients().toArray(), weighted.coefficients().toArray(),
        REORDERED_TOL);
    assertEquals(copies.intercept(), weighted.intercept(), REORDERED_TOL);
  }

  @Test
  void recoversTheGeneratingCoefficients() {
    Dataset<Row> data = TestData.linear(200, 3L);

    RMSPropLinearRegressionModel model = lin().setRegParam(0.0).setMaxIter(100)
        .setStepSize(0.3).setLearningRateSchedule("exponential:0.95").fit(data);

    assertArrayEquals(new double[] {2.0, -1.0, 0.5}, model.coefficients().toArray(), 0.05);
    assertEquals(3.0, model.intercept(), 0.1);
  }

  @Test
  void savedModelPredictsTheSameAloneAndInsideAPipelineModel(@TempDir Path dir)
      throws Exception {
    Dataset<Row> data = TestData.linear(60, 4L).withColumn("x", lit(2.0));
    PipelineModel fitted = new Pipeline().setStages(new PipelineStage[] {
        new VectorAssembler().setInputCols(new String[] {"features", "x"}).setOutputCol("all"),
        lin().setFeaturesCol("all").setPredictionCol("yhat")}).fit(data);
    RMSPropLinearRegressionModel model = (RMSPropLinearRegressionModel) fitted.stages()[1];

    model.save(dir.resolve("model").toString());
    fitted.save(dir.resolve("pipeline").toString());
    RMSPropLinearRegressionModel loaded =
        RMSPropLinearRegressionModel.load(dir.resolve("model").toString());
    PipelineModel loadedPipeline = PipelineModel.load(dir.resolve("pipeline").toString());

    Dataset<Row> assembled = fitted.stages()[0].transform(data);
    assertEquals(model.transform(assembled).select("yhat").collectAsList(),
        loaded.transform(assembled).select("yhat").collectAsList());
    assertEquals(fitted.transform(data).select("yhat").collectAsList(),
        loadedPipeline.transform(data).select("yhat").collectAsList());
    assertEquals(model.coefficients(), loaded.coefficients());
    assertEquals("yhat", loaded.getPredictionCol());
    assertEquals(0.0, model.coefficients().apply(3));
  }

  @Test
  void trainValidationSplitTunesStepSizeAndRegParam() {
    Dataset<Row> data = TestData.linear(120, 5L);
    RMSPropLinearRegression estimator = lin().setMaxIter(15);
    ParamMap[] grid = new ParamGridBuilder()
        .addGrid(estimator.stepSize(), new double[] {0.001, 0.3})
        .addGrid(estimator.regParam(), new double[] {0.0, 10.0})
        .build();

    TrainValidationSplitModel tuned = new TrainValidationSplit().setEstimator(estimator)
        .setEstimatorParamMaps(grid).setEvaluator(new RegressionEvaluator())
        .setTrainRatio(0.7).setSeed(1L).fit(data);

    RMSPropLinearRegressionModel best = (RMSPropLinearRegressionModel) tuned.bestModel();
    assertEquals(0.3, best.getStepSize());
    assertEquals(0.0, best.getRegParam());
    assertEquals(4, tuned.validationMetrics().length);
  }

  @Test
  void inputErrorsNameTheColumnAndTheProblem() {
    Dataset<Row> infinite = SharedSpark.session().createDataFrame(List.of(
        RowFactory.create(1.0, 1.0, Vectors.dense(1.0)),
        RowFactory.create(Double.POSITIVE_INFINITY, 1.0, Vectors.dense(2.0))),
        TestData.schema());
    Dataset<Row> data = TestData.linear(20, 6L);

    String label = assertThrows(IllegalArgumentException.class,
        () -> lin().fit(infinite)).getMessage();
    String weight = assertThrows(IllegalArgumentException.class,
        () -> lin().setWeightCol("missing").fit(data)).getMessage();
    String zero = assertThrows(IllegalArgumentException.class,
        () -> lin().setWeightCol("w").fit(data.withColumn("w", lit(0.0)))).getMessage();

    assertTrue(label.contains("'label' (labelCol) has label Infinity"), label);
    assertTrue(weight.contains("'missing' (weightCol) is missing"), weight);
    assertTrue(zero.contains("sum to 0.0"), zero);
  }
}
