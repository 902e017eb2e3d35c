package io.github.sparkrmsprop.jobs;

import java.util.LinkedHashMap;
import java.util.Map;

import org.apache.spark.api.java.JavaRDD;
import org.apache.spark.api.java.JavaSparkContext;
import org.apache.spark.broadcast.Broadcast;
import org.apache.spark.mllib.classification.LogisticRegressionModel;
import org.apache.spark.mllib.evaluation.BinaryClassificationMetrics;
import org.apache.spark.mllib.evaluation.MulticlassMetrics;
import org.apache.spark.mllib.evaluation.RegressionMetrics;
import org.apache.spark.mllib.linalg.SparseVector;
import org.apache.spark.mllib.linalg.Vector;
import org.apache.spark.mllib.regression.LabeledPoint;
import org.apache.spark.mllib.regression.LinearRegressionModel;
import scala.Tuple2;

/**
 * Test-set metrics of a trained model, computed with Spark's own evaluators where Spark has
 * one: {@link BinaryClassificationMetrics} (AUC), {@link MulticlassMetrics} (accuracy),
 * {@link RegressionMetrics} (RMSE, R2, MAE). Log-loss, which MLlib lacks, is the mean of
 * {@code -log(p_y)} with the predicted probability of the true class clipped to
 * {@code [1e-15, 1 - 1e-15]}.
 *
 * <p>Probabilities of a logistic model come from {@link #classProbabilities}: for two classes
 * {@code p_1 = 1 / (1 + exp(-(w.x + b)))}; for {@code K > 2} MLlib's pivoted softmax, class 0
 * with margin 0 and class {@code k} with margin {@code w_k.x + b_k}, the layout
 * {@link LogisticRegressionModel} uses. Each metric map keeps its keys in a fixed order. The
 * model is broadcast once rather than shipped with every task (2^18 weights are 2 MB).
 */
final class Evaluation {

  /** Probabilities are clipped to {@code [CLIP, 1 - CLIP]} before the logarithm. */
  static final double CLIP = 1e-15;

  private Evaluation() {
  }

  /**
   * {@code auc} (two classes only), {@code logLoss} and {@code accuracy} of {@code model} on
   * {@code test}. Accuracy uses the most probable class (threshold 0.5 for two classes).
   */
  static Map<String, Double> classification(LogisticRegressionModel model,
      JavaRDD<LabeledPoint> test) {
    Broadcast<LogisticRegressionModel> m =
        JavaSparkContext.fromSparkContext(test.context()).broadcast(model);
    JavaRDD<Tuple2<Double, double[]>> scored =
        test.map(p -> new Tuple2<>(p.label(), classProbabilities(m.value(), p.features())));
    scored.cache();
    try {
      Map<String, Double> metrics = new LinkedHashMap<>();
      if (model.numClasses() == 2) {
        JavaRDD<Tuple2<Object, Object>> scoreAndLabel =
            scored.map(t -> new Tuple2<>(t._2()[1], t._1()));
        metrics.put("auc", new BinaryClassificationMetrics(scoreAndLabel.rdd())
            .areaUnderROC());
      }
      metrics.put("logLoss", scored.mapToDouble(t -> {
        double p = t._2()[(int) t._1().doubleValue()];
        return -Math.log(Math.min(Math.max(p, CLIP), 1.0 - CLIP));
      }).mean());
      JavaRDD<Tuple2<Object, Object>> predictionAndLabel =
          scored.map(t -> new Tuple2<>((double) argMax(t._2()), t._1()));
      metrics.put("accuracy", new MulticlassMetrics(predictionAndLabel.rdd()).accuracy());
      return metrics;
    } finally {
      scored.unpersist(false);
      m.destroy();
    }
  }

  /** {@code rmse}, {@code r2} and {@code mae} of {@code model} on {@code test}. */
  static Map<String, Double> regression(LinearRegressionModel model,
      JavaRDD<LabeledPoint> test) {
    Broadcast<LinearRegressionModel> m =
        JavaSparkContext.fromSparkContext(test.context()).broadcast(model);
    JavaRDD<Tuple2<Object, Object>> predictionAndLabel =
        test.map(p -> new Tuple2<>(m.value().predict(p.features()), p.label()));
    RegressionMetrics rm = new RegressionMetrics(predictionAndLabel.rdd());
    Map<String, Double> metrics = new LinkedHashMap<>();
    metrics.put("rmse", rm.rootMeanSquaredError());
    metrics.put("r2", rm.r2());
    metrics.put("mae", rm.meanAbsoluteError());
    m.destroy();
    return metrics;
  }

  /** The probability of each class 0..K-1 under {@code model} for the features {@code x}. */
  static double[] classProbabilities(LogisticRegressionModel model, Vector x) {
    int k = model.numClasses();
    double[] w = model.weights().toArray();
    if (k == 2) {
      double margin = dot(w, 0, x) + model.intercept();
      double p1 = 1.0 / (1.0 + Math.exp(-margin));
      return new double[] {1.0 - p1, p1};
    }

    int blockSize = w.length / (k - 1);
    boolean hasBias = blockSize == x.size() + 1;
    double[] margins = new double[k];
    double max = 0.0;
    for (int c = 1; c < k; c++) {
      int offset = (c - 1) * blockSize;
      margins[c] = dot(w, offset, x) + (hasBias ? w[offset + x.size()] : 0.0);
      max = Math.max(max, margins[c]);
    }

    double sum = 0.0;
    for (int c = 0; c < k; c++) {
      margins[c] = Math.exp(margins[c] - max);
      sum += margins[c];
    }
    for (int c = 0; c < k; c++) {
      margins[c] /= sum;
    }
    return margins;
  }

  private static double dot(double[] w, int offset, Vector x) {
    double s = 0.0;
    if (x instanceof SparseVector) {
      SparseVector sv = (SparseVector) x;
      int[] idx = sv.indices();
      double[] val = sv.values();
      for (int j = 0; j < idx.length; j++) {
        s += w[offset + idx[j]] * val[j];
      }
      return s;
    }
    for (int j = 0; j < x.size(); j++) {
      s += w[offset + j] * x.apply(j);
    }
    return s;
  }

  private static int argMax(double[] p) {
    int best = 0;
    for (int c = 1; c < p.length; c++) {
      if (p[c] > p[best]) {
        best = c;
      }
    }
    return best;
  }
}
