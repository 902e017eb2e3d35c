package io.github.sparkrmsprop.update;

import java.util.Objects;

/**
 * The Adam update rule (Kingma and Ba, "Adam: A Method for Stochastic Optimization", ICLR
 * 2015), with its AMSGrad variant (Reddi, Kale and Kumar, "On the Convergence of Adam and
 * Beyond", ICLR 2018), with the semantics and defaults of PyTorch's {@code torch.optim.Adam},
 * in float64, without Spark.
 *
 * <p>One step {@code t} (1, 2, ...) with gradient {@code g} of the averaged loss at weights
 * {@code w}, for every coordinate {@code i}:
 * <pre>
 *   g_i    = g_i + l2 * w_i                      (coupled L2, not for intercepts)
 *   m_i    = beta1 * m_i + (1 - beta1) * g_i     (m, v, vmax start at 0)
 *   v_i    = beta2 * v_i + (1 - beta2) * g_i^2
 *   vmax_i = max(vmax_i, v_i)                    (AMSGrad only)
 *   s      = lr_t / (1 - beta1^t)
 *   den_i  = sqrt(v_i) / sqrt(1 - beta2^t) + eps        (vmax_i in place of v_i if AMSGrad)
 *   w_i    = w_i - s * m_i / den_i,  no move when den_i == 0
 *   w_i    = sign(w_i) * max(|w_i| - s * l1 / den_i, 0)  (L1 > 0, not for intercepts)
 * </pre>
 * where {@code lr_t = schedule.rate(learningRate, t)} (or the rate a caller passes to
 * {@link #step(double[], double[], AdamState, double)}), {@code l2 = regParam * (1 - alpha)}
 * and {@code l1 = regParam * alpha} (see {@link CommonConfig}). Epsilon is added after the
 * bias-corrected square root, as in PyTorch (not to {@code sqrt(v)} before the correction, as
 * in the paper's efficient form). The L2 term enters the gradient, so it is Adam with L2
 * regularization, not AdamW. The L1 step is the proximal soft-threshold with the
 * coordinate's own step {@code s / den_i}; where {@code den_i == 0} (only with
 * {@code eps = 0} and {@code v} still 0) the weight becomes 0. With {@code regParam = 0}, or
 * {@code alpha = 0} where {@code regParam} is PyTorch's {@code weight_decay}, and the
 * constant schedule, the rule is torch 1.13's {@code torch.optim.Adam}, with the
 * floating-point operations in the order of its single-tensor code
 * ({@code w + (-s * m) / den}).
 *
 * <p>Defaults: {@code lr 0.001, beta1 0.9, beta2 0.999, eps 1e-8}, no AMSGrad (see
 * {@link AdamConfig}). Memory: the rule holds only its configuration; its {@link AdamState}
 * holds two vectors of the model's size ({@code m}, {@code v}), three with AMSGrad. A rule
 * is immutable and may be shared; a state may not.
 */
public final class Adam implements UpdateRule<AdamState> {

  private static final long serialVersionUID = 1L;

  private final AdamConfig config;

  public Adam(AdamConfig config) {
    this.config = Objects.requireNonNull(config, "config");
  }

  public AdamConfig config() {
    return config;
  }

  /** {@code "Adam"}. */
  @Override
  public String name() {
    return "Adam";
  }

  @Override
  public CommonConfig common() {
    return config.common();
  }

  @Override
  public Adam withCommon(CommonConfig common) {
    return new Adam(config.toBuilder().common(common).build());
  }

  /** A fresh state for {@code dim} weights: zero averages, no steps. */
  @Override
  public AdamState newState(int dim) {
    return new AdamState(dim, config.amsgrad());
  }

  /**
   * One step with learning rate {@code lr_t}; the bias corrections use the state's step
   * {@code t}, not the caller's iteration.
   */
  @Override
  public void step(double[] w, double[] g, AdamState state, double lr) {
    state.checkDimension(name(), "weight vector", w.length);
    state.checkDimension(name(), "gradient", g.length);
    if (config.amsgrad() != (state.vMax != null)) {
      throw new IllegalArgumentException("Adam state was made "
          + (state.vMax == null ? "without" : "with") + " AMSGrad but the rule is "
          + (config.amsgrad() ? "AMSGrad" : "plain Adam") + ": start a new state");
    }

    long t = state.steps + 1;
    double beta1 = config.beta1();
    double beta2 = config.beta2();
    double stepSize = lr / (1.0 - Math.pow(beta1, t));
    double correction2Sqrt = Math.sqrt(1.0 - Math.pow(beta2, t));
    double eps = config.epsilon();
    CommonConfig common = config.common();
    double l2 = common.l2();
    double l1 = common.l1();
    double[] m = state.m;
    double[] v = state.v;
    double[] vMax = state.vMax;
    for (int i = 0; i < w.length; i++) {
      boolean penalized = !common.isIntercept(i);
      double gi = g[i];
      if (l2 != 0.0 && penalized) {
        gi += l2 * w[i];
      }
      m[i] = beta1 * m[i] + (1.0 - beta1) * gi;
      v[i] = beta2 * v[i] + (1.0 - beta2) * gi * gi;
      double second = v[i];
      if (vMax != null) {
        vMax[i] = Math.max(vMax[i], v[i]);
        second = vMax[i];
      }
      double den = Math.sqrt(second) / correction2Sqrt + eps;
      if (den != 0.0) {
        w[i] += -stepSize * m[i] / den;
      }
      if (l1 != 0.0 && penalized) {
        double threshold = den == 0.0 ? Double.POSITIVE_INFINITY : stepSize * l1 / den;
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
