package io.github.sparkrmsprop.readme;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.github.sparkrmsprop.classification.LogisticRegressionWithRMSProp;
import io.github.sparkrmsprop.glm.TrainingResult;
import io.github.sparkrmsprop.optimization.RMSPropUpdater;
import io.github.sparkrmsprop.ml.classification.RMSPropLogisticRegression;
import io.github.sparkrmsprop.testing.SharedSpark;
import io.github.sparkrmsprop.update.Adam;
import io.github.sparkrmsprop.update.AdamConfig;
import org.apache.spark.api.java.JavaRDD;
import org.apache.spark.api.java.JavaSparkContext;
import org.apache.spark.ml.Pipeline;
import org.apache.spark.ml.PipelineModel;
import org.apache.spark.ml.PipelineStage;
import org.apache.spark.ml.evaluation.MulticlassClassificationEvaluator;
import org.apache.spark.ml.feature.VectorAssembler;
import org.apache.spark.mllib.classification.LogisticRegressionModel;
import org.apache.spark.mllib.linalg.Vector;
import org.apache.spark.mllib.linalg.Vectors;
import org.apache.spark.mllib.optimization.GradientDescent;
import org.apache.spark.mllib.optimization.LogisticGradient;
import org.apache.spark.mllib.regression.LabeledPoint;
import org.apache.spark.mllib.util.MLUtils;
import org.apache.spark.sql.Dataset;
import org.apache.spark.sql.Row;
import org.apache.spark.sql.RowFactory;
import org.apache.spark.sql.types.StructType;
import org.junit.jupiter.api.Test;
import scala.Tuple2;

/** The Java examples of README.md, as written there, with checks of what they produce. */
class ReadmeJavaExampleTest {

  @Test
  void trainerExampleFitsHeartScale() {
    JavaSparkContext jsc = SharedSpark.jsc();

    // --- README Java example: begin ---
    JavaRDD<LabeledPoint> data = MLUtils.loadLibSVMFile(jsc.sc(), "datasets/heart_scale")
        .toJavaRDD()
        .map(p -> new LabeledPoint(p.label() > 0 ? 1.0 : 0.0, p.features()))
        .cache();
    LogisticRegressionWithRMSProp trainer = new LogisticRegressionWithRMSProp();
    trainer.optimizer()
        .setStepSize(0.05)
        .setNumIterations(100)
        .setRegParam(0.01);
    TrainingResult<LogisticRegressionModel> result = trainer.runWithResult(data.rdd());
    LogisticRegressionModel model = result.model();
    double finalLoss = result.optimization().finalLoss();
    // --- README Java example: end ---

    long right = data.filter(p -> model.predict(p.features()) == p.label()).count();
    assertTrue(right > 0.8 * 270, right + " of 270 right");
    assertEquals(100, result.optimization().iterations());
    assertTrue(finalLoss < result.optimization().lossHistory()[0], "the loss went down");
  }

  @Test
  void otherRuleAndPipelineExamplesRun() {
    JavaRDD<LabeledPoint> data = MLUtils.loadLibSVMFile(SharedSpark.jsc().sc(),
        "datasets/heart_scale").toJavaRDD()
        .map(p -> new LabeledPoint(p.label() > 0 ? 1.0 : 0.0, p.features()));
    LogisticRegressionWithRMSProp trainer = new LogisticRegressionWithRMSProp();

    // --- README other-rule example: begin ---
    trainer.optimizer().setUpdateRule(new Adam(AdamConfig.builder().learningRate(0.05).build()));
    // --- README other-rule example: end ---
    trainer.optimizer().setNumIterations(60);
    LogisticRegressionModel adamModel = trainer.run(data);

    Dataset<Row> training = SharedSpark.session().createDataFrame(
        data.map(p -> RowFactory.create(p.label(), p.features().apply(0),
            p.features().apply(11))).collect(),
        new StructType().add("label", "double").add("age", "double").add("vessels", "double"));
    VectorAssembler assembler = new VectorAssembler()
        .setInputCols(new String[] {"age", "vessels"}).setOutputCol("features");
    // --- README pipeline example: begin ---
    RMSPropLogisticRegression lr = new RMSPropLogisticRegression()
        .setMaxIter(100).setStepSize(0.05).setRegParam(0.01);
    PipelineModel model = new Pipeline()
        .setStages(new PipelineStage[] {assembler, lr}).fit(training);
    // --- README pipeline example: end ---

    long right = data.filter(p -> adamModel.predict(p.features()) == p.label()).count();
    assertTrue(right > 0.8 * 270, "Adam: " + right + " of 270 right");
    double accuracy = new MulticlassClassificationEvaluator().setMetricName("accuracy")
        .evaluate(model.transform(training));
    assertTrue(accuracy > 0.6, "two features through the pipeline: accuracy " + accuracy);
  }

  @Test
  void updaterExampleRunsInsideGradientDescent() {
    JavaRDD<LabeledPoint> data = MLUtils.loadLibSVMFile(SharedSpark.jsc().sc(),
        "datasets/heart_scale").toJavaRDD()
        .map(p -> new LabeledPoint(p.label() > 0 ? 1.0 : 0.0, p.features()));

    // --- README updater example: begin ---
    RMSPropUpdater updater = new RMSPropUpdater().setDecay(0.9).setMomentum(0.5);
    Tuple2<Vector, double[]> out = GradientDescent.runMiniBatchSGD(
        data.map(p -> new Tuple2<Object, Vector>(p.label(), p.features())).rdd(),
        new LogisticGradient(), updater,
        0.05,              // stepSize: RMSProp's learning rate
        50,                // numIterations
        0.01,              // regParam (L2 unless setElasticNetParam)
        1.0,               // miniBatchFraction
        Vectors.zeros(13), // initial weights
        1e-6);             // convergenceTol
    // --- README updater example: end ---

    double[] losses = out._2();
    assertEquals(Math.log(2), losses[0], 1e-12, "logistic loss at w = 0 is log 2");
    assertTrue(losses[losses.length - 1] < 0.45, "loss fell to " + losses[losses.length - 1]);
  }
}
