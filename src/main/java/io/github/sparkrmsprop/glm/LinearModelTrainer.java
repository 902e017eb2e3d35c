package io.github.sparkrmsprop.glm;

import io.github.sparkrmsprop.optimization.OptimizationResult;
import io.github.sparkrmsprop.optimization.RMSPropOptimizer;
import io.github.sparkrmsprop.optimization.StopReason;
import java.util.ArrayList;
import java.util.Iterator;
import java.util.List;
import java.util.Objects;
import org.apache.spark.api.java.JavaRDD;
import org.apache.spark.mllib.linalg.SparseVector;
import org.apache.spark.mllib.linalg.Vector;
import org.apache.spark.mllib.linalg.Vectors;
import org.apache.spark.mllib.optimization.Gradient;
import org.apache.spark.mllib.regression.GeneralizedLinearModel;
import org.apache.spark.mllib.regression.LabeledPoint;
import org.apache.spark.mllib.util.MLUtils;
import org.apache.spark.rdd.RDD;
import org.apache.spark.storage.StorageLevel;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import scala.Tuple2;

/**
 * What the RDD trainers share: check the input, append the bias feature when an intercept is
 * fitted, run {@link RMSPropOptimizer} (a copy of {@link #optimizer()} with the model's
 * gradient and intercept layout), and build MLlib's own model from the weights.
 *
 * <p>Input checks, one distributed pass before training: the input is not empty; every
 * feature vector has the size of the first; every feature value is finite and small enough
 * that its square is finite; every label is one the model accepts. A failure throws
 * {@link IllegalArgumentException} naming the partition, the row within it and the problem.
 *
 * <p>The prepared rows (with the bias feature appended when an intercept is fitted, so the
 * append is not redone every iteration) are cached for the run, memory and disk, and
 * released at its end; only an already cached input without intercept is used as it is. A
 * cached input with an intercept is therefore held twice during the run. The intercept is
 * never regularized.
 *
 * @param <M> the MLlib model built
 * @param <T> the concrete trainer, returned by the fluent setters
 */
public abstract class LinearModelTrainer<M extends GeneralizedLinearModel,
    T extends LinearModelTrainer<M, T>> implements java.io.Serializable {

  private static final long serialVersionUID = 1L;
  private static final Logger LOG = LoggerFactory.getLogger(LinearModelTrainer.class);

  private final RMSPropOptimizer optimizer = new RMSPropOptimizer();
  private boolean addIntercept = true;

  /**
   * The optimizer this trainer runs, to configure (step size, iterations, regularization,
   * RMSProp's hyperparameters, or another update rule through
   * {@link RMSPropOptimizer#setUpdateRule}). Its gradient and intercept layout are set by the
   * trainer.
   */
  public RMSPropOptimizer optimizer() {
    return optimizer;
  }

  /** Whether to fit an intercept. Default true. */
  public T setIntercept(boolean addIntercept) {
    this.addIntercept = addIntercept;
    return self();
  }

  public boolean isAddIntercept() {
    return addIntercept;
  }

  /** Trains from zero weights. */
  public M run(RDD<LabeledPoint> input) {
    return runWithResult(input).model();
  }

  /** Trains from zero weights; Java-friendly. */
  public M run(JavaRDD<LabeledPoint> input) {
    return run(input.rdd());
  }

  /**
   * Trains and returns the model with the optimizer's result (loss history, stop reason).
   *
   * @throws IllegalArgumentException when the input fails a check
   * @throws IllegalStateException when training diverged
   */
  public TrainingResult<M> runWithResult(RDD<LabeledPoint> input) {
    int numFeatures = checkInput(input);
    int stride = numFeatures + (addIntercept ? 1 : 0);
    int numWeights = stride * numLinearPredictors();

    boolean bias = addIntercept;
    JavaRDD<Tuple2<Object, Vector>> rows = input.toJavaRDD().map(p -> new Tuple2<>(
        (Object) p.label(), bias ? MLUtils.appendBias(p.features()) : p.features()));
    boolean cacheHere = bias || input.getStorageLevel().equals(StorageLevel.NONE());
    if (cacheHere) {
      rows.persist(StorageLevel.MEMORY_AND_DISK());
    }
    try {
      RMSPropOptimizer run = optimizer.copy()
          .setGradient(gradient())
          .setInterceptStride(addIntercept ? stride : 0);
      OptimizationResult result = run.optimizeWithResult(rows.rdd(), Vectors.zeros(numWeights));
      if (result.stopReason() == StopReason.DIVERGED) {
        throw new IllegalStateException(result.message());
      }
      return new TrainingResult<>(buildModel(result.weights().toArray(), numFeatures), result);
    } finally {
      if (cacheHere) {
        rows.unpersist(false);
      }
    }
  }

  /** The MLlib gradient of this model's loss. */
  protected abstract Gradient gradient();

  /** Number of weight blocks: 1, or {@code numClasses - 1} for multinomial. */
  protected abstract int numLinearPredictors();

  /** Null when {@code label} is accepted, else a phrase saying which labels are. */
  protected abstract String checkLabel(double label);

  /**
   * Builds the model from the weights, laid out as {@link #numLinearPredictors()} blocks of
   * {@code numFeatures} coefficients followed by the intercept when one is fitted.
   */
  protected abstract M buildModel(double[] weights, int numFeatures);

  @SuppressWarnings("unchecked")
  private T self() {
    return (T) this;
  }

  /** Checks every row; returns the number of features. */
  private int checkInput(RDD<LabeledPoint> input) {
    Objects.requireNonNull(input, "input");
    JavaRDD<LabeledPoint> rows = input.toJavaRDD();
    List<LabeledPoint> first = rows.take(1);
    if (first.isEmpty()) {
      throw new IllegalArgumentException("the training input is empty: no rows to train on");
    }
    int numFeatures = first.get(0).features().size();
    if (numFeatures == 0) {
      throw new IllegalArgumentException("the training rows have no features (size 0)");
    }
    LinearModelTrainer<M, T> trainer = this;
    List<String> problems = rows.mapPartitionsWithIndex((part, it) -> {
      List<String> found = new ArrayList<>(1);
      String problem = trainer.firstProblem(it, numFeatures);
      if (problem != null) {
        found.add("partition " + part + ", " + problem);
      }
      return found.iterator();
    }, false).collect();
    if (!problems.isEmpty()) {
      throw new IllegalArgumentException("bad training input at " + problems.get(0)
          + (problems.size() > 1 ? " (and in " + (problems.size() - 1)
              + " more partitions)" : ""));
    }
    LOG.info("Input checked: {} features, {} partitions", numFeatures,
        input.getNumPartitions());
    return numFeatures;
  }

  private String firstProblem(Iterator<LabeledPoint> it, int numFeatures) {
    long row = 0;
    while (it.hasNext()) {
      LabeledPoint p = it.next();
      String labelProblem = Double.isFinite(p.label()) ? checkLabel(p.label())
          : "must be finite";
      if (labelProblem != null) {
        return "row " + row + ": label " + p.label() + " " + labelProblem;
      }
      Vector x = p.features();
      if (x.size() != numFeatures) {
        return "row " + row + ": the feature vector has size " + x.size()
            + " but the first row's has size " + numFeatures;
      }
      double[] values = x instanceof SparseVector ? ((SparseVector) x).values() : x.toArray();
      for (int k = 0; k < values.length; k++) {
        if (!Double.isFinite(values[k])) {
          return "row " + row + ": a feature value is " + values[k]
              + "; features must be finite";
        }
        if (!Double.isFinite(values[k] * values[k])) {
          return "row " + row + ": the feature value " + values[k] + " is so large that its "
              + "square overflows a double; scale the features";
        }
      }
      row++;
    }
    return null;
  }
}
