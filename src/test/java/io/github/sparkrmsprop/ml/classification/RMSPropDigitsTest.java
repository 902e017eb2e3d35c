package io.github.sparkrmsprop.ml.classification;

import static org.junit.jupiter.api.Assertions.assertEquals;

import io.github.sparkrmsprop.ml.TestData;
import io.github.sparkrmsprop.testing.SharedSpark;
import java.nio.file.Path;
import org.apache.spark.ml.classification.LogisticRegression;
import org.apache.spark.ml.classification.LogisticRegressionModel;
import org.apache.spark.ml.evaluation.MulticlassClassificationEvaluator;
import org.apache.spark.sql.Dataset;
import org.apache.spark.sql.Row;
import org.junit.jupiter.api.Test;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Multinomial logistic regression on real ten-class data: the UCI handwritten digits (1797
 * images of 8x8 pixels, Debian's python3-sklearn copy, pixel values divided by 16, see
 * {@link TestData#digitsLibsvm()}), split 70/30 with seed 2024. RMSProp's test accuracy must
 * be within one point of spark.ml's {@code LogisticRegression} (L-BFGS, multinomial) with the
 * same regParam, no elastic net and the same standardization (50 L-BFGS iterations: 100 give
 * the same accuracy, 0.9724, at twice the time).
 */
class RMSPropDigitsTest {

  private static final Logger LOG = LoggerFactory.getLogger(RMSPropDigitsTest.class);
  private static final double REG_PARAM = 1e-3;

  @Test
  void multinomialAccuracyIsWithinOnePointOfSparkMl() throws Exception {
    Path file = TestData.digitsLibsvm();
    Dataset<Row> digits = SharedSpark.session().read().format("libsvm")
        .option("numFeatures", "64").load(file.toString());
    Dataset<Row>[] split = digits.randomSplit(new double[] {0.7, 0.3}, 2024L);
    Dataset<Row> train = split[0].cache();
    Dataset<Row> test = split[1].cache();
    MulticlassClassificationEvaluator accuracy =
        new MulticlassClassificationEvaluator().setMetricName("accuracy");

    long start = System.nanoTime();
    RMSPropLogisticRegressionModel ours = new RMSPropLogisticRegression()
        .setRegParam(REG_PARAM).setStepSize(0.02).setMaxIter(300).setTol(1e-7)
        .setLearningRateSchedule("invsqrt").fit(train);
    double oursSeconds = (System.nanoTime() - start) / 1e9;
    start = System.nanoTime();
    LogisticRegressionModel spark = new LogisticRegression().setFamily("multinomial")
        .setMaxIter(50).setRegParam(REG_PARAM).setElasticNetParam(0.0).setStandardization(true)
        .fit(train);
    double sparkSeconds = (System.nanoTime() - start) / 1e9;
    double oursAccuracy = accuracy.evaluate(ours.transform(test));
    double sparkAccuracy = accuracy.evaluate(spark.transform(test));

    LOG.warn("digits test accuracy: RMSProp {} ({} iterations, {} s, {}), spark.ml {} ({} s); "
        + "{} train / {} test rows", oursAccuracy, ours.summary().totalIterations(),
        String.format("%.1f", oursSeconds), ours.summary().stopReason(), sparkAccuracy,
        String.format("%.1f", sparkSeconds), train.count(), test.count());
    assertEquals(10, ours.numClasses());
    assertEquals(sparkAccuracy, oursAccuracy, 0.01);
    train.unpersist();
    test.unpersist();
  }
}
