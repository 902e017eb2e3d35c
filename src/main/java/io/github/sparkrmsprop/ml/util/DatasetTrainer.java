package io.github.sparkrmsprop.ml.util;

import static org.apache.spark.sql.functions.col;
import static org.apache.spark.sql.functions.lit;

import io.github.sparkrmsprop.ml.param.RMSPropParams;
import io.github.sparkrmsprop.optimization.OptimizationResult;
import io.github.sparkrmsprop.optimization.RMSPropOptimizer;
import io.github.sparkrmsprop.optimization.StopReason;
import io.github.sparkrmsprop.optimization.WeightedGradient;
import io.github.sparkrmsprop.optimization.WeightedLabel;
import io.github.sparkrmsprop.update.AdaGrad;
import io.github.sparkrmsprop.update.AdaGradConfig;
import io.github.sparkrmsprop.update.Adam;
import io.github.sparkrmsprop.update.AdamConfig;
import io.github.sparkrmsprop.update.LearningRateSchedule;
import io.github.sparkrmsprop.update.SGD;
import io.github.sparkrmsprop.update.SGDConfig;
import io.github.sparkrmsprop.update.UpdateRule;
import java.util.List;
import org.apache.spark.api.java.JavaRDD;
import org.apache.spark.ml.linalg.DenseVector;
import org.apache.spark.ml.linalg.SparseVector;
import org.apache.spark.ml.linalg.Vector;
import org.apache.spark.mllib.linalg.Vectors;
import org.apache.spark.sql.Column;
import org.apache.spark.sql.Dataset;
import org.apache.spark.sql.Row;
import org.apache.spark.storage.StorageLevel;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import scala.Tuple2;

/**
 * The DataFrame side of a fit, shared by the RMSProp stages: select and check the columns,
 * standardize, hand the rows to the core {@link RMSPropOptimizer} (the only training loop)
 * with instance weights, and map the weights back to the original feature space.
 *
 * <p>Steps: (1) one checking pass ({@link InputStats}) that also sums the weights, finds the
 * largest label and, when standardizing, the features' standard deviations; (2) a cached copy
 * of the rows as {@code (WeightedLabel, mllib vector)}, each feature {@code j} multiplied by
 * {@code 1 / std_j} when standardizing ({@code 0} when {@code std_j = 0}), sparse vectors kept
 * sparse; (3) a fresh optimizer per fit, so no state is shared between fits; (4) coefficients
 * {@code w_j / std_j}, intercepts unchanged. The cache is released at the end.
 *
 * <p>Memory: the cached rows (one copy of the selected data) on the executors, plus what
 * {@link RMSPropOptimizer} documents; when standardizing, two dense vectors of the number of
 * features per task during the checking pass.
 */
public final class DatasetTrainer {

  private static final Logger LOG = LoggerFactory.getLogger(DatasetTrainer.class);

  private DatasetTrainer() {
  }

  /** The outcome of a fit, in the original feature space. */
  public static final class Fit {
    /** Weights in the gradient's layout, coefficients already divided by their std. */
    public final double[] weights;
    public final int numFeatures;
    /** For class-index labels, the number of classes; 0 otherwise. */
    public final int numClasses;
    public final RMSPropTrainingSummary summary;

    Fit(double[] weights, int numFeatures, int numClasses, RMSPropTrainingSummary summary) {
      this.weights = weights;
      this.numFeatures = numFeatures;
      this.numClasses = numClasses;
      this.summary = summary;
    }
  }

  /** The loss: makes the gradient for (numFeatures, numClasses). */
  public interface GradientFactory {
    WeightedGradient create(int numFeatures, int numClasses);
  }

  /**
   * Fits the weights.
   *
   * @param stage the stage's name, for messages
   * @param classIndexLabels whether labels must be class indices 0..k-1
   * @param knownNumClasses the number of classes from the label column's metadata, or 0
   * @param numWeights the number of weights for (numFeatures, numClasses)
   */
  public static Fit fit(Dataset<?> dataset, RMSPropParams p, String stage, String labelCol,
      String featuresCol, boolean classIndexLabels, int knownNumClasses,
      GradientFactory gradients, NumWeights numWeights) {
    String weightCol = p.hasWeightCol() ? p.getWeightCol() : null;
    Column weight = weightCol == null ? lit(1.0) : col(weightCol).cast("double");
    JavaRDD<Row> rows = dataset.select(col(labelCol).cast("double"), weight, col(featuresCol))
        .toJavaRDD();
    List<Row> first = rows.take(1);
    if (first.isEmpty()) {
      throw new IllegalArgumentException(stage + ": the training data is empty");
    }
    if (first.get(0).isNullAt(2)) {
      throw new IllegalArgumentException(stage + ": column '" + featuresCol
          + "' (featuresCol) is null in the first row");
    }
    int numFeatures = ((Vector) first.get(0).get(2)).size();

    boolean standardize = p.getStandardization();
    InputStats.Spec spec = new InputStats.Spec(labelCol, weightCol, featuresCol, numFeatures,
        classIndexLabels, knownNumClasses, standardize);
    InputStats stats = rows.mapPartitionsWithIndex(
        (part, it) -> List.of(InputStats.ofPartition(spec, part, it)).iterator(), false)
        .treeReduce(InputStats::merge, p.getAggregationDepth());
    if (stats.problem != null) {
      throw new IllegalArgumentException(stage + ": " + stats.problem);
    }
    if (!(stats.weightSum > 0.0)) {
      throw new IllegalArgumentException(stage + ": the instance weights in column '"
          + weightCol + "' (weightCol) sum to " + stats.weightSum + "; nothing to train on");
    }
    int numClasses = !classIndexLabels ? 0
        : knownNumClasses > 0 ? knownNumClasses : Math.max(2, (int) stats.maxLabel + 1);
    double[] scale = standardize ? inverse(stats.std()) : null;
    LOG.info("{}: {} rows, weight sum {}, {} features{}, {} partitions, standardization {}",
        stage, stats.count, stats.weightSum, numFeatures,
        classIndexLabels ? ", " + numClasses + " classes" : "", rows.getNumPartitions(),
        standardize);

    JavaRDD<Tuple2<Object, org.apache.spark.mllib.linalg.Vector>> prepared = rows.map(r ->
        new Tuple2<>(new WeightedLabel(r.getDouble(0), r.getDouble(1)),
            toMllib((Vector) r.get(2), scale)));
    prepared.persist(StorageLevel.MEMORY_AND_DISK());
    try {
      boolean intercept = p.getFitIntercept();
      int stride = numFeatures + (intercept ? 1 : 0);
      RMSPropOptimizer optimizer = new RMSPropOptimizer();
      String ruleName = p.getUpdateRule();
      if (ruleName.equals("rmsprop")) {
        optimizer.setDecay(p.getDecay())
            .setEpsilon(p.getEpsilon())
            .setCentered(p.getCentered())
            .setMomentum(p.getMomentum());
      } else {
        optimizer.setUpdateRule(otherRule(ruleName));
      }
      optimizer.setGradient(gradients.create(numFeatures, numClasses))
          .setStepSize(p.getStepSize())
          .setNumIterations(p.getMaxIter())
          .setConvergenceTol(p.getTol())
          .setRegParam(p.getRegParam())
          .setElasticNetParam(p.getElasticNetParam())
          .setSchedule(LearningRateSchedule.parse(p.getLearningRateSchedule()))
          .setMiniBatchFraction(p.getMiniBatchFraction())
          .setSeed(p.getSeed())
          .setAggregationDepth(p.getAggregationDepth())
          .setCheckpointDir(p.isDefined(p.checkpointDir()) ? p.getCheckpointDir() : null)
          .setCheckpointInterval(Math.max(p.getCheckpointInterval(), 0))
          .setResume(p.getResume())
          .setInterceptStride(intercept ? stride : 0);
      int dim = numWeights.of(numFeatures, numClasses);
      OptimizationResult result = optimizer.optimizeWithResult(prepared.rdd(),
          Vectors.zeros(dim));
      if (result.stopReason() == StopReason.DIVERGED) {
        LOG.warn("{}: {}; the model keeps the last finite weights", stage, result.message());
      }
      double[] w = result.weights().toArray().clone();
      if (scale != null) {
        for (int i = 0; i < w.length; i++) {
          int j = i % stride;
          if (j < numFeatures) {
            w[i] *= scale[j];
          }
        }
      }
      return new Fit(w, numFeatures, numClasses, new RMSPropTrainingSummary(result));
    } finally {
      prepared.unpersist(false);
    }
  }

  /** The number of weights for (numFeatures, numClasses). */
  public interface NumWeights {
    int of(int numFeatures, int numClasses);
  }

  private static double[] inverse(double[] std) {
    double[] inv = new double[std.length];
    for (int j = 0; j < std.length; j++) {
      inv[j] = std[j] > 0.0 ? 1.0 / std[j] : 0.0;
    }
    return inv;
  }

  /** The mllib form of {@code x}, each value times {@code scale[j]} when scale is given. */
  static org.apache.spark.mllib.linalg.Vector toMllib(Vector x, double[] scale) {
    if (scale == null) {
      return Vectors.fromML(x);
    }
    if (x instanceof SparseVector) {
      SparseVector sv = (SparseVector) x;
      int[] idx = sv.indices();
      double[] val = sv.values().clone();
      for (int i = 0; i < idx.length; i++) {
        val[i] *= scale[idx[i]];
      }
      return Vectors.sparse(sv.size(), idx, val);
    }
    double[] val = ((DenseVector) x).values().clone();
    for (int j = 0; j < val.length; j++) {
      val[j] *= scale[j];
    }
    return Vectors.dense(val);
  }

  /** AdaGrad, Adam or SGD with their defaults; the shared settings are applied after. */
  private static UpdateRule<?> otherRule(String name) {
    switch (name) {
      case "adagrad":
        return new AdaGrad(AdaGradConfig.defaults());
      case "adam":
        return new Adam(AdamConfig.defaults());
      case "sgd":
        return new SGD(SGDConfig.defaults());
      default:
        throw new IllegalArgumentException("updateRule must be one of rmsprop, adagrad, adam, "
            + "sgd but was '" + name + "'");
    }
  }
}
