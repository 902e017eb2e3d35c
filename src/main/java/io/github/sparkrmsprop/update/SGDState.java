package io.github.sparkrmsprop.update;

import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * The state of one plain SGD run: only the step count, which drives the learning-rate
 * schedule. Memory: no vector of the model's size. Owned by one run, see
 * {@link UpdateState}.
 */
public final class SGDState extends BaseState {

  private static final long serialVersionUID = 1L;

  SGDState(int dim) {
    super(dim);
  }

  private SGDState(SGDState other) {
    super(other);
  }

  /** A copy. */
  @Override
  public SGDState copy() {
    return new SGDState(this);
  }

  /** No vectors. */
  @Override
  public Map<String, double[]> arrays() {
    return new LinkedHashMap<>();
  }

  @Override
  public void restore(Map<String, double[]> saved, long steps) {
    checkSaved("SGD", saved, List.of(), List.of());
    this.steps = steps;
  }
}
