package io.github.sparkrmsprop.update;

import java.io.Serializable;

/**
 * One first-order update rule ({@link SGD}, {@link AdaGrad}, {@link RMSProp}, {@link Adam}):
 * the maths of one step, in float64, without Spark. The distributed loop
 * ({@code RMSPropOptimizer}) and the MLlib updaters ({@code AdaptiveUpdater}) run any rule.
 *
 * <p>Call order: {@link #newState(int)} once per run, then {@link #step} once per iteration
 * with the gradient of the averaged loss at the current weights, without the regularization
 * term (the rule adds it, see {@link CommonConfig}). {@link #regularization(double[])} gives
 * the term to add to the loss.
 *
 * <p>A rule is immutable and may be shared between threads and runs; it holds only its
 * configuration. Its state, which holds the vectors of the model's size, belongs to one run.
 * {@link #withCommon(CommonConfig)} returns a new rule and leaves this one as it was.
 *
 * @param <S> the rule's state
 */
public interface UpdateRule<S extends UpdateState> extends Serializable {

  /** A short name for logs and messages, e.g. {@code "Adam"}. */
  String name();

  /** The hyperparameters every rule shares: learning rate, schedule, regularization. */
  CommonConfig common();

  /** The same rule with {@code common} in place of {@link #common()}. */
  UpdateRule<S> withCommon(CommonConfig common);

  /** A fresh state for {@code dim} weights, with no steps taken. */
  S newState(int dim);

  /**
   * One step with an explicit learning rate {@code lr_t}, for callers that own the schedule
   * (MLlib's {@code GradientDescent} passes its own step size and iteration). Updates
   * {@code w} and {@code state} in place; {@code g} is not modified.
   *
   * @throws IllegalArgumentException when {@code w}, {@code g} and the state differ in size,
   *     before anything changes
   */
  void step(double[] w, double[] g, S state, double lr);

  /** The learning rate of the state's next step: {@code schedule.rate(lr, steps + 1)}. */
  default double nextLearningRate(S state) {
    return common().rate(state.steps() + 1);
  }

  /** One step with the scheduled learning rate {@link #nextLearningRate}. */
  default void step(double[] w, double[] g, S state) {
    step(w, g, state, nextLearningRate(state));
  }

  /**
   * The regularization term at {@code w}:
   * {@code lambda * (alpha * ||w||_1 + (1 - alpha) / 2 * ||w||^2)}, intercepts excluded.
   */
  default double regularization(double[] w) {
    return common().regularization(w);
  }
}
