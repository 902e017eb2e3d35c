package io.github.sparkrmsprop.update;

import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * The mutable state of one RMSProp run over {@code dim} weights: the squared-gradient average
 * {@code v}, the gradient average {@code m} (centered runs only), the momentum buffer {@code b}
 * (runs with momentum only) and the number of steps taken.
 *
 * <p>Memory: {@code 8 * dim} bytes for {@code v}, plus {@code 8 * dim} for {@code m} when
 * centered and {@code 8 * dim} for {@code b} with momentum; {@code m} and {@code b} are
 * allocated, as zeros, at the first step that needs them.
 *
 * <p>Ownership: a state belongs to one run. {@link RMSProp#newState(int)} makes a fresh one;
 * nothing in this library shares a state between two runs. {@link #copy()} is a deep copy.
 * A state is not thread-safe.
 */
public final class RMSPropState extends BaseState {

  private static final long serialVersionUID = 2L;

  final double[] v;
  double[] m;
  double[] b;

  RMSPropState(int dim, double initialAccumulator) {
    super(dim);
    this.v = new double[dim];
    if (initialAccumulator != 0.0) {
      Arrays.fill(v, initialAccumulator);
    }
  }

  private RMSPropState(RMSPropState other) {
    super(other);
    this.v = other.v.clone();
    this.m = other.m == null ? null : other.m.clone();
    this.b = other.b == null ? null : other.b.clone();
  }

  /** A copy of the squared-gradient average {@code v}. */
  public double[] squareAverage() {
    return v.clone();
  }

  /** A copy of the gradient average {@code m}, or null before a centered step. */
  public double[] gradientAverage() {
    return m == null ? null : m.clone();
  }

  /** A copy of the momentum buffer {@code b}, or null before a step with momentum. */
  public double[] momentumBuffer() {
    return b == null ? null : b.clone();
  }

  /** A deep copy. */
  @Override
  public RMSPropState copy() {
    return new RMSPropState(this);
  }

  /** {@code v}, then {@code m} and {@code b} once allocated. */
  @Override
  public Map<String, double[]> arrays() {
    Map<String, double[]> a = new LinkedHashMap<>();
    a.put("v", v);
    if (m != null) {
      a.put("m", m);
    }
    if (b != null) {
      a.put("b", b);
    }
    return a;
  }

  @Override
  public void restore(Map<String, double[]> saved, long steps) {
    checkSaved("RMSProp", saved, List.of("v", "m", "b"), List.of("m", "b"));
    System.arraycopy(saved.get("v"), 0, v, 0, v.length);
    m = saved.containsKey("m") ? saved.get("m").clone() : null;
    b = saved.containsKey("b") ? saved.get("b").clone() : null;
    this.steps = steps;
  }
}
