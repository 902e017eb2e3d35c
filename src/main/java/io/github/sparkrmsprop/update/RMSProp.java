package io.github.sparkrmsprop.update;

import java.util.Objects;

/**
 * The RMSProp update rule, in float64, without Spark.
 *
 * <p>One step {@code t} (1, 2, ...) with gradient {@code g} of the averaged loss at weights
 * {@code w}, for every coordinate {@code i}:
 * <pre>
 *   g_i   = g_i + l2 * w_i                       (coupled L2, not for intercepts)
 *   v_i   = rho * v_i + (1 - rho) * g_i^2        (v starts at initialAccumulator)
 *   m_i   = rho * m_i + (1 - rho) * g_i          (centered only; m starts at 0)
 *   D_i   = max(v_i - m_i^2, 0)  if centered,  else  v_i
 *   den_i = sqrt(D_i) + eps      (OUTSIDE_SQRT, default, as PyTorch)
 *         | sqrt(D_i + eps)      (INSIDE_SQRT, as Keras and TensorFlow)
 *   u_i   = g_i / den_i,  or 0 when den_i == 0 (so eps = 0 with g = 0 is a zero step)
 *   b_i   = mu * b_i + u_i;  w_i = w_i - lr_t * b_i    (momentum mu > 0; b starts at 0)
 *   w_i   = w_i - lr_t * u_i                            (mu == 0)
 *   w_i   = sign(w_i) * max(|w_i| - lr_t * l1 / den_i, 0)   (L1 > 0, not for intercepts)
 * </pre>
 * where {@code lr_t = schedule.rate(learningRate, t)}, {@code l2 = regParam * (1 - alpha)}
 * and {@code l1 = regParam * alpha} (see {@link RMSPropConfig}). The L1 step is the proximal
 * soft-threshold with that coordinate's own step {@code lr_t / den_i}, which gives exact zeros;
 * where {@code den_i == 0} its step is unbounded and the weight becomes 0. With
 * {@code regParam = 0} the rule is PyTorch's {@code torch.optim.RMSprop} with
 * {@code alpha = rho} and {@code weight_decay = l2}, except that the centered variance is
 * clamped at 0: rounding can make {@code v - m^2} slightly negative after many steps of a
 * constant gradient, which would give NaN.
 *
 * <p>Defaults: {@code lr 0.01, rho 0.9, eps 1e-8}, no momentum, not centered (see
 * {@link RMSPropConfig}). Memory: the rule holds only its configuration; the state it
 * updates is in {@link RMSPropState}: one vector of the model's size ({@code v}), two when
 * centered ({@code m}), one more with momentum ({@code b}). A rule is immutable and may be
 * shared; a state may not.
 */
public final class RMSProp implements UpdateRule<RMSPropState> {

  private static final long serialVersionUID = 1L;

  private final RMSPropConfig config;

  public RMSProp(RMSPropConfig config) {
    this.config = Objects.requireNonNull(config, "config");
  }

  public RMSPropConfig config() {
    return config;
  }

  /** {@code "RMSProp"}. */
  @Override
  public String name() {
    return "RMSProp";
  }

  @Override
  public CommonConfig common() {
    return config.common();
  }

  @Override
  public RMSProp withCommon(CommonConfig common) {
    return new RMSProp(config.toBuilder().common(common).build());
  }

  /** A fresh state for {@code dim} weights: {@code v = initialAccumulator}, no steps. */
  @Override
  public RMSPropState newState(int dim) {
    return new RMSPropState(dim, config.initialAccumulator());
  }

  /** The learning rate of the state's next step under this rule's schedule. */
  @Override
  public double nextLearningRate(RMSPropState state) {
    return config.schedule().rate(config.learningRate(), state.steps + 1);
  }

  /**
   * One step with the scheduled learning rate: updates {@code w} and {@code state} in place.
   *
   * @param w the weights, updated in place
   * @param g the gradient of the averaged loss at {@code w}, without the regularization
   *     term; not modified
   * @param state this run's state, of the same dimension
   */
  @Override
  public void step(double[] w, double[] g, RMSPropState state) {
    step(w, g, state, nextLearningRate(state));
  }

  /**
   * One step with an explicit learning rate {@code lr_t}, used by callers that own the
   * schedule (MLlib's {@code GradientDescent} passes its own step size and iteration).
   */
  @Override
  public void step(double[] w, double[] g, RMSPropState state, double lr) {
    state.checkDimension(name(), "weight vector", w.length);
    state.checkDimension(name(), "gradient", g.length);
    boolean centered = config.centered();
    double mu = config.momentum();
    if (centered && state.m == null) {
      state.m = new double[w.length];
    }
    if (mu > 0.0 && state.b == null) {
      state.b = new double[w.length];
    }

    double rho = config.decay();
    double oneMinusRho = 1.0 - rho;
    double eps = config.epsilon();
    boolean inside = config.epsilonPlacement() == EpsilonPlacement.INSIDE_SQRT;
    double l2 = config.l2();
    double l1 = config.l1();
    double[] v = state.v;
    double[] m = state.m;
    double[] b = state.b;
    for (int i = 0; i < w.length; i++) {
      boolean penalized = !config.isIntercept(i);
      double gi = g[i];
      if (l2 != 0.0 && penalized) {
        gi += l2 * w[i];
      }
      v[i] = rho * v[i] + oneMinusRho * gi * gi;
      double d = v[i];
      if (centered) {
        m[i] = rho * m[i] + oneMinusRho * gi;
        d = Math.max(d - m[i] * m[i], 0.0);
      }
      double den = inside ? Math.sqrt(d + eps) : Math.sqrt(d) + eps;
      double u = den == 0.0 ? 0.0 : gi / den;
      if (mu > 0.0) {
        b[i] = mu * b[i] + u;
        w[i] -= lr * b[i];
      } else {
        w[i] -= lr * u;
      }
      if (l1 != 0.0 && penalized) {
        double threshold = den == 0.0 ? Double.POSITIVE_INFINITY : lr * l1 / den;
        w[i] = CommonConfig.softThreshold(w[i], threshold);
      }
    }
    state.steps++;
  }

  /**
   * One step from a gradient given as (index, value) contributions, several of which may
   * name the same coordinate: they are summed first, then one step is taken, as if the dense
   * gradient had been given. Cost O(dim).
   */
  public void step(double[] w, int[] indices, double[] values, RMSPropState state) {
    if (indices.length != values.length) {
      throw new IllegalArgumentException("sparse gradient has " + indices.length
          + " indices but " + values.length + " values");
    }
    double[] g = new double[w.length];
    for (int k = 0; k < indices.length; k++) {
      int i = indices[k];
      if (i < 0 || i >= w.length) {
        throw new IllegalArgumentException("sparse gradient index " + i
            + " is outside [0, " + w.length + ")");
      }
      g[i] += values[k];
    }
    step(w, g, state);
  }

  @Override
  public String toString() {
    return config.toString();
  }
}
