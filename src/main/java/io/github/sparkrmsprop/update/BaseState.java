package io.github.sparkrmsprop.update;

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
  void checkDimension(String rule, String what, int length) {
    if (length != dim) {
      throw new IllegalArgumentException(rule + " state has dimension " + dim
          + " but the " + what + " has dimension " + length
          + "; a state belongs to one model size: start a new state for this model");
    }
  }
}
