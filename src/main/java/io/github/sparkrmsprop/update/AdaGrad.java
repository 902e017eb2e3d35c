package io.github.sparkrmsprop.update;

import java.util.Objects;

/**
 * The AdaGrad update rule (Duchi, Hazan and Singer, "Adaptive Subgradient Methods for Online
 * Learning and Stochastic Optimization", JMLR 2011), with the semantics and defaults of
 * PyTorch's {@code torch.optim.Adagrad}, in float64, without Spark.
 *
 * <p>One step {@code t} (1, 2, ...) with gradient {@code g} of the averaged loss at weights
 * {@code w}, for every coordinate {@code i}:
 * <pre>
 *   g_i     = g_i + l2 * w_i                     (coupled L2, not for intercepts)
 *   clr     = lr_t / (1 + (t - 1) * decay)
 *   sum_i   = sum_i + g_i^2                      (sum starts at initialAccumulator)
 *   den_i   = sqrt(sum_i) + eps
 *   w_i     = w_i - clr * g_i / den_i,  no move when den_i == 0
 *   w_i     = sign(w_i) * max(|w_i| - clr * l1 / den_i, 0)   (L1 > 0, not for intercepts)
 * </pre>
 * where {@code lr_t = schedule.rate(learningRate, t)} (or the rate a caller passes to
 * {@link #step(double[], double[], AdaGradState, double)}), {@code decay} is
 * {@code learningRateDecay}, {@code l2 = regParam * (1 - alpha)} and
 * {@code l1 = regParam * alpha} (see {@link CommonConfig}). Epsilon sits outside the square
 * root, as in PyTorch. The L1 step is the proximal soft-threshold with the coordinate's own
 * step {@code clr / den_i}; where {@code den_i == 0} (only with {@code eps = 0} and a sum
 * still 0) that step is unbounded and the weight becomes 0. With {@code regParam = 0}, or
 * with {@code alpha = 0} where {@code regParam} is PyTorch's {@code weight_decay}, and the
 * constant schedule, the rule is {@code torch.optim.Adagrad}, with the floating-point
 * operations in the order of its single-tensor code ({@code w + (-clr * g) / den}).
 *
 * <p>Defaults: {@code lr 0.01, learningRateDecay 0, eps 1e-10, initialAccumulator 0} (see
 * {@link AdaGradConfig}). Memory: the rule holds only its configuration; its
 * {@link AdaGradState} holds one vector of the model's size ({@code sum}). A rule is
 * immutable and may be shared; a state may not.
 */
public final class AdaGrad implements UpdateRule<AdaGradState> {

  private static final long serialVersionUID = 1L;

  private final AdaGradConfig config;

  public AdaGrad(AdaGradConfig config) {
    this.config = Objects.requireNonNull(config, "config");
  }

  public AdaGradConfig config() {
    return config;
  }

  /** {@code "AdaGrad"}. */
  @Override
  public String name() {
    return "AdaGrad";
  }

  @Override
  public CommonConfig common() {
    return config.common();
  }

  @Override
  public AdaGrad withCommon(CommonConfig common) {
    return new AdaGrad(config.toBuilder().common(common).build());
  }

  /** A fresh state for {@code dim} weights: {@code sum = initialAccumulator}, no steps. */
  @Override
  public AdaGradState newState(int dim) {
    return new AdaGradState(dim, config.initialAccumulator());
  }

  /**
   * One step with learning rate {@code lr_t}, to which the rule's own decay
   * {@code 1 / (1 + (t - 1) decay)} is still applied, {@code t} being the state's step.
   */
  @Override
  public void step(double[] w, double[] g, AdaGradState state, double lr) {
    state.checkDimension(name(), "weight vector", w.length);
    state.checkDimension(name(), "gradient", g.length);

    long t = state.steps + 1;
    double clr = lr / (1.0 + (t - 1) * config.learningRateDecay());
    double eps = config.epsilon();
    CommonConfig common = config.common();
    double l2 = common.l2();
    double l1 = common.l1();
    double[] sum = state.sum;
    for (int i = 0; i < w.length; i++) {
      boolean penalized = !common.isIntercept(i);
      double gi = g[i];
      if (l2 != 0.0 && penalized) {
        gi += l2 * w[i];
      }
      sum[i] += gi * gi;
      double den = Math.sqrt(sum[i]) + eps;
      if (den != 0.0) {
        w[i] += -clr * gi / den;
      }
      if (l1 != 0.0 && penalized) {
        double threshold = den == 0.0 ? Double.POSITIVE_INFINITY : clr * l1 / den;
        w[i] = CommonConfig.softThreshold(w[i], threshold);
      }
    }
    state.steps = t;
  }

  @Override
  public String toString() {
    return config.toString();
  }
}
