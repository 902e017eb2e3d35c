package io.github.sparkrmsprop.update;

import java.io.Serializable;
import java.util.Objects;

/**
 * The hyperparameters of one AdaGrad run: immutable, validated when set, built with
 * {@link #builder()}. See {@link AdaGrad} for the equations they enter. The defaults are
 * PyTorch's ({@code torch.optim.Adagrad}).
 *
 * <table>
 *   <caption>Parameters, defaults and allowed ranges</caption>
 *   <tr><th>name</th><th>default</th><th>allowed</th><th>meaning</th></tr>
 *   <tr><td>learningRate</td><td>0.01</td><td>(0, inf)</td><td>base step {@code lr}</td></tr>
 *   <tr><td>learningRateDecay</td><td>0</td><td>[0, inf)</td><td>{@code d} in
 *       {@code lr_t / (1 + (t - 1) d)}, PyTorch's {@code lr_decay}</td></tr>
 *   <tr><td>epsilon</td><td>1e-10</td><td>[0, inf)</td><td>added to the denominator</td></tr>
 *   <tr><td>initialAccumulator</td><td>0</td><td>[0, inf)</td><td>starting {@code sum},
 *       PyTorch's {@code initial_accumulator_value}</td></tr>
 *   <tr><td>regParam, elasticNetParam, schedule, interceptStride</td><td>0, 0, constant,
 *       0</td><td></td><td>shared by every rule, see {@link CommonConfig}; regParam with
 *       elasticNetParam 0 is PyTorch's {@code weight_decay}</td></tr>
 * </table>
 */
public final class AdaGradConfig implements Serializable {

  private static final long serialVersionUID = 1L;

  /** Default base learning rate, as PyTorch. */
  public static final double DEFAULT_LEARNING_RATE = 0.01;
  /** Default learning-rate decay: none, as PyTorch. */
  public static final double DEFAULT_LEARNING_RATE_DECAY = 0.0;
  /** Default epsilon, as PyTorch. */
  public static final double DEFAULT_EPSILON = 1e-10;
  /** Default initial value of the sum of squared gradients, as PyTorch. */
  public static final double DEFAULT_INITIAL_ACCUMULATOR = 0.0;

  private static final AdaGradConfig DEFAULTS = new Builder().build();

  private final CommonConfig common;
  private final double learningRateDecay;
  private final double epsilon;
  private final double initialAccumulator;

  private AdaGradConfig(Builder b) {
    this.common = b.common;
    this.learningRateDecay = b.learningRateDecay;
    this.epsilon = b.epsilon;
    this.initialAccumulator = b.initialAccumulator;
  }

  /** The configuration with every default. */
  public static AdaGradConfig defaults() {
    return DEFAULTS;
  }

  /** A builder starting from the defaults. */
  public static Builder builder() {
    return new Builder();
  }

  /** A builder starting from this configuration. */
  public Builder toBuilder() {
    return new Builder(this);
  }

  /** The learning rate, schedule, regularization and intercept layout. */
  public CommonConfig common() {
    return common;
  }

  public double learningRate() {
    return common.learningRate();
  }

  public double learningRateDecay() {
    return learningRateDecay;
  }

  public double epsilon() {
    return epsilon;
  }

  public double initialAccumulator() {
    return initialAccumulator;
  }

  @Override
  public boolean equals(Object o) {
    if (!(o instanceof AdaGradConfig)) {
      return false;
    }
    AdaGradConfig c = (AdaGradConfig) o;
    return common.equals(c.common)
        && Double.compare(learningRateDecay, c.learningRateDecay) == 0
        && Double.compare(epsilon, c.epsilon) == 0
        && Double.compare(initialAccumulator, c.initialAccumulator) == 0;
  }

  @Override
  public int hashCode() {
    return Objects.hash(common, learningRateDecay, epsilon, initialAccumulator);
  }

  @Override
  public String toString() {
    return "AdaGradConfig(" + common + ", learningRateDecay=" + learningRateDecay
        + ", epsilon=" + epsilon + ", initialAccumulator=" + initialAccumulator + ")";
  }

  /**
   * Sets the parameters one by one; each setter checks its value at once and throws
   * {@link IllegalArgumentException} naming the parameter, the allowed range and the value,
   * leaving the builder unchanged.
   */
  public static final class Builder {

    private CommonConfig common = CommonConfig.withDefaults(DEFAULT_LEARNING_RATE);
    private double learningRateDecay = DEFAULT_LEARNING_RATE_DECAY;
    private double epsilon = DEFAULT_EPSILON;
    private double initialAccumulator = DEFAULT_INITIAL_ACCUMULATOR;

    private Builder() {
    }

    private Builder(AdaGradConfig c) {
      this.common = c.common;
      this.learningRateDecay = c.learningRateDecay;
      this.epsilon = c.epsilon;
      this.initialAccumulator = c.initialAccumulator;
    }

    /** Base learning rate, in (0, inf). Default 0.01. */
    public Builder learningRate(double value) {
      this.common = common.withLearningRate(value);
      return this;
    }

    /** Decay {@code d} of {@code lr_t / (1 + (t - 1) d)}, in [0, inf). Default 0. */
    public Builder learningRateDecay(double value) {
      Checks.nonNegative("learningRateDecay", value);
      this.learningRateDecay = value;
      return this;
    }

    /** Epsilon, in [0, inf). Default 1e-10. */
    public Builder epsilon(double value) {
      Checks.nonNegative("epsilon", value);
      this.epsilon = value;
      return this;
    }

    /** Starting value of every sum of squared gradients, in [0, inf). Default 0. */
    public Builder initialAccumulator(double value) {
      Checks.nonNegative("initialAccumulator", value);
      this.initialAccumulator = value;
      return this;
    }

    /** Learning-rate schedule, applied before the decay. Default constant. */
    public Builder schedule(LearningRateSchedule value) {
      this.common = common.withSchedule(value);
      return this;
    }

    /** Regularization strength {@code lambda}, in [0, inf). Default 0. */
    public Builder regParam(double value) {
      this.common = common.withRegParam(value);
      return this;
    }

    /** Elastic-net mixing {@code alpha}, in [0, 1]: 0 is L2, 1 is L1. Default 0. */
    public Builder elasticNetParam(double value) {
      this.common = common.withElasticNetParam(value);
      return this;
    }

    /** Block size whose last weight is an intercept, in [0, inf); 0 for none. Default 0. */
    public Builder interceptStride(int value) {
      this.common = common.withInterceptStride(value);
      return this;
    }

    /** All the shared hyperparameters at once. */
    public Builder common(CommonConfig value) {
      this.common = Objects.requireNonNull(value, "common");
      return this;
    }

    public AdaGradConfig build() {
      return new AdaGradConfig(this);
    }
  }
}
