package io.github.sparkrmsprop.update;

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
}
