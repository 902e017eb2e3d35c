package io.github.sparkrmsprop.update;

import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * The state of one AdaGrad run over {@code dim} weights: the running sum of squared
 * gradients {@code sum} (PyTorch's {@code state["sum"]}) and the step count.
 *
 * <p>Memory: {@code 8 * dim} bytes for {@code sum}. Owned by one run, see
 * {@link UpdateState}; {@link #copy()} is a deep copy.
 */
public final class AdaGradState extends BaseState {

  private static final long serialVersionUID = 1L;

  final double[] sum;

  AdaGradState(int dim, double initialAccumulator) {
    super(dim);
    this.sum = new double[dim];
    if (initialAccumulator != 0.0) {
      Arrays.fill(sum, initialAccumulator);
    }
  }

  private AdaGradState(AdaGradState other) {
    super(other);
    this.sum = other.sum.clone();
  }

  /** A copy of the sum of squared gradients. */
  public double[] sum() {
    return sum.clone();
  }

  /** A deep copy. */
  @Override
  public AdaGradState copy() {
    return new AdaGradState(this);
  }

  /** {@code sum}. */
  @Override
  public Map<String, double[]> arrays() {
    Map<String, double[]> a = new LinkedHashMap<>();
    a.put("sum", sum);
    return a;
  }

  @Override
  public void restore(Map<String, double[]> saved, long steps) {
    checkSaved("AdaGrad", saved, List.of("sum"), List.of());
    System.arraycopy(saved.get("sum"), 0, sum, 0, sum.length);
    this.steps = steps;
  }
}
