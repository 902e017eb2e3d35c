package io.github.sparkrmsprop.glm;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.github.sparkrmsprop.classification.LogisticRegressionWithRMSProp;
import io.github.sparkrmsprop.regression.LinearRegressionWithRMSProp;
import io.github.sparkrmsprop.testing.SharedSpark;
import io.github.sparkrmsprop.update.LearningRateSchedule;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Random;
import org.apache.spark.api.java.JavaRDD;
import org.apache.spark.mllib.classification.LogisticRegressionModel;
import org.apache.spark.mllib.linalg.Vectors;
import org.apache.spark.mllib.regression.LabeledPoint;
import org.apache.spark.mllib.regression.LinearRegressionModel;
import org.junit.jupiter.api.Test;

/** The RDD trainers build MLlib's own models with the right layout and check their input. */
class TrainersTest {

  @Test
  void linearRegressionRecoversAnExactLinearRule() {
    // y = 2 x0 - 3 x1 + 0.5 x2 + 1 with no noise: the least-squares optimum is that rule.
    Random rnd = new Random(1);
    List<LabeledPoint> rows = new ArrayList<>();
    for (int r = 0; r < 200; r++) {
      double[] x = {rnd.nextGaussian(), rnd.nextGaussian(), rnd.nextGaussian()};
      rows.add(new LabeledPoint(2 * x[0] - 3 * x[1] + 0.5 * x[2] + 1, Vectors.dense(x)));
    }
    LinearRegressionWithRMSProp lin = new LinearRegressionWithRMSProp();
    lin.optimizer().setStepSize(0.1).setNumIterations(300)
        .setSchedule(LearningRateSchedule.exponential(0.98));

    LinearRegressionModel model = lin.run(SharedSpark.jsc().parallelize(rows, 2));

    double[] w = model.weights().toArray();
    assertEquals(2.0, w[0], 1e-3);
    assertEquals(-3.0, w[1], 1e-3);
    assertEquals(0.5, w[2], 1e-3);
    assertEquals(1.0, model.intercept(), 1e-3);
  }

  @Test
  void underHeavyRegularizationOnlyTheUnpenalizedInterceptsRemain() {
    // With regParam huge, w -> 0 and the intercept alone fits the data: for logistic loss
    // b = log(p / (1 - p)) with p the share of positive labels; for squared loss b = mean(y).
    Random rnd = new Random(2);
    List<LabeledPoint> rows = new ArrayList<>();
    int positives = 0;
    double labelSum = 0;
    for (int r = 0; r < 100; r++) {
      double label = r % 4 == 0 ? 0.0 : 1.0;
      positives += (int) label;
      labelSum += 3 * label + 1;
      rows.add(new LabeledPoint(label, Vectors.dense(rnd.nextGaussian(), rnd.nextGaussian())));
    }
    JavaRDD<LabeledPoint> data = SharedSpark.jsc().parallelize(rows, 2);
    JavaRDD<LabeledPoint> shifted = data.map(p -> new LabeledPoint(3 * p.label() + 1,
        p.features()));
    LogisticRegressionWithRMSProp lr = new LogisticRegressionWithRMSProp();
    lr.optimizer().setStepSize(0.1).setNumIterations(300).setRegParam(1e3)
        .setSchedule(LearningRateSchedule.exponential(0.98));
    LinearRegressionWithRMSProp lin = new LinearRegressionWithRMSProp();
    lin.optimizer().setStepSize(0.1).setNumIterations(300).setRegParam(1e3)
        .setSchedule(LearningRateSchedule.exponential(0.98));

    LogisticRegressionModel logistic = lr.run(data);
    LinearRegressionModel linear = lin.run(shifted);

    double p = positives / 100.0;
    assertEquals(Math.log(p / (1 - p)), logistic.intercept(), 1e-3);
    assertEquals(labelSum / 100.0, linear.intercept(), 1e-3);
    assertTrue(Arrays.stream(logistic.weights().toArray()).allMatch(x -> Math.abs(x) < 1e-3));
  }

  @Test
  void multinomialBuildsMllibsPivotedLayoutAndSeparatesClasses() {
    // Three well-separated clusters; class k sits around (3k, -3k).
    Random rnd = new Random(3);
    List<LabeledPoint> rows = new ArrayList<>();
    for (int r = 0; r < 300; r++) {
      int k = r % 3;
      rows.add(new LabeledPoint(k, Vectors.dense(3 * k + rnd.nextGaussian() * 0.5,
          -3 * k + rnd.nextGaussian() * 0.5)));
    }
    LogisticRegressionWithRMSProp lr = new LogisticRegressionWithRMSProp().setNumClasses(3);
    lr.optimizer().setStepSize(0.1).setNumIterations(150);

    TrainingResult<LogisticRegressionModel> result =
        lr.runWithResult(SharedSpark.jsc().parallelize(rows, 2).rdd());

    LogisticRegressionModel model = result.model();
    assertEquals(3, model.numClasses());
    assertEquals(2, model.numFeatures());
    assertEquals(2 * 3, model.weights().size(), "(K - 1) blocks of features + intercept");
    long right = rows.stream().filter(p -> model.predict(p.features()) == p.label()).count();
    assertTrue(right >= 290, right + " of 300 right");
    double[] loss = result.optimization().lossHistory();
    assertEquals(Math.log(3), loss[0], 1e-12, "softmax loss at w = 0 is log K");
  }

  @Test
  void badInputIsRefusedNamingTheRowAndTheProblem() {
    LogisticRegressionWithRMSProp lr = new LogisticRegressionWithRMSProp();

    String label = assertThrows(IllegalArgumentException.class, () -> lr.run(rdd(
        new LabeledPoint(0, Vectors.dense(1, 2)), new LabeledPoint(2, Vectors.dense(1, 2)))))
        .getMessage();
    String nan = assertThrows(IllegalArgumentException.class, () -> lr.run(rdd(
        new LabeledPoint(0, Vectors.dense(1, Double.NaN))))).getMessage();
    String size = assertThrows(IllegalArgumentException.class, () -> lr.run(rdd(
        new LabeledPoint(0, Vectors.dense(1, 2)), new LabeledPoint(1, Vectors.dense(1)))))
        .getMessage();
    String empty = assertThrows(IllegalArgumentException.class, () -> lr.run(rdd()))
        .getMessage();
    String huge = assertThrows(IllegalArgumentException.class, () -> lr.run(rdd(
        new LabeledPoint(1, Vectors.dense(1, 2)), new LabeledPoint(0, Vectors.dense(3e160, 1)))))
        .getMessage();

    assertTrue(label.contains("row 1: label 2.0 is outside the model's labels"), label);
    assertTrue(nan.contains("row 0: a feature value is NaN"), nan);
    assertTrue(size.contains("row 1: the feature vector has size 1 but the first row's has "
        + "size 2"), size);
    assertTrue(empty.contains("empty"), empty);
    assertTrue(huge.contains("row 1: the feature value 3.0E160 is so large that its square "
        + "overflows"), huge);
  }

  private static JavaRDD<LabeledPoint> rdd(LabeledPoint... rows) {
    return SharedSpark.jsc().parallelize(Arrays.asList(rows), 1);
  }
}
