package io.github.sparkrmsprop.optimization;

import io.github.sparkrmsprop.update.EpsilonPlacement;
import io.github.sparkrmsprop.update.LearningRateSchedule;
import io.github.sparkrmsprop.update.RMSProp;
import io.github.sparkrmsprop.update.RMSPropConfig;
import io.github.sparkrmsprop.update.RMSPropState;
import org.apache.spark.mllib.linalg.Vector;
import org.apache.spark.mllib.linalg.Vectors;
import org.apache.spark.mllib.optimization.Updater;
import scala.Tuple2;

/**
 * RMSProp as an MLlib {@link Updater}, for {@code GradientDescent} and
 * {@code GradientDescent.runMiniBatchSGD}. Each call to {@link #compute} is one step of the
 * rule written in {@link RMSProp}, with {@code lr_t = schedule.rate(stepSize, iter)} taken
 * from the step size and iteration that {@code GradientDescent} passes (constant schedule by
 * default, so {@code lr_t = stepSize}; MLlib's own updaters use {@code stepSize / sqrt(iter)},
 * available as {@link LearningRateSchedule#inverseSqrt()}), and the regularization strength
 * {@code regParam} it passes, mixed by {@link #setElasticNetParam}. The returned
 * regularization value is {@code regParam * (alpha ||w||_1 + (1 - alpha)/2 ||w||^2)} of the
 * new weights, intercepts excluded.
 *
 * <p>State: this updater holds the moving averages of one run ({@code 8 * dim} bytes, twice
 * or three times that when centered or with momentum) on the driver, where
 * {@code GradientDescent} calls it. It tells runs apart by the iteration number:
 * <ul>
 *   <li>a call with {@code stepSize == 0} is the probe that {@code GradientDescent} makes
 *       before its loop to read the regularization value: it returns the weights unchanged
 *       with their regularization value and leaves the state alone;</li>
 *   <li>a call with {@code iter == 1} (or weights of another size) starts a new run from
 *       fresh state, so reusing the updater for a second fit never sees the first fit's
 *       averages.</li>
 * </ul>
 * One updater must not serve two runs at the same time.
 *
 * <p>Do not hand it to MLlib's {@code LBFGS}: L-BFGS calls the updater with a zero gradient
 * to read the regularization value and its gradient, expecting a stateless proximal map;
 * this updater would count those calls as steps and scale them by its averages, giving a
 * wrong objective. Use {@link RMSPropOptimizer} or {@code GradientDescent}.
 */
public class RMSPropUpdater extends Updater {

  private static final long serialVersionUID = 1L;

  private RMSPropConfig config = RMSPropConfig.defaults();
  private RMSPropState state;

  /** Decay {@code rho} of the moving averages, in [0, 1). Default 0.9. */
  public RMSPropUpdater setDecay(double decay) {
    config = config.toBuilder().decay(decay).build();
    return this;
  }

  /** Epsilon, in [0, inf). Default 1e-8. */
  public RMSPropUpdater setEpsilon(double epsilon) {
    config = config.toBuilder().epsilon(epsilon).build();
    return this;
  }

  /** Where epsilon sits in the denominator. Default {@code OUTSIDE_SQRT}, as PyTorch. */
  public RMSPropUpdater setEpsilonPlacement(EpsilonPlacement placement) {
    config = config.toBuilder().epsilonPlacement(placement).build();
    return this;
  }

  /** Centered RMSProp. Default false. */
  public RMSPropUpdater setCentered(boolean centered) {
    config = config.toBuilder().centered(centered).build();
    return this;
  }

  /** Momentum, in [0, 1). Default 0. */
  public RMSPropUpdater setMomentum(double momentum) {
    config = config.toBuilder().momentum(momentum).build();
    return this;
  }

  /** Initial value of the squared-gradient average, in [0, inf). Default 0. */
  public RMSPropUpdater setInitialAccumulator(double value) {
    config = config.toBuilder().initialAccumulator(value).build();
    return this;
  }

  /** Elastic-net mixing of the {@code regParam} that GradientDescent passes, in [0, 1]. */
  public RMSPropUpdater setElasticNetParam(double alpha) {
    config = config.toBuilder().elasticNetParam(alpha).build();
    return this;
  }

  /** Schedule applied to GradientDescent's step size. Default constant. */
  public RMSPropUpdater setSchedule(LearningRateSchedule schedule) {
    config = config.toBuilder().schedule(schedule).build();
    return this;
  }

  /**
   * Marks intercepts, never regularized: the last weight of each block of {@code stride}
   * weights (MLlib appends the bias feature last, so a binary model with intercept over
   * {@code d} features has stride {@code d + 1}). Default 0, no intercept.
   */
  public RMSPropUpdater setInterceptStride(int stride) {
    config = config.toBuilder().interceptStride(stride).build();
    return this;
  }

  /** The configuration; its learning rate and regParam are replaced by GradientDescent's. */
  public RMSPropConfig getConfig() {
    return config;
  }

  /** A copy of the current run's state, or null before the first step. */
  public RMSPropState getState() {
    return state == null ? null : state.copy();
  }

  /** Forgets the current run's state. */
  public void reset() {
    state = null;
  }

  @Override
  public Tuple2<Vector, Object> compute(Vector weightsOld, Vector gradient, double stepSize,
      int iter, double regParam) {
    RMSPropConfig run = config.regParam() == regParam
        ? config : config.toBuilder().regParam(regParam).build();
    double[] w = weightsOld.toArray().clone();

    if (stepSize == 0.0) {
      return new Tuple2<>(Vectors.dense(w), run.regularization(w));
    }

    RMSProp rule = new RMSProp(run);
    if (state == null || iter == 1 || state.dimension() != w.length) {
      state = rule.newState(w.length);
    }
    double lr = run.schedule().rate(stepSize, iter);
    rule.step(w, gradient.toArray(), state, lr);
    return new Tuple2<>(Vectors.dense(w), run.regularization(w));
  }
}
