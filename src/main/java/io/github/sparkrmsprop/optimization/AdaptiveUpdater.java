package io.github.sparkrmsprop.optimization;

import io.github.sparkrmsprop.update.CommonConfig;
import io.github.sparkrmsprop.update.LearningRateSchedule;
import io.github.sparkrmsprop.update.UpdateRule;
import io.github.sparkrmsprop.update.UpdateState;
import java.util.Objects;
import org.apache.spark.mllib.linalg.Vector;
import org.apache.spark.mllib.linalg.Vectors;
import org.apache.spark.mllib.optimization.Updater;
import scala.Tuple2;

/**
 * Any {@link UpdateRule} as an MLlib {@link Updater}, for {@code GradientDescent} and
 * {@code GradientDescent.runMiniBatchSGD}:
 * <pre>{@code
 * Updater adam = new AdaptiveUpdater<>(new Adam(AdamConfig.builder().amsgrad(true).build()));
 * }</pre>
 * Each call to {@link #compute} is one step of the rule with
 * {@code lr_t = schedule.rate(stepSize, iter)} taken from the step size and iteration that
 * {@code GradientDescent} passes (the rule's own learning rate is not used; with the constant
 * schedule, the default, {@code lr_t = stepSize}; MLlib's own updaters use
 * {@code stepSize / sqrt(iter)}, available as {@link LearningRateSchedule#inverseSqrt()}),
 * and the regularization strength {@code regParam} it passes in place of the rule's, mixed by
 * the rule's elasticNetParam. Step-dependent parts of the rule (Adam's bias corrections,
 * AdaGrad's learning-rate decay) count the steps of this updater's state, which equal
 * {@code iter} within one run. The returned regularization value is
 * {@code regParam * (alpha ||w||_1 + (1 - alpha)/2 ||w||^2)} of the new weights, intercepts
 * excluded.
 *
 * <p>State: this updater holds the rule's state for one run (the rule's vectors of the
 * model's size, see each rule's memory cost) on the driver, where {@code GradientDescent}
 * calls it. It tells runs apart by the iteration number:
 * <ul>
 *   <li>a call with {@code stepSize == 0} is the probe that {@code GradientDescent} makes
 *       before its loop to read the regularization value: it returns the weights unchanged
 *       with their regularization value and leaves the state alone;</li>
 *   <li>a call with {@code iter == 1} (or weights of another size) starts a new run from
 *       fresh state, so reusing the updater for a second fit never sees the first fit's
 *       state.</li>
 * </ul>
 * One updater must not serve two runs at the same time. Changing the rule between calls
 * keeps the state.
 *
 * <p>Do not hand it to MLlib's {@code LBFGS}: L-BFGS calls the updater with a zero gradient
 * to read the regularization value and its gradient, expecting a stateless proximal map;
 * this updater would count those calls as steps and scale them by its state, giving a
 * wrong objective. Use {@link RMSPropOptimizer} or {@code GradientDescent}.
 *
 * @param <S> the rule's state
 */
public class AdaptiveUpdater<S extends UpdateState> extends Updater {

  private static final long serialVersionUID = 1L;

  private UpdateRule<S> rule;
  private S state;

  /** An updater running {@code rule}. */
  public AdaptiveUpdater(UpdateRule<S> rule) {
    this.rule = Objects.requireNonNull(rule, "rule");
  }

  /** Replaces the rule; the current run's state is kept. */
  public AdaptiveUpdater<S> setUpdateRule(UpdateRule<S> rule) {
    this.rule = Objects.requireNonNull(rule, "rule");
    return this;
  }

  /** Elastic-net mixing of the {@code regParam} that GradientDescent passes, in [0, 1]. */
  public AdaptiveUpdater<S> setElasticNetParam(double alpha) {
    return setUpdateRule(rule.withCommon(rule.common().withElasticNetParam(alpha)));
  }

  /** Schedule applied to GradientDescent's step size. Default constant. */
  public AdaptiveUpdater<S> setSchedule(LearningRateSchedule schedule) {
    return setUpdateRule(rule.withCommon(rule.common().withSchedule(schedule)));
  }

  /**
   * Marks intercepts, never regularized: the last weight of each block of {@code stride}
   * weights (MLlib appends the bias feature last, so a binary model with intercept over
   * {@code d} features has stride {@code d + 1}). Default 0, no intercept.
   */
  public AdaptiveUpdater<S> setInterceptStride(int stride) {
    return setUpdateRule(rule.withCommon(rule.common().withInterceptStride(stride)));
  }

  /** The rule; its learning rate and regParam are replaced by GradientDescent's. */
  public UpdateRule<S> getUpdateRule() {
    return rule;
  }

  /** A copy of the current run's state, or null before the first step. */
  @SuppressWarnings("unchecked")
  public S getState() {
    // Every state's copy() returns its own class.
    return state == null ? null : (S) state.copy();
  }

  /** Forgets the current run's state. */
  public void reset() {
    state = null;
  }

  @Override
  public Tuple2<Vector, Object> compute(Vector weightsOld, Vector gradient, double stepSize,
      int iter, double regParam) {
    CommonConfig common = rule.common();
    UpdateRule<S> run = common.regParam() == regParam
        ? rule : rule.withCommon(common.withRegParam(regParam));
    double[] w = weightsOld.toArray().clone();

    if (stepSize == 0.0) {
      return new Tuple2<>(Vectors.dense(w), run.regularization(w));
    }

    if (state == null || iter == 1 || state.dimension() != w.length) {
      state = run.newState(w.length);
    }
    double lr = run.common().schedule().rate(stepSize, iter);
    run.step(w, gradient.toArray(), state, lr);
    return new Tuple2<>(Vectors.dense(w), run.regularization(w));
  }
}
