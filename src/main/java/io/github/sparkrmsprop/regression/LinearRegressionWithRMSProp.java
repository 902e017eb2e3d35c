package io.github.sparkrmsprop.regression;

import io.github.sparkrmsprop.glm.LinearModelTrainer;
import java.util.Arrays;
import org.apache.spark.mllib.linalg.Vectors;
import org.apache.spark.mllib.optimization.Gradient;
import org.apache.spark.mllib.optimization.LeastSquaresGradient;
import org.apache.spark.mllib.regression.LinearRegressionModel;

/**
 * Linear regression with squared loss trained with RMSProp on an {@code RDD<LabeledPoint>},
 * returning MLlib's own {@link LinearRegressionModel}. The objective is
 * {@code mean(0.5 (w.x + b - y)^2) + regParam * (alpha ||w||_1 + (1 - alpha)/2 ||w||^2)}:
 * least squares, ridge ({@code alpha = 0}), lasso ({@code alpha = 1}) or elastic net, the
 * intercept {@code b} never regularized. Any finite label is accepted.
 *
 * <pre>{@code
 * LinearRegressionWithRMSProp lin = new LinearRegressionWithRMSProp();
 * lin.optimizer().setStepSize(0.05).setNumIterations(300).setRegParam(0.1)
 *     .setElasticNetParam(1.0);
 * LinearRegressionModel model = lin.run(trainingRdd);
 * }</pre>
 */
public class LinearRegressionWithRMSProp
    extends LinearModelTrainer<LinearRegressionModel, LinearRegressionWithRMSProp> {

  private static final long serialVersionUID = 1L;

  @Override
  protected Gradient gradient() {
    return new LeastSquaresGradient();
  }

  @Override
  protected int numLinearPredictors() {
    return 1;
  }

  @Override
  protected String checkLabel(double label) {
    return null;
  }

  @Override
  protected LinearRegressionModel buildModel(double[] weights, int numFeatures) {
    double intercept = isAddIntercept() ? weights[numFeatures] : 0.0;
    return new LinearRegressionModel(Vectors.dense(Arrays.copyOf(weights, numFeatures)),
        intercept);
  }
}
