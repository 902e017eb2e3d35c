package io.github.sparkrmsprop.update;

import java.util.Objects;

/**
 * Plain (stochastic) gradient descent, in float64, without Spark: the baseline the adaptive
 * rules are compared with.
 *
 * <p>One step {@code t} (1, 2, ...) with gradient {@code g} of the averaged loss at weights
 * {@code w}, for every coordinate {@code i}:
 * <pre>
 *   g_i = g_i + l2 * w_i                              (coupled L2, not for intercepts)
 *   w_i = w_i - lr_t * g_i
 *   w_i = sign(w_i) * max(|w_i| - lr_t * l1, 0)       (L1 > 0, not for intercepts)
 * </pre>
 * where {@code lr_t = schedule.rate(learningRate, t)}, {@code l2 = regParam * (1 - alpha)}
 * and {@code l1 = regParam * alpha} (see {@link CommonConfig}). With {@code regParam = 0}
 * this is PyTorch's {@code torch.optim.SGD} without momentum. With the schedule
 * {@link LearningRateSchedule#inverseSqrt()} it takes, up to rounding, the steps of MLlib's
 * {@code SquaredL2Updater} ({@code alpha = 0}) and {@code L1Updater} ({@code alpha = 1}).
 *
 * <p>Defaults: {@code lr 0.01}, constant schedule (see {@link SGDConfig}). Memory: no vector
 * of the model's size; {@link SGDState} holds only the step count. A rule is immutable and may
 * be shared; a state may not.
 */
public final class SGD implements UpdateRule<SGDState> {

  private static final long serialVersionUID = 1L;

  private final SGDConfig config;

  public SGD(SGDConfig config) {
    this.config = Objects.requireNonNull(config, "config");
  }

  public SGDConfig config() {
    return config;
  }

  /** {@code "SGD"}. */
  @Override
  public String name() {
    return "SGD";
  }

  @Override
  public CommonConfig common() {
    return config.common();
  }

  @Override
  public SGD withCommon(CommonConfig common) {
    return new SGD(config.toBuilder().common(common).build());
  }

  /** A fresh state for {@code dim} weights: no steps. */
  @Override
  public SGDState newState(int dim) {
    return new SGDState(dim);
  }

  @Override
  public void step(double[] w, double[] g, SGDState state, double lr) {
    state.checkDimension(name(), "weight vector", w.length);
    state.checkDimension(name(), "gradient", g.length);

    CommonConfig common = config.common();
    double l2 = common.l2();
    double l1 = common.l1();
    double threshold = lr * l1;
    for (int i = 0; i < w.length; i++) {
      boolean penalized = !common.isIntercept(i);
      double gi = g[i];
      if (l2 != 0.0 && penalized) {
        gi += l2 * w[i];
      }
      w[i] -= lr * gi;
      if (l1 != 0.0 && penalized) {
        w[i] = CommonConfig.softThreshold(w[i], threshold);
      }
    }
    state.steps++;
  }

  @Override
  public String toString() {
    return config.toString();
  }
}
