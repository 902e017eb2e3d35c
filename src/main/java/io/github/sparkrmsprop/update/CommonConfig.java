package io.github.sparkrmsprop.update;

import java.io.Serializable;
import java.util.Objects;

/**
 * The hyperparameters every {@link UpdateRule} shares: the base learning rate, its schedule,
 * the regularization and which weights are intercepts. Immutable; each {@code with...} method
 * checks its value before building the new configuration and throws
 * {@link IllegalArgumentException} naming the parameter, the allowed range and the value.
 *
 * <table>
 *   <caption>Parameters, defaults and allowed ranges</caption>
 *   <tr><th>name</th><th>default</th><th>allowed</th><th>meaning</th></tr>
 *   <tr><td>learningRate</td><td>the rule's own</td><td>(0, inf)</td><td>base step
 *       {@code lr}</td></tr>
 *   <tr><td>schedule</td><td>constant</td><td></td><td>{@code lr_t} from {@code lr}, see
 *       {@link LearningRateSchedule}</td></tr>
 *   <tr><td>regParam</td><td>0</td><td>[0, inf)</td><td>{@code lambda}</td></tr>
 *   <tr><td>elasticNetParam</td><td>0</td><td>[0, 1]</td><td>{@code alpha}: 0 is L2, 1 is
 *       L1</td></tr>
 *   <tr><td>interceptStride</td><td>0</td><td>[0, inf)</td><td>which weights are
 *       intercepts (never regularized): none when 0, else every index {@code i} with
 *       {@code (i + 1) % stride == 0}, i.e. the last weight of each block of {@code stride}
 *       weights, the layout MLlib uses when it appends a bias feature</td></tr>
 * </table>
 *
 * <p>The regularization term added to the loss is
 * {@code lambda * (alpha * ||w||_1 + (1 - alpha) / 2 * ||w||_2^2)} over the non-intercept
 * weights, as in spark.ml. Every rule applies it the same way: the L2 part
 * {@code l2 = lambda * (1 - alpha)} is added to the gradient ({@code g + l2 * w}, PyTorch's
 * {@code weight_decay}) before the rule's moments see it; the L1 part
 * {@code l1 = lambda * alpha} is a proximal soft-threshold after the step, with that
 * coordinate's own step size, which gives exact zeros.
 */
public final class CommonConfig implements Serializable {

  private static final long serialVersionUID = 1L;

  /** Default regularization strength: none. */
  public static final double DEFAULT_REG_PARAM = 0.0;
  /** Default elastic-net mixing: pure L2 (which is off while regParam is 0). */
  public static final double DEFAULT_ELASTIC_NET_PARAM = 0.0;
  /** Default intercept layout: no intercept. */
  public static final int DEFAULT_INTERCEPT_STRIDE = 0;

  private final double learningRate;
  private final LearningRateSchedule schedule;
  private final double regParam;
  private final double elasticNetParam;
  private final int interceptStride;

  private CommonConfig(double learningRate, LearningRateSchedule schedule, double regParam,
      double elasticNetParam, int interceptStride) {
    this.learningRate = learningRate;
    this.schedule = schedule;
    this.regParam = regParam;
    this.elasticNetParam = elasticNetParam;
    this.interceptStride = interceptStride;
  }

  /**
   * The defaults with the given base learning rate (each rule has its own default rate).
   *
   * @param learningRate in (0, inf)
   */
  public static CommonConfig withDefaults(double learningRate) {
    Checks.positive("learningRate", learningRate);
    return new CommonConfig(learningRate, LearningRateSchedule.constant(), DEFAULT_REG_PARAM,
        DEFAULT_ELASTIC_NET_PARAM, DEFAULT_INTERCEPT_STRIDE);
  }

  /** This configuration with base learning rate {@code value}, in (0, inf). */
  public CommonConfig withLearningRate(double value) {
    Checks.positive("learningRate", value);
    return new CommonConfig(value, schedule, regParam, elasticNetParam, interceptStride);
  }

  /** This configuration with learning-rate schedule {@code value}. */
  public CommonConfig withSchedule(LearningRateSchedule value) {
    Objects.requireNonNull(value, "schedule");
    return new CommonConfig(learningRate, value, regParam, elasticNetParam, interceptStride);
  }

  /** This configuration with regularization strength {@code value}, in [0, inf). */
  public CommonConfig withRegParam(double value) {
    Checks.nonNegative("regParam", value);
    return new CommonConfig(learningRate, schedule, value, elasticNetParam, interceptStride);
  }

  /** This configuration with elastic-net mixing {@code value}, in [0, 1]. */
  public CommonConfig withElasticNetParam(double value) {
    Checks.inClosed("elasticNetParam", value, 0.0, 1.0);
    return new CommonConfig(learningRate, schedule, regParam, value, interceptStride);
  }

  /** This configuration with intercept block size {@code value}, in [0, inf); 0 for none. */
  public CommonConfig withInterceptStride(int value) {
    Checks.atLeast("interceptStride", value, 0);
    return new CommonConfig(learningRate, schedule, regParam, elasticNetParam, value);
  }

  public double learningRate() {
    return learningRate;
  }

  public LearningRateSchedule schedule() {
    return schedule;
  }

  public double regParam() {
    return regParam;
  }

  public double elasticNetParam() {
    return elasticNetParam;
  }

  public int interceptStride() {
    return interceptStride;
  }

  /** The learning rate of step {@code t} (1 for the first): {@code schedule.rate(lr, t)}. */
  public double rate(long t) {
    return schedule.rate(learningRate, t);
  }

  /** The coupled L2 strength {@code lambda * (1 - alpha)}. */
  public double l2() {
    return regParam * (1.0 - elasticNetParam);
  }

  /** The proximal L1 strength {@code lambda * alpha}. */
  public double l1() {
    return regParam * elasticNetParam;
  }

  /** True when weight {@code i} is an intercept, which is never regularized. */
  public boolean isIntercept(int i) {
    return interceptStride > 0 && (i + 1) % interceptStride == 0;
  }

  /**
   * The regularization term {@code lambda * (alpha * ||w||_1 + (1 - alpha) / 2 * ||w||^2)}
   * over the non-intercept weights.
   */
  public double regularization(double[] w) {
    if (regParam == 0.0) {
      return 0.0;
    }
    double l1Norm = 0.0;
    double l2Squared = 0.0;
    for (int i = 0; i < w.length; i++) {
      if (!isIntercept(i)) {
        l1Norm += Math.abs(w[i]);
        l2Squared += w[i] * w[i];
      }
    }
    return l1() * l1Norm + 0.5 * l2() * l2Squared;
  }

  /**
   * The proximal L1 map of one coordinate, {@code sign(w) * max(|w| - threshold, 0)}, where
   * the threshold is {@code l1} times that coordinate's step size; an infinite threshold
   * gives 0.
   */
  static double softThreshold(double w, double threshold) {
    double a = Math.abs(w) - threshold;
    return a > 0.0 ? Math.copySign(a, w) : 0.0;
  }

  @Override
  public boolean equals(Object o) {
    if (!(o instanceof CommonConfig)) {
      return false;
    }
    CommonConfig c = (CommonConfig) o;
    return Double.compare(learningRate, c.learningRate) == 0
        && schedule.equals(c.schedule)
        && Double.compare(regParam, c.regParam) == 0
        && Double.compare(elasticNetParam, c.elasticNetParam) == 0
        && interceptStride == c.interceptStride;
  }

  @Override
  public int hashCode() {
    return Objects.hash(learningRate, schedule, regParam, elasticNetParam, interceptStride);
  }

  /** The fields as {@code name=value} pairs, for the rule configurations' own toString. */
  @Override
  public String toString() {
    return "learningRate=" + learningRate + ", regParam=" + regParam
        + ", elasticNetParam=" + elasticNetParam + ", schedule=" + schedule
        + ", interceptStride=" + interceptStride;
  }
}
