package io.github.sparkrmsprop.ml.classification;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertSame;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.apache.spark.sql.functions.col;
import static org.apache.spark.sql.functions.lit;
import static org.apache.spark.sql.functions.when;

import io.github.sparkrmsprop.classification.LogisticRegressionWithRMSProp;
import io.github.sparkrmsprop.ml.TestData;
import io.github.sparkrmsprop.optimization.StopReason;
import io.github.sparkrmsprop.testing.SharedSpark;
import io.github.sparkrmsprop.update.AdaGrad;
import io.github.sparkrmsprop.update.AdaGradConfig;
import io.github.sparkrmsprop.update.Adam;
import io.github.sparkrmsprop.update.AdamConfig;
import io.github.sparkrmsprop.update.SGD;
import io.github.sparkrmsprop.update.SGDConfig;
import io.github.sparkrmsprop.update.UpdateRule;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import org.apache.spark.ml.Pipeline;
import org.apache.spark.ml.PipelineModel;
import org.apache.spark.ml.PipelineStage;
import org.apache.spark.ml.attribute.NominalAttribute;
import org.apache.spark.ml.classification.LogisticRegression;
import org.apache.spark.ml.classification.LogisticRegressionModel;
import org.apache.spark.ml.evaluation.BinaryClassificationEvaluator;
import org.apache.spark.ml.evaluation.MulticlassClassificationEvaluator;
import org.apache.spark.ml.feature.FeatureHasher;
import org.apache.spark.ml.feature.OneHotEncoder;
import org.apache.spark.ml.feature.StringIndexer;
import org.apache.spark.ml.feature.VectorAssembler;
import org.apache.spark.ml.linalg.Vector;
import org.apache.spark.ml.linalg.Vectors;
import org.apache.spark.ml.param.ParamMap;
import org.apache.spark.ml.tuning.CrossValidator;
import org.apache.spark.ml.tuning.CrossValidatorModel;
import org.apache.spark.ml.tuning.ParamGridBuilder;
import org.apache.spark.mllib.regression.LabeledPoint;
import org.apache.spark.sql.Dataset;
import org.apache.spark.sql.Row;
import org.apache.spark.sql.RowFactory;
import org.apache.spark.sql.SparkSession;
import org.apache.spark.sql.types.DataTypes;
import org.apache.spark.sql.types.StructType;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The DataFrame logistic regression stage, from Java. */
class RMSPropLogisticRegressionTest {

  /** Agreement expected between two runs of the same arithmetic. */
  private static final double TOL = 1e-9;
  /**
   * Agreement between a weighted fit and its repeated-rows twin, whose sums add the same
   * terms in another order: near a zero of a gradient component, RMSProp's step
   * {@code lr * g / sqrt(v)} turns rounding differences in {@code g} into steps of size
   * {@code lr}, so the two drift apart by about 1e-6.
   */
  private static final double REORDERED_TOL = 1e-5;

  private final SparkSession spark = SharedSpark.session();

  private static RMSPropLogisticRegression lr() {
    return new RMSPropLogisticRegression().setMaxIter(30).setStepSize(0.05).setRegParam(0.01)
        .setTol(0.0);
  }

  @Test
  void binaryStageGivesTheRddTrainersCoefficients() {
    Dataset<Row> data = TestData.classes(200, 4, 2, 1L, true);

    RMSPropLogisticRegressionModel model = lr().setStandardization(false).fit(data);
    LogisticRegressionWithRMSProp rdd = new LogisticRegressionWithRMSProp();
    rdd.optimizer().setNumIterations(30).setStepSize(0.05).setRegParam(0.01)
        .setConvergenceTol(0.0);
    org.apache.spark.mllib.classification.LogisticRegressionModel reference =
        rdd.run(labeledPoints(data));

    assertArrayEquals(reference.weights().toArray(), model.coefficients().toArray(), TOL);
    assertEquals(reference.intercept(), model.intercept(), TOL);
    assertEquals(30, model.summary().totalIterations());
    assertEquals(StopReason.MAX_ITERATIONS, model.summary().stopReason());
  }

  @Test
  void everyUpdateRuleRunsThroughTheStageAsThroughTheRddTrainer() {
    Dataset<Row> data = TestData.classes(200, 4, 2, 4L, true);
    UpdateRule<?>[] rules = {new Adam(AdamConfig.defaults()),
        new AdaGrad(AdaGradConfig.defaults()), new SGD(SGDConfig.defaults())};
    String[] names = {"adam", "adagrad", "sgd"};

    for (int r = 0; r < rules.length; r++) {
      RMSPropLogisticRegressionModel model = lr().setStandardization(false)
          .setUpdateRule(names[r]).fit(data);
      LogisticRegressionWithRMSProp rdd = new LogisticRegressionWithRMSProp();
      rdd.optimizer().setUpdateRule(rules[r]).setNumIterations(30).setStepSize(0.05)
          .setRegParam(0.01).setConvergenceTol(0.0);
      org.apache.spark.mllib.classification.LogisticRegressionModel reference =
          rdd.run(labeledPoints(data));

      assertArrayEquals(reference.weights().toArray(), model.coefficients().toArray(), TOL,
          names[r]);
      assertEquals(reference.intercept(), model.intercept(), TOL, names[r]);
    }
    IllegalArgumentException e = assertThrows(IllegalArgumentException.class,
        () -> lr().setUpdateRule("lbfgs"));
    assertEquals("updateRule must be one of rmsprop, adagrad, adam, sgd but was 'lbfgs'",
        e.getMessage());
  }

  @Test
  void multinomialStageGivesTheRddTrainersCoefficients() {
    Dataset<Row> data = TestData.classes(240, 3, 3, 2L, false);

    RMSPropLogisticRegressionModel model = lr().setStandardization(false).fit(data);
    LogisticRegressionWithRMSProp rdd = new LogisticRegressionWithRMSProp().setNumClasses(3);
    rdd.optimizer().setNumIterations(30).setStepSize(0.05).setRegParam(0.01)
        .setConvergenceTol(0.0);
    double[] reference = rdd.run(labeledPoints(data)).weights().toArray();

    assertTrue(model.isMultinomial());
    assertEquals(3, model.numClasses());
    assertEquals(3, model.numFeatures());
    for (int k = 1; k < 3; k++) {
      for (int j = 0; j < 3; j++) {
        assertEquals(reference[(k - 1) * 4 + j], model.coefficientMatrix().apply(k, j), TOL);
      }
      assertEquals(reference[(k - 1) * 4 + 3], model.interceptVector().apply(k), TOL);
      assertEquals(0.0, model.coefficientMatrix().apply(0, k - 1));
    }
    assertThrows(IllegalStateException.class, model::coefficients);
  }

  @Test
  void integerWeightsEqualRepeatedRows() {
    Dataset<Row> data = TestData.classes(120, 3, 2, 3L, true);
    Dataset<Row> repeated = TestData.repeatByWeight(data);

    RMSPropLogisticRegressionModel weighted = lr().setWeightCol("w").fit(data);
    RMSPropLogisticRegressionModel copies = lr().fit(repeated);

    assertArrayEquals(copies.coefficients().toArray(), weighted.coefficients().toArray(),
        REORDERED_TOL);
    assertEquals(copies.intercept(), weighted.intercept(), REORDERED_TOL);
    assertArrayEquals(copies.summary().objectiveHistory(),
        weighted.summary().objectiveHistory(), REORDERED_TOL);
  }

  @Test
  void weightsChangeTheFit() {
    Dataset<Row> data = TestData.classes(120, 3, 2, 3L, false);

    double unweighted = lr().fit(data).intercept();
    double weighted = lr().setWeightCol("w").fit(data).intercept();

    assertNotEquals(unweighted, weighted, 1e-4);
  }

  @Test
  void standardizationReportsCoefficientsInTheOriginalSpace() {
    Dataset<Row> data = TestData.classes(200, 3, 2, 4L, false);
    RMSPropLogisticRegressionModel model = lr().setMaxIter(100).fit(data);
    LogisticRegressionModel spark = new LogisticRegression().setRegParam(0.01).fit(data);

    Dataset<Row> scored = model.transform(data);
    MulticlassClassificationEvaluator accuracy =
        new MulticlassClassificationEvaluator().setMetricName("accuracy");
    assertEquals(accuracy.evaluate(spark.transform(data)), accuracy.evaluate(scored), 0.03);
    Vector x = data.first().getAs("features");
    double margin = model.intercept();
    for (int j = 0; j < 3; j++) {
      margin += x.apply(j) * model.coefficients().apply(j);
    }
    Vector raw = scored.first().getAs("rawPrediction");
    assertEquals(margin, raw.apply(1), TOL);
    assertEquals(-margin, raw.apply(0), TOL);
  }

  @Test
  void aFeatureWithZeroDeviationGetsCoefficientZero() {
    Dataset<Row> data = TestData.classes(100, 2, 2, 5L, false);
    Dataset<Row> withConstant = new VectorAssembler()
        .setInputCols(new String[] {"features", "one"}).setOutputCol("f2")
        .transform(data.withColumn("one", lit(1.0)));

    RMSPropLogisticRegressionModel model = lr().setFeaturesCol("f2").fit(withConstant);

    assertEquals(0.0, model.coefficients().apply(2));
    assertEquals(3, model.numFeatures());
  }

  @Test
  void thresholdMovesBinaryPredictions() {
    Dataset<Row> data = TestData.classes(100, 3, 2, 6L, false);
    RMSPropLogisticRegressionModel model = lr().fit(data);

    long ones = model.setThreshold(0.0).transform(data).filter("prediction = 1").count();
    long zeros = model.setThreshold(1.0).transform(data).filter("prediction = 0").count();
    model.setThresholds(new double[] {0.3, 0.7});

    assertEquals(100, ones);
    assertEquals(100, zeros);
    assertEquals(0.7, model.getThreshold(), TOL);
    assertFalse(model.isSet(model.threshold()));
  }

  @Test
  void sameSettingsGiveTheSameModelEveryFit() {
    Dataset<Row> data = TestData.classes(100, 3, 2, 7L, false);
    RMSPropLogisticRegression estimator = lr().setMomentum(0.5).setCentered(true);

    double[] first = estimator.fit(data).coefficients().toArray();
    double[] second = estimator.fit(data).coefficients().toArray();

    assertArrayEquals(first, second, 0.0);
  }

  @Test
  void copyKeepsEveryParameter() {
    RMSPropLogisticRegression estimator = lr().setDecay(0.8).setEpsilon(1e-6)
        .setLearningRateSchedule("exponential:0.99").setWeightCol("w").setThreshold(0.3)
        .setMiniBatchFraction(0.5).setSeed(7L).setAggregationDepth(3);

    RMSPropLogisticRegression copy = estimator.copy(new ParamMap());

    assertEquals(estimator.uid(), copy.uid());
    assertEquals(estimator.extractParamMap().toString(), copy.extractParamMap().toString());
    assertEquals(0.3, copy.getThreshold());
    assertEquals("exponential:0.99", copy.getLearningRateSchedule());
  }

  @Test
  void badParameterValuesAreRefusedWithTheRange() {
    RMSPropLogisticRegression estimator = new RMSPropLogisticRegression();

    String step = assertThrows(IllegalArgumentException.class,
        () -> estimator.setStepSize(-1.0)).getMessage();
    String decay = assertThrows(IllegalArgumentException.class,
        () -> estimator.setDecay(1.0)).getMessage();
    String schedule = assertThrows(IllegalArgumentException.class,
        () -> estimator.setLearningRateSchedule("cosine")).getMessage();

    assertEquals("stepSize must be in (0, inf) but was -1.0", step);
    assertEquals("decay must be in [0, 1) but was 1.0", decay);
    assertTrue(schedule.contains("'cosine'"), schedule);
    assertEquals(0.01, estimator.getStepSize());
    assertEquals(100, estimator.getMaxIter());
  }

  @Test
  void inputErrorsNameTheColumnAndTheProblem() {
    Dataset<Row> data = TestData.classes(50, 2, 2, 8L, false);

    String missing = fitError(lr().setFeaturesCol("pixels"), data);
    String mistyped = fitError(lr().setLabelCol("features").setFeaturesCol("label"), data);
    String fraction = fitError(lr(), data.withColumn("label",
        when(col("label").equalTo(1.0), lit(2.5)).otherwise(col("label"))));
    String negative = fitError(lr().setWeightCol("w"), data.withColumn("w", lit(-1.0)));
    String nan = fitError(lr(), spark.createDataFrame(List.of(
        RowFactory.create(0.0, 1.0, Vectors.dense(1.0, 2.0)),
        RowFactory.create(1.0, 1.0, Vectors.dense(Double.NaN, 2.0))), TestData.schema()));

    assertTrue(missing.contains("'pixels' (featuresCol) is missing"), missing);
    assertTrue(mistyped.contains("'label' (featuresCol) must hold vectors"), mistyped);
    assertTrue(fraction.contains("'label' (labelCol) has label 2.5"), fraction);
    assertTrue(fraction.contains("integers in 0..k-1"), fraction);
    assertTrue(negative.contains("'w' (weightCol) has weight -1.0"), negative);
    assertTrue(nan.contains("'features' (featuresCol) has value NaN at index 0"), nan);
  }

  @Test
  void labelsBeyondTheDeclaredClassesAreRefused() {
    Dataset<Row> data = TestData.classes(60, 2, 3, 9L, false);
    Dataset<Row> declared = data.withColumn("label", col("label").as("label",
        NominalAttribute.defaultAttr().withNumValues(2).toMetadata()));

    String message = fitError(lr(), declared);

    assertTrue(message.contains("integers in 0..1"), message);
  }

  @Test
  void savedModelPredictsTheSameAloneAndInsideAPipelineModel(@TempDir Path dir)
      throws Exception {
    Dataset<Row> data = TestData.classes(120, 3, 3, 10L, true).withColumn("x", lit(0.5));
    Pipeline pipeline = new Pipeline().setStages(new PipelineStage[] {
        new VectorAssembler().setInputCols(new String[] {"features", "x"})
            .setOutputCol("assembled"),
        lr().setFeaturesCol("assembled").setWeightCol("w").setMomentum(0.3)});
    PipelineModel fitted = pipeline.fit(data);
    RMSPropLogisticRegressionModel model =
        (RMSPropLogisticRegressionModel) fitted.stages()[1];

    model.write().overwrite().save(dir.resolve("model").toString());
    fitted.write().overwrite().save(dir.resolve("pipeline").toString());
    pipeline.write().overwrite().save(dir.resolve("estimator").toString());
    RMSPropLogisticRegressionModel loaded =
        RMSPropLogisticRegressionModel.load(dir.resolve("model").toString());
    PipelineModel loadedPipeline = PipelineModel.load(dir.resolve("pipeline").toString());
    Pipeline loadedEstimator = Pipeline.load(dir.resolve("estimator").toString());

    Dataset<Row> assembled = fitted.stages()[0].transform(data);
    assertEquals(predictions(model.transform(assembled)),
        predictions(loaded.transform(assembled)));
    assertEquals(predictions(fitted.transform(data)), predictions(loadedPipeline.transform(data)));
    assertTrue(Files.exists(dir.resolve("model/metadata")));
    assertTrue(Files.exists(dir.resolve("model/data")));
    assertEquals(model.uid(), loaded.uid());
    assertEquals(0.3, loaded.getMomentum());
    assertEquals("w", loaded.getWeightCol());
    assertEquals(model.coefficientMatrix(), loaded.coefficientMatrix());
    assertFalse(loaded.hasSummary());
    RMSPropLogisticRegression reloaded =
        (RMSPropLogisticRegression) loadedEstimator.getStages()[1];
    assertEquals(0.3, reloaded.getMomentum());
    assertEquals("assembled", reloaded.getFeaturesCol());
  }

  @Test
  void crossValidatorPicksAModelFromAStepSizeByRegParamGrid() {
    Dataset<Row> data = TestData.classes(150, 3, 2, 11L, false);
    RMSPropLogisticRegression estimator = lr().setMaxIter(15);
    ParamMap[] grid = new ParamGridBuilder()
        .addGrid(estimator.stepSize(), new double[] {0.01, 0.1})
        .addGrid(estimator.regParam(), new double[] {0.0, 1.0})
        .build();
    CrossValidator cv = new CrossValidator().setEstimator(estimator)
        .setEstimatorParamMaps(grid).setNumFolds(2).setSeed(3L)
        .setEvaluator(new BinaryClassificationEvaluator());

    CrossValidatorModel best = cv.fit(data);

    double[] metrics = best.avgMetrics();
    assertEquals(4, metrics.length);
    int argmax = 0;
    for (int i = 0; i < metrics.length; i++) {
      assertTrue(metrics[i] > 0.5 && metrics[i] <= 1.0, "AUC " + metrics[i]);
      argmax = metrics[i] > metrics[argmax] ? i : argmax;
    }
    RMSPropLogisticRegressionModel chosen = (RMSPropLogisticRegressionModel) best.bestModel();
    RMSPropLogisticRegressionModel fresh = estimator.copy(grid[argmax]).fit(data);
    assertArrayEquals(fresh.coefficients().toArray(), chosen.coefficients().toArray(), 0.0);
    assertEquals(grid[argmax].apply(estimator.stepSize()), chosen.getStepSize());
  }

  @Test
  void sparseFeaturesFromHashingAndOneHotEncodingTrain() {
    StructType schema = new StructType().add("color", DataTypes.StringType)
        .add("size", DataTypes.DoubleType).add("label", DataTypes.DoubleType);
    List<Row> rows = new ArrayList<>();
    String[] colors = {"red", "green", "blue", "black"};
    for (int i = 0; i < 200; i++) {
      String c = colors[i % 4];
      double size = (i * 7 % 11) / 11.0;
      rows.add(RowFactory.create(c, size, c.equals("red") || size > 0.8 ? 1.0 : 0.0));
    }
    Dataset<Row> data = spark.createDataFrame(rows, schema);
    Pipeline onehot = new Pipeline().setStages(new PipelineStage[] {
        new StringIndexer().setInputCol("color").setOutputCol("colorIndex"),
        new OneHotEncoder().setInputCols(new String[] {"colorIndex"})
            .setOutputCols(new String[] {"colorVec"}),
        new VectorAssembler().setInputCols(new String[] {"colorVec", "size"})
            .setOutputCol("features"),
        lr().setMaxIter(80).setStepSize(0.1).setRegParam(0.0)});
    Pipeline hashed = new Pipeline().setStages(new PipelineStage[] {
        new FeatureHasher().setInputCols(new String[] {"color", "size"}).setNumFeatures(64)
            .setOutputCol("features"),
        lr().setMaxIter(80).setStepSize(0.1).setRegParam(0.0)});

    MulticlassClassificationEvaluator accuracy =
        new MulticlassClassificationEvaluator().setMetricName("accuracy");
    Dataset<Row> byOneHot = onehot.fit(data).transform(data);
    Dataset<Row> byHash = hashed.fit(data).transform(data);

    assertTrue(byHash.first().getAs("features") instanceof
        org.apache.spark.ml.linalg.SparseVector);
    assertTrue(accuracy.evaluate(byOneHot) > 0.95, "one-hot " + accuracy.evaluate(byOneHot));
    assertTrue(accuracy.evaluate(byHash) > 0.95, "hashed " + accuracy.evaluate(byHash));
  }

  @Test
  void summaryRecordsAFallingObjective() {
    Dataset<Row> data = TestData.classes(100, 3, 2, 12L, false);

    RMSPropLogisticRegressionModel model = lr().setTol(1e-3).setMaxIter(500).fit(data);

    double[] history = model.summary().objectiveHistory();
    assertSame(StopReason.CONVERGED, model.summary().stopReason());
    assertTrue(model.summary().totalIterations() < 500);
    assertEquals(model.summary().totalIterations(), history.length);
    assertEquals(Math.log(2), history[0], TOL);
    assertTrue(history[history.length - 1] < history[0] - 0.03,
        history[0] + " -> " + history[history.length - 1]);
  }

  private static String fitError(RMSPropLogisticRegression estimator, Dataset<Row> data) {
    return assertThrows(IllegalArgumentException.class, () -> estimator.fit(data))
        .getMessage();
  }

  private static List<Row> predictions(Dataset<Row> scored) {
    return scored.select("rawPrediction", "probability", "prediction").collectAsList();
  }

  private static org.apache.spark.rdd.RDD<LabeledPoint> labeledPoints(Dataset<Row> data) {
    return data.toJavaRDD().map(r -> new LabeledPoint(r.getDouble(0),
        org.apache.spark.mllib.linalg.Vectors.fromML((Vector) r.get(2)))).rdd();
  }
}
