package io.github.sparkrmsprop.ml.param;

import io.github.sparkrmsprop.optimization.RMSPropOptimizer;
import io.github.sparkrmsprop.update.LearningRateSchedule;
import io.github.sparkrmsprop.update.RMSPropConfig;
import org.apache.spark.ml.param.BooleanParam;
import org.apache.spark.ml.param.DoubleParam;
import org.apache.spark.ml.param.IntParam;
import org.apache.spark.ml.param.LongParam;
import org.apache.spark.ml.param.Param;
import org.apache.spark.ml.param.Params;

/**
 * The parameters every RMSProp stage has, estimators and models alike (a model carries the
 * values it was trained with). Names, meaning and types follow spark.ml where spark.ml has the
 * parameter; {@code decay}, {@code epsilon}, {@code centered}, {@code momentum} and
 * {@code learningRateSchedule} are RMSProp's own.
 *
 * <table>
 *   <caption>Parameters, defaults and allowed ranges</caption>
 *   <tr><th>name</th><th>default</th><th>allowed</th></tr>
 *   <tr><td>maxIter</td><td>100</td><td>[1, inf)</td></tr>
 *   <tr><td>stepSize</td><td>0.01</td><td>(0, inf)</td></tr>
 *   <tr><td>regParam</td><td>0</td><td>[0, inf)</td></tr>
 *   <tr><td>elasticNetParam</td><td>0</td><td>[0, 1]</td></tr>
 *   <tr><td>tol</td><td>1e-6</td><td>[0, inf)</td></tr>
 *   <tr><td>fitIntercept</td><td>true</td><td></td></tr>
 *   <tr><td>standardization</td><td>true</td><td></td></tr>
 *   <tr><td>weightCol</td><td>unset (every weight 1)</td><td>a numeric column</td></tr>
 *   <tr><td>seed</td><td>42</td><td></td></tr>
 *   <tr><td>aggregationDepth</td><td>2</td><td>[2, inf)</td></tr>
 *   <tr><td>miniBatchFraction</td><td>1</td><td>(0, 1]</td></tr>
 *   <tr><td>decay</td><td>0.9</td><td>[0, 1)</td></tr>
 *   <tr><td>epsilon</td><td>1e-8</td><td>[0, inf)</td></tr>
 *   <tr><td>centered</td><td>false</td><td></td></tr>
 *   <tr><td>momentum</td><td>0</td><td>[0, 1)</td></tr>
 *   <tr><td>learningRateSchedule</td><td>constant</td><td>constant, invsqrt,
 *       exponential:GAMMA</td></tr>
 *   <tr><td>updateRule</td><td>rmsprop</td><td>rmsprop, adagrad, adam, sgd</td></tr>
 *   <tr><td>checkpointDir</td><td>unset</td><td>a Hadoop path</td></tr>
 *   <tr><td>checkpointInterval</td><td>-1 (never)</td><td>-1, or [1, inf)</td></tr>
 *   <tr><td>resume</td><td>false</td><td></td></tr>
 * </table>
 *
 * <p>Each stage declares the {@code Param} objects through {@link RMSPropSharedParams} (Java
 * cannot mix in spark.ml's Scala traits such as {@code HasMaxIter}) and returns them from the
 * accessor methods below, which is how spark.ml's reflection finds them.
 */
public interface RMSPropParams extends Params {

  /** Default of {@code maxIter}. */
  int DEFAULT_MAX_ITER = RMSPropOptimizer.DEFAULT_NUM_ITERATIONS;
  /** Default of {@code stepSize}. */
  double DEFAULT_STEP_SIZE = RMSPropConfig.DEFAULT_LEARNING_RATE;
  /** Default of {@code tol}. */
  double DEFAULT_TOL = RMSPropOptimizer.DEFAULT_CONVERGENCE_TOL;
  /** Default of {@code seed}. */
  long DEFAULT_SEED = RMSPropOptimizer.DEFAULT_SEED;
  /** Default of {@code aggregationDepth}. */
  int DEFAULT_AGGREGATION_DEPTH = RMSPropOptimizer.DEFAULT_AGGREGATION_DEPTH;
  /** Default of {@code learningRateSchedule}. */
  String DEFAULT_SCHEDULE = LearningRateSchedule.constant().toString();

  /** The Param objects of this stage; the accessors below return them. */
  RMSPropSharedParams sharedParams();

  default IntParam maxIter() {
    return sharedParams().maxIter;
  }

  default DoubleParam stepSize() {
    return sharedParams().stepSize;
  }

  default DoubleParam regParam() {
    return sharedParams().regParam;
  }

  default DoubleParam elasticNetParam() {
    return sharedParams().elasticNetParam;
  }

  default DoubleParam tol() {
    return sharedParams().tol;
  }

  default BooleanParam fitIntercept() {
    return sharedParams().fitIntercept;
  }

  default BooleanParam standardization() {
    return sharedParams().standardization;
  }

  default Param<String> weightCol() {
    return sharedParams().weightCol;
  }

  default LongParam seed() {
    return sharedParams().seed;
  }

  default IntParam aggregationDepth() {
    return sharedParams().aggregationDepth;
  }

  default DoubleParam miniBatchFraction() {
    return sharedParams().miniBatchFraction;
  }

  default DoubleParam decay() {
    return sharedParams().decay;
  }

  default DoubleParam epsilon() {
    return sharedParams().epsilon;
  }

  default BooleanParam centered() {
    return sharedParams().centered;
  }

  default DoubleParam momentum() {
    return sharedParams().momentum;
  }

  default Param<String> learningRateSchedule() {
    return sharedParams().learningRateSchedule;
  }

  default Param<String> updateRule() {
    return sharedParams().updateRule;
  }

  default Param<String> checkpointDir() {
    return sharedParams().checkpointDir;
  }

  default IntParam checkpointInterval() {
    return sharedParams().checkpointInterval;
  }

  default BooleanParam resume() {
    return sharedParams().resume;
  }

  default int getMaxIter() {
    return (Integer) getOrDefault(maxIter());
  }

  default double getStepSize() {
    return (Double) getOrDefault(stepSize());
  }

  default double getRegParam() {
    return (Double) getOrDefault(regParam());
  }

  default double getElasticNetParam() {
    return (Double) getOrDefault(elasticNetParam());
  }

  default double getTol() {
    return (Double) getOrDefault(tol());
  }

  default boolean getFitIntercept() {
    return (Boolean) getOrDefault(fitIntercept());
  }

  default boolean getStandardization() {
    return (Boolean) getOrDefault(standardization());
  }

  /** The weight column; throws {@code NoSuchElementException} when unset, as spark.ml. */
  default String getWeightCol() {
    return getOrDefault(weightCol());
  }

  default long getSeed() {
    return (Long) getOrDefault(seed());
  }

  default int getAggregationDepth() {
    return (Integer) getOrDefault(aggregationDepth());
  }

  default double getMiniBatchFraction() {
    return (Double) getOrDefault(miniBatchFraction());
  }

  default double getDecay() {
    return (Double) getOrDefault(decay());
  }

  default double getEpsilon() {
    return (Double) getOrDefault(epsilon());
  }

  default boolean getCentered() {
    return (Boolean) getOrDefault(centered());
  }

  default double getMomentum() {
    return (Double) getOrDefault(momentum());
  }

  default String getLearningRateSchedule() {
    return getOrDefault(learningRateSchedule());
  }

  default String getUpdateRule() {
    return getOrDefault(updateRule());
  }

  /** The checkpoint directory; throws {@code NoSuchElementException} when unset. */
  default String getCheckpointDir() {
    return getOrDefault(checkpointDir());
  }

  default int getCheckpointInterval() {
    return (Integer) getOrDefault(checkpointInterval());
  }

  default boolean getResume() {
    return (Boolean) getOrDefault(resume());
  }

  /** True when a non-empty weight column is set. */
  default boolean hasWeightCol() {
    return isDefined(weightCol()) && !getWeightCol().isEmpty();
  }
}
