package io.github.sparkrmsprop.classification;

import io.github.sparkrmsprop.glm.LinearModelTrainer;
import io.github.sparkrmsprop.update.Checks;
import java.util.Arrays;
import org.apache.spark.mllib.classification.LogisticRegressionModel;
import org.apache.spark.mllib.linalg.Vectors;
import org.apache.spark.mllib.optimization.Gradient;
import org.apache.spark.mllib.optimization.LogisticGradient;

/**
 * Logistic regression trained with RMSProp on an {@code RDD<LabeledPoint>}, returning MLlib's
 * own {@link LogisticRegressionModel}.
 *
 * <p>Binary ({@code numClasses = 2}, the default, labels 0 and 1): the loss per example is
 * {@code log(1 + exp(w.x + b)) - y (w.x + b)}. Multinomial ({@code numClasses = K > 2},
 * labels 0..K-1): MLlib's pivoted softmax with class 0 as the pivot, {@code K - 1} weight
 * blocks of {@code numFeatures + 1} (with intercept) laid out as MLlib's multinomial
 * {@code LogisticRegressionModel} expects. The objective is the mean loss plus
 * {@code regParam * (alpha ||w||_1 + (1 - alpha)/2 ||w||^2)}, intercepts excluded.
 *
 * <pre>{@code
 * LogisticRegressionWithRMSProp lr = new LogisticRegressionWithRMSProp().setNumClasses(2);
 * lr.optimizer().setStepSize(0.05).setNumIterations(200).setRegParam(0.01);
 * LogisticRegressionModel model = lr.run(trainingRdd);
 * }</pre>
 */
public class LogisticRegressionWithRMSProp
    extends LinearModelTrainer<LogisticRegressionModel, LogisticRegressionWithRMSProp> {

  private static final long serialVersionUID = 1L;

  private int numClasses = 2;

  /** Number of classes, in [2, inf). Default 2. */
  public LogisticRegressionWithRMSProp setNumClasses(int numClasses) {
    Checks.atLeast("numClasses", numClasses, 2);
    this.numClasses = numClasses;
    return this;
  }

  public int getNumClasses() {
    return numClasses;
  }

  @Override
  protected Gradient gradient() {
    return new LogisticGradient(numClasses);
  }

  @Override
  protected int numLinearPredictors() {
    return numClasses - 1;
  }

  @Override
  protected String checkLabel(double label) {
    if (label >= 0 && label < numClasses && label == Math.rint(label)) {
      return null;
    }
    return "is outside the model's labels: must be an integer in [0, " + (numClasses - 1)
        + "] for numClasses " + numClasses;
  }

  @Override
  protected LogisticRegressionModel buildModel(double[] weights, int numFeatures) {
    if (numClasses == 2 && isAddIntercept()) {
      return new LogisticRegressionModel(
          Vectors.dense(Arrays.copyOf(weights, numFeatures)), weights[numFeatures],
          numFeatures, 2);
    }
    return new LogisticRegressionModel(Vectors.dense(weights), 0.0, numFeatures, numClasses);
  }
}
