package io.github.sparkrmsprop.optimization;

import io.github.sparkrmsprop.update.EpsilonPlacement;
import io.github.sparkrmsprop.update.LearningRateSchedule;
import io.github.sparkrmsprop.update.RMSProp;
import io.github.sparkrmsprop.update.RMSPropConfig;
import io.github.sparkrmsprop.update.RMSPropState;
import org.apache.spark.mllib.optimization.Updater;

/**
 * RMSProp as an MLlib {@link Updater}, for {@code GradientDescent} and
 * {@code GradientDescent.runMiniBatchSGD}: an {@link AdaptiveUpdater} running {@link RMSProp},
 * with a fluent setter for each RMSProp hyperparameter. Each call to {@link #compute} is one
 * step of the rule written in {@link RMSProp}, with {@code lr_t = schedule.rate(stepSize,
 * iter)} from GradientDescent's step size and iteration and GradientDescent's
 * {@code regParam}; see {@link AdaptiveUpdater} for the probe call, the fresh state of each
 * run and why it must not be given to {@code LBFGS}.
 *
 * <p>State: the moving averages of one run ({@code 8 * dim} bytes, twice or three times that
 * when centered or with momentum) on the driver.
 */
public class RMSPropUpdater extends AdaptiveUpdater<RMSPropState> {

  private static final long serialVersionUID = 2L;

  /** RMSProp with the defaults of {@link RMSPropConfig}. */
  public RMSPropUpdater() {
    super(new RMSProp(RMSPropConfig.defaults()));
  }

  /** Decay {@code rho} of the moving averages, in [0, 1). Default 0.9. */
  public RMSPropUpdater setDecay(double decay) {
    return setConfig(getConfig().toBuilder().decay(decay).build());
  }

  /** Epsilon, in [0, inf). Default 1e-8. */
  public RMSPropUpdater setEpsilon(double epsilon) {
    return setConfig(getConfig().toBuilder().epsilon(epsilon).build());
  }

  /** Where epsilon sits in the denominator. Default {@code OUTSIDE_SQRT}, as PyTorch. */
  public RMSPropUpdater setEpsilonPlacement(EpsilonPlacement placement) {
    return setConfig(getConfig().toBuilder().epsilonPlacement(placement).build());
  }

  /** Centered RMSProp. Default false. */
  public RMSPropUpdater setCentered(boolean centered) {
    return setConfig(getConfig().toBuilder().centered(centered).build());
  }

  /** Momentum, in [0, 1). Default 0. */
  public RMSPropUpdater setMomentum(double momentum) {
    return setConfig(getConfig().toBuilder().momentum(momentum).build());
  }

  /** Initial value of the squared-gradient average, in [0, inf). Default 0. */
  public RMSPropUpdater setInitialAccumulator(double value) {
    return setConfig(getConfig().toBuilder().initialAccumulator(value).build());
  }

  /** Elastic-net mixing of the {@code regParam} that GradientDescent passes, in [0, 1]. */
  @Override
  public RMSPropUpdater setElasticNetParam(double alpha) {
    super.setElasticNetParam(alpha);
    return this;
  }

  /** Schedule applied to GradientDescent's step size. Default constant. */
  @Override
  public RMSPropUpdater setSchedule(LearningRateSchedule schedule) {
    super.setSchedule(schedule);
    return this;
  }

  /**
   * Marks intercepts, never regularized: the last weight of each block of {@code stride}
   * weights (MLlib appends the bias feature last, so a binary model with intercept over
   * {@code d} features has stride {@code d + 1}). Default 0, no intercept.
   */
  @Override
  public RMSPropUpdater setInterceptStride(int stride) {
    super.setInterceptStride(stride);
    return this;
  }

  /** Replaces the whole RMSProp configuration; the current run's state is kept. */
  public RMSPropUpdater setConfig(RMSPropConfig config) {
    setUpdateRule(new RMSProp(config));
    return this;
  }

  /** The configuration; its learning rate and regParam are replaced by GradientDescent's. */
  public RMSPropConfig getConfig() {
    return ((RMSProp) getUpdateRule()).config();
  }
}
