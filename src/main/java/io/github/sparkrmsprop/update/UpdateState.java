package io.github.sparkrmsprop.update;

import java.io.Serializable;
import java.util.Map;

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

  /**
   * The vectors this state holds, by name, in a fixed order: the live arrays, not copies.
   * Used to save a run ({@code io.github.sparkrmsprop.checkpoint}); vectors not allocated yet
   * (RMSProp's {@code m} and {@code b} before their first step) are left out.
   */
  Map<String, double[]> arrays();

  /**
   * Sets this state to a saved one: the step count and each named vector, copied in. The
   * names must be those {@link #arrays()} gives for this kind of state and the lengths this
   * state's dimension.
   *
   * @throws IllegalArgumentException naming the vector that is missing, unknown or of
   *     another length; the state is unchanged then
   */
  void restore(Map<String, double[]> saved, long steps);
}
