package io.github.sparkrmsprop.ml.regression;

import io.github.sparkrmsprop.ml.param.RMSPropParams;
import io.github.sparkrmsprop.ml.param.RMSPropSharedParams;
import io.github.sparkrmsprop.ml.util.DatasetTrainer;
import io.github.sparkrmsprop.ml.util.PendingUid;
import io.github.sparkrmsprop.ml.util.SchemaChecks;
import io.github.sparkrmsprop.ml.util.WeightedLeastSquaresGradient;
import org.apache.spark.ml.linalg.Vector;
import org.apache.spark.ml.param.ParamMap;
import org.apache.spark.ml.regression.Regressor;
import org.apache.spark.ml.util.DefaultParamsReadable;
import org.apache.spark.ml.util.DefaultParamsWritable;
import org.apache.spark.ml.util.Identifiable;
import org.apache.spark.ml.util.MLReader;
import org.apache.spark.sql.Dataset;
import org.apache.spark.sql.types.StructType;

/**
 * Linear regression with squared loss trained with RMSProp, as a spark.ml {@code Regressor}.
 *
 * <p>Objective, over rows with label {@code y}, features {@code x} and instance weight
 * {@code c} (1 without {@code weightCol}):
 * {@code sum_i c_i (w . x_i + b - y_i)^2 / (2 sum_i c_i)
 * + regParam * (alpha ||w||_1 + (1 - alpha)/2 ||w||^2)}, {@code alpha = elasticNetParam},
 * the intercept {@code b} never regularized. Labels are used as they are (spark.ml's
 * {@code LinearRegression} also scales the label by its deviation; this stage does not). With
 * {@code standardization} (the default) the features are divided by their standard deviation
 * (not centered, so sparse vectors stay sparse) and the penalty applies in that scaled space;
 * the model reports coefficients in the original space, 0 for features of zero deviation.
 * Training runs the core {@code RMSPropOptimizer} from zero weights with fresh optimizer
 * state on every fit.
 *
 * <p>Input errors throw {@link IllegalArgumentException} naming the column and the problem:
 * a missing or mistyped column, a non-finite label or feature, a negative or non-finite
 * weight. Parameters and defaults: see {@link RMSPropParams}. Memory: see
 * {@link DatasetTrainer}.
 */
public class RMSPropLinearRegression
    extends Regressor<Vector, RMSPropLinearRegression, RMSPropLinearRegressionModel>
    implements RMSPropParams, DefaultParamsWritable {

  private static final long serialVersionUID = 1L;
  private static final DefaultParamsReadable<RMSPropLinearRegression> READABLE =
      new DefaultParamsReadable<>() { };

  /** Set on the first call of uid(), made by Spark's constructors; see PendingUid. */
  private String uid;
  private final RMSPropSharedParams shared;

  public RMSPropLinearRegression(String uid) {
    this(PendingUid.set(uid));
  }

  private RMSPropLinearRegression(Void pendingUid) {
    this.shared = new RMSPropSharedParams(this);
    setDefault(shared.defaults());
  }

  public RMSPropLinearRegression() {
    this(Identifiable.randomUID("rmspropLinReg"));
  }

  /** The reader of saved estimators, found by {@code Pipeline.load}. */
  public static MLReader<RMSPropLinearRegression> read() {
    return READABLE.read();
  }

  public static RMSPropLinearRegression load(String path) {
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
  public RMSPropLinearRegression copy(ParamMap extra) {
    return (RMSPropLinearRegression) defaultCopy(extra);
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
  public RMSPropLinearRegressionModel train(Dataset<?> dataset) {
    boolean intercept = getFitIntercept();
    DatasetTrainer.Fit fit = DatasetTrainer.fit(dataset, this, uid, getLabelCol(),
        getFeaturesCol(), false, 0,
        (d, k) -> new WeightedLeastSquaresGradient(d, intercept),
        (d, k) -> d + (intercept ? 1 : 0));
    RMSPropLinearRegressionModel model = RMSPropLinearRegressionModel.fromWeights(uid,
        fit.weights, fit.numFeatures, intercept);
    model.setSummary(fit.summary);
    return copyValues(model, ParamMap.empty());
  }

  /** Maximum number of iterations, in [1, inf). Default 100. */
  public RMSPropLinearRegression setMaxIter(int value) {
    return (RMSPropLinearRegression) set(shared.maxIter, value);
  }

  /** Base learning rate, in (0, inf). Default 0.01. */
  public RMSPropLinearRegression setStepSize(double value) {
    return (RMSPropLinearRegression) set(shared.stepSize, value);
  }

  /** Regularization strength, in [0, inf). Default 0. */
  public RMSPropLinearRegression setRegParam(double value) {
    return (RMSPropLinearRegression) set(shared.regParam, value);
  }

  /** Elastic-net mixing, in [0, 1]: 0 is L2, 1 is L1. Default 0. */
  public RMSPropLinearRegression setElasticNetParam(double value) {
    return (RMSPropLinearRegression) set(shared.elasticNetParam, value);
  }

  /** Relative weight-change tolerance, in [0, inf); 0 never stops early. Default 1e-6. */
  public RMSPropLinearRegression setTol(double value) {
    return (RMSPropLinearRegression) set(shared.tol, value);
  }

  /** Whether to fit an intercept. Default true. */
  public RMSPropLinearRegression setFitIntercept(boolean value) {
    return (RMSPropLinearRegression) set(shared.fitIntercept, value);
  }

  /** Whether to scale features by their standard deviation. Default true. */
  public RMSPropLinearRegression setStandardization(boolean value) {
    return (RMSPropLinearRegression) set(shared.standardization, value);
  }

  /** Column of instance weights, finite and non-negative. Default unset (all 1). */
  public RMSPropLinearRegression setWeightCol(String value) {
    return (RMSPropLinearRegression) set(shared.weightCol, value);
  }

  /** Seed of the mini-batch draws. Default 42. */
  public RMSPropLinearRegression setSeed(long value) {
    return (RMSPropLinearRegression) set(shared.seed, value);
  }

  /** The update rule: rmsprop, adagrad, adam or sgd. Default rmsprop. */
  public RMSPropLinearRegression setUpdateRule(String value) {
    return (RMSPropLinearRegression) set(shared.updateRule, value);
  }

  /** Checkpoint directory of the optimizer's state. Default unset. */
  public RMSPropLinearRegression setCheckpointDir(String value) {
    return (RMSPropLinearRegression) set(shared.checkpointDir, value);
  }

  /** Checkpoint every this many updates (>= 1) or never (-1). Default -1. */
  public RMSPropLinearRegression setCheckpointInterval(int value) {
    return (RMSPropLinearRegression) set(shared.checkpointInterval, value);
  }

  /** Resume from the newest checkpoint in checkpointDir. Default false. */
  public RMSPropLinearRegression setResume(boolean value) {
    return (RMSPropLinearRegression) set(shared.resume, value);
  }

  /** Depth of the aggregation tree, in [2, inf). Default 2. */
  public RMSPropLinearRegression setAggregationDepth(int value) {
    return (RMSPropLinearRegression) set(shared.aggregationDepth, value);
  }

  /** Fraction of the rows in each mini-batch, in (0, 1]. Default 1. */
  public RMSPropLinearRegression setMiniBatchFraction(double value) {
    return (RMSPropLinearRegression) set(shared.miniBatchFraction, value);
  }

  /** RMSProp's decay rho, in [0, 1). Default 0.9. */
  public RMSPropLinearRegression setDecay(double value) {
    return (RMSPropLinearRegression) set(shared.decay, value);
  }

  /** RMSProp's epsilon, in [0, inf). Default 1e-8. */
  public RMSPropLinearRegression setEpsilon(double value) {
    return (RMSPropLinearRegression) set(shared.epsilon, value);
  }

  /** Centered RMSProp. Default false. */
  public RMSPropLinearRegression setCentered(boolean value) {
    return (RMSPropLinearRegression) set(shared.centered, value);
  }

  /** RMSProp's momentum, in [0, 1). Default 0. */
  public RMSPropLinearRegression setMomentum(double value) {
    return (RMSPropLinearRegression) set(shared.momentum, value);
  }

  /** 'constant', 'invsqrt' or 'exponential:GAMMA'. Default constant. */
  public RMSPropLinearRegression setLearningRateSchedule(String value) {
    return (RMSPropLinearRegression) set(shared.learningRateSchedule, value);
  }
}
