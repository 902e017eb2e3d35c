package io.github.sparkrmsprop.ml.classification;

import io.github.sparkrmsprop.ml.param.RMSPropParams;
import io.github.sparkrmsprop.ml.param.RMSPropSharedParams;
import io.github.sparkrmsprop.ml.util.DatasetTrainer;
import io.github.sparkrmsprop.ml.util.PendingUid;
import io.github.sparkrmsprop.ml.util.SchemaChecks;
import io.github.sparkrmsprop.ml.util.WeightedLogisticGradient;
import org.apache.spark.ml.classification.ProbabilisticClassifier;
import org.apache.spark.ml.linalg.Vector;
import org.apache.spark.ml.param.DoubleParam;
import org.apache.spark.ml.param.ParamMap;
import org.apache.spark.ml.util.DefaultParamsReadable;
import org.apache.spark.ml.util.DefaultParamsWritable;
import org.apache.spark.ml.util.Identifiable;
import org.apache.spark.ml.util.MLReader;
import org.apache.spark.sql.Dataset;
import org.apache.spark.sql.types.StructType;

/**
 * Logistic regression trained with RMSProp, as a spark.ml {@code ProbabilisticClassifier}:
 * binary for two classes, multinomial for more, with raw prediction, probability and
 * prediction columns, {@code threshold} (binary) and {@code thresholds}.
 *
 * <p>Objective, over rows with label {@code y} in {@code 0..K-1}, features {@code x} and
 * instance weight {@code c} (1 without {@code weightCol}):
 * {@code sum_i c_i loss_i / sum_i c_i + regParam * (alpha ||W||_1 + (1 - alpha)/2 ||W||^2)},
 * {@code alpha = elasticNetParam}, intercepts never regularized. The loss is the pivoted
 * softmax of MLlib: class 0 has margin 0 and class {@code k >= 1} the margin
 * {@code w_k . x + b_k}; {@code loss = log(1 + sum_k exp(m_k)) - m_y}. For two classes this is
 * the binary {@code log(1 + exp(m)) - y m}. With {@code standardization} (the default) the
 * features are divided by their standard deviation (not centered, so sparse vectors stay
 * sparse) and the penalty applies in that scaled space, as in spark.ml; the model reports
 * coefficients in the original space, 0 for features of zero deviation. Training runs the
 * core {@code RMSPropOptimizer} from zero weights with fresh optimizer state on every fit.
 *
 * <p>Number of classes: from the label column's nominal metadata when present, else the
 * largest label plus one (at least 2). Input errors throw {@link IllegalArgumentException}
 * naming the column and the problem: a missing or mistyped column, a label that is not an
 * integer in {@code 0..K-1}, a NaN or infinite feature, a negative or non-finite weight.
 *
 * <p>Parameters and defaults: see {@link RMSPropParams}; {@code threshold} 0.5 in [0, 1].
 * Memory: see {@link DatasetTrainer}: one cached copy of the selected columns, and on the
 * driver a handful of dense vectors of {@code (K - 1) * (numFeatures + 1)} weights.
 *
 * <p>Known differences from spark.ml's {@code LogisticRegression}, each a pointer for later
 * work: the multinomial model is pivoted (class 0 fixed at zero), so with a penalty its
 * coefficients differ from spark.ml's symmetric ones although the predictions are alike;
 * there is no {@code family} parameter (two classes are always binomial); the standard
 * deviation divides by the weight sum, not spark.ml's unbiased divisor; the weights start at
 * zero, not at the log-odds of the classes; training that diverges returns the last finite
 * weights with {@code StopReason.DIVERGED} in the summary and a WARN log instead of failing,
 * so that one bad grid point does not end a cross-validation.
 */
public class RMSPropLogisticRegression extends ProbabilisticClassifier<Vector,
    RMSPropLogisticRegression, RMSPropLogisticRegressionModel>
    implements RMSPropParams, DefaultParamsWritable {

  private static final long serialVersionUID = 1L;
  private static final DefaultParamsReadable<RMSPropLogisticRegression> READABLE =
      new DefaultParamsReadable<>() { };

  /** Set on the first call of uid(), made by Spark's constructors; see PendingUid. */
  private String uid;
  private final RMSPropSharedParams shared;
  private final DoubleParam threshold;

  public RMSPropLogisticRegression(String uid) {
    this(PendingUid.set(uid));
  }

  private RMSPropLogisticRegression(Void pendingUid) {
    this.shared = new RMSPropSharedParams(this);
    this.threshold = RMSPropLogisticRegressionModel.thresholdParam(this);
    setDefault(shared.defaults());
    setDefault(threshold, RMSPropLogisticRegressionModel.DEFAULT_THRESHOLD);
  }

  public RMSPropLogisticRegression() {
    this(Identifiable.randomUID("rmspropLogreg"));
  }

  /** The reader of saved estimators, found by {@code Pipeline.load}. */
  public static MLReader<RMSPropLogisticRegression> read() {
    return READABLE.read();
  }

  public static RMSPropLogisticRegression load(String path) {
    return read().load(path);
  }

  @Override
  public RMSPropSharedParams sharedParams() {
    return shared;
  }

  @Override
  public String uid() {
    if (uid == null) {
      uid = PendingUid.take();
    }
    return uid;
  }

  @Override
  public RMSPropLogisticRegression copy(ParamMap extra) {
    return (RMSPropLogisticRegression) defaultCopy(extra);
  }

  @Override
  public StructType transformSchema(StructType schema) {
    SchemaChecks.requireVector(schema, getFeaturesCol(), "featuresCol", uid);
    SchemaChecks.requireNumeric(schema, getLabelCol(), "labelCol", uid);
    if (hasWeightCol()) {
      SchemaChecks.requireNumeric(schema, getWeightCol(), "weightCol", uid);
    }
    return super.transformSchema(schema);
  }

  @Override
  public RMSPropLogisticRegressionModel train(Dataset<?> dataset) {
    int known = SchemaChecks.numClassesFromMetadata(dataset.schema(), getLabelCol());
    boolean intercept = getFitIntercept();
    DatasetTrainer.Fit fit = DatasetTrainer.fit(dataset, this, uid, getLabelCol(),
        getFeaturesCol(), true, known,
        (d, k) -> new WeightedLogisticGradient(k, d, intercept),
        (d, k) -> new WeightedLogisticGradient(k, d, intercept).numWeights());
    RMSPropLogisticRegressionModel model = RMSPropLogisticRegressionModel.fromWeights(uid,
        fit.weights, fit.numFeatures, fit.numClasses, intercept);
    model.setSummary(fit.summary);
    return copyValues(model, ParamMap.empty());
  }

  /**
   * Binary threshold on the probability of class 1, in [0, 1]. Default 0.5. Clears
   * {@code thresholds}, as spark.ml does.
   */
  public RMSPropLogisticRegression setThreshold(double value) {
    if (isSet(thresholds())) {
      clear(thresholds());
    }
    return (RMSPropLogisticRegression) set(threshold, value);
  }

  /** The binary threshold; derived from {@code thresholds} when those are set. */
  public double getThreshold() {
    return RMSPropLogisticRegressionModel.threshold(this, thresholds(), threshold);
  }

  /** Per-class thresholds, as spark.ml's; clears {@code threshold}. */
  @Override
  public RMSPropLogisticRegression setThresholds(double[] value) {
    if (isSet(threshold)) {
      clear(threshold);
    }
    return (RMSPropLogisticRegression) set(thresholds(), value);
  }

  public DoubleParam threshold() {
    return threshold;
  }

  /** Maximum number of iterations, in [1, inf). Default 100. */
  public RMSPropLogisticRegression setMaxIter(int value) {
    return (RMSPropLogisticRegression) set(shared.maxIter, value);
  }

  /** Base learning rate, in (0, inf). Default 0.01. */
  public RMSPropLogisticRegression setStepSize(double value) {
    return (RMSPropLogisticRegression) set(shared.stepSize, value);
  }

  /** Regularization strength, in [0, inf). Default 0. */
  public RMSPropLogisticRegression setRegParam(double value) {
    return (RMSPropLogisticRegression) set(shared.regParam, value);
  }

  /** Elastic-net mixing, in [0, 1]: 0 is L2, 1 is L1. Default 0. */
  public RMSPropLogisticRegression setElasticNetParam(double value) {
    return (RMSPropLogisticRegression) set(shared.elasticNetParam, value);
  }

  /** Relative weight-change tolerance, in [0, inf); 0 never stops early. Default 1e-6. */
  public RMSPropLogisticRegression setTol(double value) {
    return (RMSPropLogisticRegression) set(shared.tol, value);
  }

  /** Whether to fit an intercept. Default true. */
  public RMSPropLogisticRegression setFitIntercept(boolean value) {
    return (RMSPropLogisticRegression) set(shared.fitIntercept, value);
  }

  /** Whether to scale features by their standard deviation. Default true. */
  public RMSPropLogisticRegression setStandardization(boolean value) {
    return (RMSPropLogisticRegression) set(shared.standardization, value);
  }

  /** Column of instance weights, finite and non-negative. Default unset (all 1). */
  public RMSPropLogisticRegression setWeightCol(String value) {
    return (RMSPropLogisticRegression) set(shared.weightCol, value);
  }

  /** Seed of the mini-batch draws. Default 42. */
  public RMSPropLogisticRegression setSeed(long value) {
    return (RMSPropLogisticRegression) set(shared.seed, value);
  }

  /** The update rule: rmsprop, adagrad, adam or sgd. Default rmsprop. */
  public RMSPropLogisticRegression setUpdateRule(String value) {
    return (RMSPropLogisticRegression) set(shared.updateRule, value);
  }

  /** Checkpoint directory of the optimizer's state. Default unset. */
  public RMSPropLogisticRegression setCheckpointDir(String value) {
    return (RMSPropLogisticRegression) set(shared.checkpointDir, value);
  }

  /** Checkpoint every this many updates (>= 1) or never (-1). Default -1. */
  public RMSPropLogisticRegression setCheckpointInterval(int value) {
    return (RMSPropLogisticRegression) set(shared.checkpointInterval, value);
  }

  /** Resume from the newest checkpoint in checkpointDir. Default false. */
  public RMSPropLogisticRegression setResume(boolean value) {
    return (RMSPropLogisticRegression) set(shared.resume, value);
  }

  /** Depth of the aggregation tree, in [2, inf). Default 2. */
  public RMSPropLogisticRegression setAggregationDepth(int value) {
    return (RMSPropLogisticRegression) set(shared.aggregationDepth, value);
  }

  /** Fraction of the rows in each mini-batch, in (0, 1]. Default 1. */
  public RMSPropLogisticRegression setMiniBatchFraction(double value) {
    return (RMSPropLogisticRegression) set(shared.miniBatchFraction, value);
  }

  /** RMSProp's decay rho, in [0, 1). Default 0.9. */
  public RMSPropLogisticRegression setDecay(double value) {
    return (RMSPropLogisticRegression) set(shared.decay, value);
  }

  /** RMSProp's epsilon, in [0, inf). Default 1e-8. */
  public RMSPropLogisticRegression setEpsilon(double value) {
    return (RMSPropLogisticRegression) set(shared.epsilon, value);
  }

  /** Centered RMSProp. Default false. */
  public RMSPropLogisticRegression setCentered(boolean value) {
    return (RMSPropLogisticRegression) set(shared.centered, value);
  }

  /** RMSProp's momentum, in [0, 1). Default 0. */
  public RMSPropLogisticRegression setMomentum(double value) {
    return (RMSPropLogisticRegression) set(shared.momentum, value);
  }

  /** 'constant', 'invsqrt' or 'exponential:GAMMA'. Default constant. */
  public RMSPropLogisticRegression setLearningRateSchedule(String value) {
    return (RMSPropLogisticRegression) set(shared.learningRateSchedule, value);
  }
}
