package io.github.sparkrmsprop.update;

import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * The state of one Adam run over {@code dim} weights: the gradient average {@code m}
 * (PyTorch's {@code exp_avg}), the squared-gradient average {@code v} ({@code exp_avg_sq}),
 * with AMSGrad the largest {@code v} so far ({@code max_exp_avg_sq}), and the step count,
 * which the bias corrections use.
 *
 * <p>Memory: {@code 16 * dim} bytes for {@code m} and {@code v}, {@code 8 * dim} more with
 * AMSGrad. All start at zero. Owned by one run, see {@link UpdateState}; {@link #copy()} is
 * a deep copy.
 */
public final class AdamState extends BaseState {

  private static final long serialVersionUID = 1L;

  final double[] m;
  final double[] v;
  final double[] vMax;

  AdamState(int dim, boolean amsgrad) {
    super(dim);
    this.m = new double[dim];
    this.v = new double[dim];
    this.vMax = amsgrad ? new double[dim] : null;
  }

  private AdamState(AdamState other) {
    super(other);
    this.m = other.m.clone();
    this.v = other.v.clone();
    this.vMax = other.vMax == null ? null : other.vMax.clone();
  }

  /** A copy of the gradient average {@code m}. */
  public double[] expAvg() {
    return m.clone();
  }

  /** A copy of the squared-gradient average {@code v}. */
  public double[] expAvgSq() {
    return v.clone();
  }

  /** A copy of the running maximum of {@code v}, or null when not AMSGrad. */
  public double[] maxExpAvgSq() {
    return vMax == null ? null : vMax.clone();
  }

  /** A deep copy. */
  @Override
  public AdamState copy() {
    return new AdamState(this);
  }

  /** {@code m}, {@code v}, then {@code vMax} with AMSGrad. */
  @Override
  public Map<String, double[]> arrays() {
    Map<String, double[]> a = new LinkedHashMap<>();
    a.put("m", m);
    a.put("v", v);
    if (vMax != null) {
      a.put("vMax", vMax);
    }
    return a;
  }

  @Override
  public void restore(Map<String, double[]> saved, long steps) {
    checkSaved("Adam", saved, vMax == null ? List.of("m", "v") : List.of("m", "v", "vMax"),
        List.of());
    System.arraycopy(saved.get("m"), 0, m, 0, m.length);
    System.arraycopy(saved.get("v"), 0, v, 0, v.length);
    if (vMax != null) {
      System.arraycopy(saved.get("vMax"), 0, vMax, 0, vMax.length);
    }
    this.steps = steps;
  }
}
