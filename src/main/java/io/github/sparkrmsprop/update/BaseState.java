package io.github.sparkrmsprop.update;

import java.util.List;
import java.util.Map;

/** The step count and size check that every rule's state shares. */
abstract class BaseState implements UpdateState {

  private static final long serialVersionUID = 1L;

  private final int dim;
  long steps;

  BaseState(int dim) {
    if (dim < 0) {
      throw new IllegalArgumentException("dimension must be in [0, inf) but was " + dim);
    }
    this.dim = dim;
  }

  BaseState(BaseState other) {
    this.dim = other.dim;
    this.steps = other.steps;
  }

  @Override
  public int dimension() {
    return dim;
  }

  @Override
  public long steps() {
    return steps;
  }

  /** Throws when a vector of {@code length} does not fit this state; changes nothing. */
  /**
   * Checks that {@code saved} names exactly {@code names} (the optional ones may be absent),
   * each of this state's dimension.
   */
  void checkSaved(String rule, Map<String, double[]> saved, List<String> names,
      List<String> optional) {
    for (String name : saved.keySet()) {
      if (!names.contains(name)) {
        throw new IllegalArgumentException("a saved " + rule + " state has no vector '" + name
            + "'; it holds " + names);
      }
    }
    for (String name : names) {
      double[] a = saved.get(name);
      if (a == null && !optional.contains(name)) {
        throw new IllegalArgumentException("the saved " + rule + " state lacks vector '" + name
            + "'");
      }
      if (a != null && a.length != dim) {
        throw new IllegalArgumentException("the saved " + rule + " vector '" + name
            + "' has length " + a.length + " but this state has dimension " + dim);
      }
    }
  }

  void checkDimension(String rule, String what, int length) {
    if (length != dim) {
      throw new IllegalArgumentException(rule + " state has dimension " + dim
          + " but the " + what + " has dimension " + length
          + "; a state belongs to one model size: start a new state for this model");
    }
  }
}
