package io.github.sparkrmsprop.update;

import java.util.Arrays;

/**
 * The {@link RMSProp} rule applied in O(touched coordinates) per step, for gradients that are
 * zero outside a small set of indices, by deferring the work on untouched coordinates.
 *
 * <p>Exactness condition: {@code l1 == 0}, {@code l2 == 0} (i.e. {@code regParam == 0}) and
 * {@code momentum == 0} ({@link #isExact}). Then a step with {@code g_i = 0} does
 * {@code v_i = rho * v_i}, {@code m_i = rho * m_i} (centered), {@code u_i = 0} and leaves
 * {@code w_i} unchanged, whatever the learning rate, epsilon placement or intercept layout. So
 * a coordinate last brought up to date after step {@code s} and next touched at step
 * {@code t} first gets {@code v_i = rho^(t-1-s) * v_i} (and the same for {@code m_i}), then
 * the ordinary step of {@link RMSProp} with its gradient. The weights are then always
 * current; {@code v} and {@code m} are current after {@link #flush}. Not exact otherwise: a
 * coupled L2 term makes {@code g_i = l2 * w_i != 0}, momentum keeps moving {@code w_i} by
 * {@code b_i}, and the L1 proximal step shrinks every weight; callers then use the dense
 * {@link RMSProp#step}.
 *
 * <p>Rounding: {@code rho^k} is computed with {@link Math#pow}, where the dense rule multiplies
 * by {@code rho} k times, so {@code v} may differ from the dense run's in the last bits (a
 * relative difference of a few ulps times k); the tests bound the weights' difference at
 * 1e-12 relative.
 *
 * <p>Memory: one int per coordinate (the step at which it was last brought current), on top of
 * the {@link RMSPropState} it updates. Ownership: one instance per run, paired with one state;
 * not thread-safe.
 */
public final class LazyRMSProp {

  private final RMSProp rule;
  private final int[] lastStep;

  /** Lazy stepping of {@code rule} over {@code dim} weights, all current at step 0. */
  public LazyRMSProp(RMSProp rule, int dim) {
    if (!isExact(rule.config())) {
      throw new IllegalArgumentException("lazy RMSProp steps need regParam 0 and momentum 0"
          + " but the configuration is " + rule.config());
    }
    this.rule = rule;
    this.lastStep = new int[dim];
  }

  /** True when lazy steps equal dense ones for {@code config}; see the class doc. */
  public static boolean isExact(RMSPropConfig config) {
    return config.l1() == 0.0 && config.l2() == 0.0 && config.momentum() == 0.0;
  }

  /**
   * One step whose gradient is {@code g[k]} at index {@code idx[k]} for {@code k < nnz} and 0
   * elsewhere; the indices must be distinct. Updates the touched weights and their state.
   */
  public void stepSparse(double[] w, int[] idx, double[] g, int nnz, RMSPropState state) {
    state.checkDimension("RMSProp", "weight vector", w.length);
    checkSteps(state);
    RMSPropConfig config = rule.config();
    boolean centered = config.centered();
    if (centered && state.m == null) {
      state.m = new double[w.length];
    }

    double lr = rule.nextLearningRate(state);
    int step = (int) state.steps + 1;
    double rho = config.decay();
    double oneMinusRho = 1.0 - rho;
    double eps = config.epsilon();
    boolean inside = config.epsilonPlacement() == EpsilonPlacement.INSIDE_SQRT;
    double[] v = state.v;
    double[] m = state.m;
    for (int k = 0; k < nnz; k++) {
      int i = idx[k];
      int idle = step - 1 - lastStep[i];
      if (idle > 0) {
        double f = Math.pow(rho, idle);
        v[i] *= f;
        if (centered) {
          m[i] *= f;
        }
      }
      lastStep[i] = step;
      double gi = g[k];
      v[i] = rho * v[i] + oneMinusRho * gi * gi;
      double d = v[i];
      if (centered) {
        m[i] = rho * m[i] + oneMinusRho * gi;
        d = Math.max(d - m[i] * m[i], 0.0);
      }
      double den = inside ? Math.sqrt(d + eps) : Math.sqrt(d) + eps;
      w[i] -= lr * (den == 0.0 ? 0.0 : gi / den);
    }
    state.steps++;
  }

  /** A dense step: brings every coordinate current, then {@link RMSProp#step}. */
  public void stepDense(double[] w, double[] g, RMSPropState state) {
    flush(state);
    rule.step(w, g, state);
    Arrays.fill(lastStep, (int) state.steps);
  }

  /** Applies every deferred decay, so that {@code state} equals the dense rule's. */
  public void flush(RMSPropState state) {
    checkSteps(state);
    int now = (int) state.steps;
    double rho = rule.config().decay();
    double[] v = state.v;
    double[] m = state.m;
    for (int i = 0; i < lastStep.length; i++) {
      int idle = now - lastStep[i];
      if (idle > 0) {
        double f = Math.pow(rho, idle);
        v[i] *= f;
        if (m != null) {
          m[i] *= f;
        }
        lastStep[i] = now;
      }
    }
  }

  private void checkSteps(RMSPropState state) {
    state.checkDimension("RMSProp", "lazy step array", lastStep.length);
    if (state.steps >= Integer.MAX_VALUE) {
      throw new IllegalStateException("lazy RMSProp supports fewer than 2^31 steps");
    }
  }
}
