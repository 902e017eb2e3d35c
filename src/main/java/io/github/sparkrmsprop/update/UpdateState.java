package io.github.sparkrmsprop.update;

import java.io.Serializable;

/**
 * The mutable state of one run of an {@link UpdateRule} over {@code dim} weights: the step
 * count and whatever vectors the rule keeps (none for {@link SGD}, one for {@link AdaGrad},
 * one to three for {@link RMSProp}, two or three for {@link Adam}).
 *
 * <p>Ownership: a state belongs to one run. {@link UpdateRule#newState(int)} makes a fresh
 * one; nothing in this library shares a state between two runs, and the optimizer and the
 * updaters start a new one for every fit. {@link #copy()} is a deep copy. A state is not
 * thread-safe.
 */
public interface UpdateState extends Serializable {

  /** The number of weights this state is for. */
  int dimension();

  /** Steps taken so far; the next step is number {@code steps() + 1}. */
  long steps();

  /** A deep copy, of the same class. */
  UpdateState copy();
}
