package io.github.sparkrmsprop.glm;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import de.bwaldvogel.liblinear.Linear;
import de.bwaldvogel.liblinear.Model;
import de.bwaldvogel.liblinear.Parameter;
import de.bwaldvogel.liblinear.Problem;
import de.bwaldvogel.liblinear.SolverType;
import io.github.sparkrmsprop.classification.LogisticRegressionWithRMSProp;
import io.github.sparkrmsprop.testing.SharedSpark;
import io.github.sparkrmsprop.update.LearningRateSchedule;
import java.io.File;
import java.util.List;
import org.apache.spark.api.java.JavaRDD;
import org.apache.spark.mllib.classification.LogisticRegressionModel;
import org.apache.spark.mllib.regression.LabeledPoint;
import org.apache.spark.mllib.util.MLUtils;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * Regularized logistic regression on the real {@code heart_scale} data (270 rows, 13
 * features, from Debian's liblinear-tools, committed under datasets/) against LIBLINEAR's
 * optimum for the same objective, computed here with the Java port de.bwaldvogel:liblinear.
 *
 * <p>LIBLINEAR minimizes {@code R(w) + C * sum_i log(1 + exp(-y_i w.x_i))} with
 * {@code R = ||w||^2 / 2} (L2) or {@code ||w||_1} (L1), no bias. Divided by {@code C n} this is
 * our objective {@code mean log-loss + lambda * R(w)} with {@code lambda = 1 / (C n)}, so both
 * minimize the same function and the optima must agree.
 */
class HeartScaleLiblinearTest {

  private static final File HEART = new File("datasets/heart_scale");
  private static List<LabeledPoint> rows;
  private static JavaRDD<LabeledPoint> data;

  @BeforeAll
  static void load() {
    // LIBSVM labels are -1/+1; MLlib's logistic loss wants 0/1.
    data = MLUtils.loadLibSVMFile(SharedSpark.jsc().sc(), HEART.getPath()).toJavaRDD()
        .map(p -> new LabeledPoint(p.label() > 0 ? 1.0 : 0.0, p.features()))
        .repartition(2).cache();
    rows = data.collect();
  }

  @Test
  void l2ObjectiveIsWithin1e4OfLiblinearsOptimum() throws Exception {
    double c = 1.0;
    double lambda = 1.0 / (c * rows.size());
    double[] optimum = liblinear(SolverType.L2R_LR, c);
    LogisticRegressionWithRMSProp lr = new LogisticRegressionWithRMSProp().setIntercept(false);
    lr.optimizer().setStepSize(0.1).setNumIterations(250).setRegParam(lambda)
        .setSchedule(LearningRateSchedule.exponential(0.98)).setConvergenceTol(0.0);

    TrainingResult<LogisticRegressionModel> result = lr.runWithResult(data.rdd());

    double best = objective(optimum, lambda, 0.0);
    double ours = objective(result.model().weights().toArray(), lambda, 0.0);
    assertTrue((ours - best) / best <= 1e-4,
        "objective " + ours + " vs LIBLINEAR's " + best + ", relative gap " + (ours - best) / best);
    assertEquals(ours, result.optimization().finalLoss(), 1e-12,
        "the optimizer's final loss is this objective at its weights");
  }

  @Test
  void l1ZerosTheCoefficientsLiblinearZeros() throws Exception {
    double c = 0.1;
    double lambda = 1.0 / (c * rows.size());
    double[] optimum = liblinear(SolverType.L1R_LR, c);
    LogisticRegressionWithRMSProp lr = new LogisticRegressionWithRMSProp().setIntercept(false);
    lr.optimizer().setStepSize(0.1).setNumIterations(250).setRegParam(lambda)
        .setElasticNetParam(1.0).setSchedule(LearningRateSchedule.exponential(0.98))
        .setConvergenceTol(0.0);

    double[] ours = lr.run(data.rdd()).weights().toArray();

    int zeros = 0;
    int nonZeros = 0;
    for (int j = 0; j < optimum.length; j++) {
      if (optimum[j] == 0.0) {
        zeros++;
        assertEquals(0.0, ours[j], 0.0, "coefficient " + j + " is zero in LIBLINEAR's optimum");
      } else {
        nonZeros++;
      }
    }
    assertTrue(zeros > 0 && nonZeros > 0, "the optimum must mix zeros (" + zeros
        + ") and non-zeros (" + nonZeros + ") for this test to mean anything");
    double best = objective(optimum, lambda, 1.0);
    double got = objective(ours, lambda, 1.0);
    assertTrue((got - best) / best <= 1e-3, "L1 objective " + got + " vs " + best);
  }

  /** LIBLINEAR's weights for the +1 class, no bias, tight tolerance. */
  private static double[] liblinear(SolverType solver, double c) throws Exception {
    Linear.disableDebugOutput();
    Problem problem = Problem.readFromFile(HEART, -1.0);
    Model model = Linear.train(problem, new Parameter(solver, c, 1e-10));
    double[] w = model.getFeatureWeights().clone();
    if (model.getLabels()[0] != 1) {
      for (int j = 0; j < w.length; j++) {
        w[j] = -w[j];
      }
    }
    return w;
  }

  /** {@code mean log-loss + lambda * ((1 - a)/2 ||w||^2 + a ||w||_1)}, written out here. */
  private static double objective(double[] w, double lambda, double a) {
    double sum = 0.0;
    for (LabeledPoint p : rows) {
      double z = 0.0;
      double[] x = p.features().toArray();
      for (int j = 0; j < w.length; j++) {
        z += w[j] * x[j];
      }
      double yz = p.label() > 0 ? z : -z;
      sum += yz > 0 ? Math.log1p(Math.exp(-yz)) : -yz + Math.log1p(Math.exp(yz));
    }
    double l1 = 0.0;
    double l2 = 0.0;
    for (double wj : w) {
      l1 += Math.abs(wj);
      l2 += wj * wj;
    }
    return sum / rows.size() + lambda * ((1 - a) / 2 * l2 + a * l1);
  }
}
