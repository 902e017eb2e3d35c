package io.github.sparkrmsprop.ml.param;

import io.github.sparkrmsprop.update.RMSPropConfig;
import java.io.Serializable;
import java.util.List;
import org.apache.spark.ml.param.BooleanParam;
import org.apache.spark.ml.param.DoubleParam;
import org.apache.spark.ml.param.IntParam;
import org.apache.spark.ml.param.LongParam;
import org.apache.spark.ml.param.Param;
import org.apache.spark.ml.param.ParamPair;
import org.apache.spark.ml.util.Identifiable;
import scala.jdk.javaapi.CollectionConverters;

/**
 * The {@code Param} objects of {@link RMSPropParams}, created for one stage (their parent)
 * with their docs and validators, and their defaults. A stage creates one in its constructor,
 * once its uid is known, and passes {@link #defaults()} to {@code setDefault}.
 */
public final class RMSPropSharedParams implements Serializable {

  private static final long serialVersionUID = 1L;

  public final IntParam maxIter;
  public final DoubleParam stepSize;
  public final DoubleParam regParam;
  public final DoubleParam elasticNetParam;
  public final DoubleParam tol;
  public final BooleanParam fitIntercept;
  public final BooleanParam standardization;
  public final Param<String> weightCol;
  public final LongParam seed;
  public final IntParam aggregationDepth;
  public final DoubleParam miniBatchFraction;
  public final DoubleParam decay;
  public final DoubleParam epsilon;
  public final BooleanParam centered;
  public final DoubleParam momentum;
  public final Param<String> learningRateSchedule;
  public final Param<String> updateRule;
  public final Param<String> checkpointDir;
  public final IntParam checkpointInterval;
  public final BooleanParam resume;

  /** Declares the parameters of {@code parent}. */
  public RMSPropSharedParams(Identifiable parent) {
    maxIter = new IntParam(parent, "maxIter", "maximum number of iterations, in [1, inf). "
        + "Default " + RMSPropParams.DEFAULT_MAX_ITER + ".", RangeCheck.atLeast("maxIter", 1));
    stepSize = new DoubleParam(parent, "stepSize", "base learning rate of RMSProp, in "
        + "(0, inf). Default " + RMSPropParams.DEFAULT_STEP_SIZE + ".",
        RangeCheck.positive("stepSize"));
    regParam = new DoubleParam(parent, "regParam", "regularization strength lambda, in "
        + "[0, inf). Default 0.", RangeCheck.atLeast("regParam", 0.0));
    elasticNetParam = new DoubleParam(parent, "elasticNetParam", "elastic-net mixing alpha, "
        + "in [0, 1]: 0 is L2, 1 is L1. Default 0.", RangeCheck.closed("elasticNetParam", 0, 1));
    tol = new DoubleParam(parent, "tol", "convergence tolerance on the relative change of the "
        + "weights, in [0, inf); 0 never stops early. Default " + RMSPropParams.DEFAULT_TOL + ".",
        RangeCheck.atLeast("tol", 0.0));
    fitIntercept = new BooleanParam(parent, "fitIntercept", "whether to fit an intercept "
        + "(never regularized). Default true.");
    standardization = new BooleanParam(parent, "standardization", "whether to divide each "
        + "feature by its standard deviation before training (not centered, so sparse stays "
        + "sparse); coefficients are reported in the original space. Default true.");
    weightCol = new Param<>(parent, "weightCol", "numeric column of non-negative instance "
        + "weights. Default unset: every weight is 1.");
    seed = new LongParam(parent, "seed", "seed of the mini-batch draws. Default "
        + RMSPropParams.DEFAULT_SEED + ".");
    aggregationDepth = new IntParam(parent, "aggregationDepth", "depth of the aggregation "
        + "tree, in [2, inf). Default " + RMSPropParams.DEFAULT_AGGREGATION_DEPTH + ".",
        RangeCheck.atLeast("aggregationDepth", 2));
    miniBatchFraction = new DoubleParam(parent, "miniBatchFraction", "fraction of the data "
        + "in each iteration's mini-batch, in (0, 1]. Default 1.",
        RangeCheck.openClosed("miniBatchFraction", 0, 1));
    decay = new DoubleParam(parent, "decay", "decay rho of RMSProp's moving averages, in "
        + "[0, 1). Default " + RMSPropConfig.DEFAULT_DECAY + ".",
        RangeCheck.closedOpen("decay", 0, 1));
    epsilon = new DoubleParam(parent, "epsilon", "epsilon added to RMSProp's denominator, in "
        + "[0, inf). Default " + RMSPropConfig.DEFAULT_EPSILON + ".",
        RangeCheck.atLeast("epsilon", 0.0));
    centered = new BooleanParam(parent, "centered", "centered RMSProp: divide by the "
        + "estimated variance of the gradient. Default false.");
    momentum = new DoubleParam(parent, "momentum", "momentum mu of RMSProp, in [0, 1). "
        + "Default " + RMSPropConfig.DEFAULT_MOMENTUM + ".",
        RangeCheck.closedOpen("momentum", 0, 1));
    learningRateSchedule = new Param<>(parent, "learningRateSchedule", "learning-rate "
        + "schedule: 'constant', 'invsqrt' (lr / sqrt(t)) or 'exponential:GAMMA' "
        + "(lr * GAMMA^(t-1)). Default " + RMSPropParams.DEFAULT_SCHEDULE + ".",
        RangeCheck.schedule());
    updateRule = new Param<>(parent, "updateRule", "the update rule: 'rmsprop', or "
        + "'adagrad', 'adam', 'sgd' with PyTorch's defaults (decay, epsilon, centered and "
        + "momentum apply to rmsprop only; stepSize, regParam, elasticNetParam and the "
        + "schedule to every rule). Default rmsprop.", RangeCheck.oneOf("updateRule",
            "rmsprop", "adagrad", "adam", "sgd"));
    checkpointDir = new Param<>(parent, "checkpointDir", "directory, on any Hadoop file "
        + "system, for checkpoints of the optimizer's state during a fit. Default unset.");
    checkpointInterval = new IntParam(parent, "checkpointInterval", "write a checkpoint "
        + "every this many updates (>= 1), or never (-1); needs checkpointDir. Default -1.",
        RangeCheck.checkpointInterval());
    resume = new BooleanParam(parent, "resume", "start a fit from the newest checkpoint in "
        + "checkpointDir, which must come from the same settings and data size. Default "
        + "false.");
  }

  /** The default of every parameter that has one (all but weightCol and checkpointDir). */
  public scala.collection.immutable.Seq<ParamPair<?>> defaults() {
    List<ParamPair<?>> pairs = List.of(
        maxIter.w(RMSPropParams.DEFAULT_MAX_ITER),
        stepSize.w(RMSPropParams.DEFAULT_STEP_SIZE),
        regParam.w(0.0),
        elasticNetParam.w(0.0),
        tol.w(RMSPropParams.DEFAULT_TOL),
        fitIntercept.w(true),
        standardization.w(true),
        seed.w(RMSPropParams.DEFAULT_SEED),
        aggregationDepth.w(RMSPropParams.DEFAULT_AGGREGATION_DEPTH),
        miniBatchFraction.w(1.0),
        decay.w(RMSPropConfig.DEFAULT_DECAY),
        epsilon.w(RMSPropConfig.DEFAULT_EPSILON),
        centered.w(false),
        momentum.w(RMSPropConfig.DEFAULT_MOMENTUM),
        learningRateSchedule.w(RMSPropParams.DEFAULT_SCHEDULE),
        updateRule.w("rmsprop"),
        checkpointInterval.w(-1),
        resume.w(false));
    return CollectionConverters.asScala(pairs).toSeq();
  }
}
