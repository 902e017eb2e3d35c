package io.github.sparkrmsprop.update;

import java.io.Serializable;
import java.util.Objects;

/**
 * The hyperparameters of one plain SGD run: only the ones every rule shares, see
 * {@link CommonConfig}. Immutable, validated when set, built with {@link #builder()}; see
 * {@link SGD} for the equations.
 *
 * <p>Defaults: learningRate 0.01, constant schedule, regParam 0, elasticNetParam 0,
 * interceptStride 0. (MLlib's {@code GradientDescent} starts from step size 1 with the
 * schedule {@code lr / sqrt(t)}; use {@link LearningRateSchedule#inverseSqrt()} for it.)
 */
public final class SGDConfig implements Serializable {

  private static final long serialVersionUID = 1L;

  /** Default base learning rate. */
  public static final double DEFAULT_LEARNING_RATE = 0.01;

  private static final SGDConfig DEFAULTS = new Builder().build();

  private final CommonConfig common;

  private SGDConfig(Builder b) {
    this.common = b.common;
  }

  /** The configuration with every default. */
  public static SGDConfig defaults() {
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

  @Override
  public boolean equals(Object o) {
    return o instanceof SGDConfig && common.equals(((SGDConfig) o).common);
  }

  @Override
  public int hashCode() {
    return Objects.hash(common);
  }

  @Override
  public String toString() {
    return "SGDConfig(" + common + ")";
  }

  /**
   * Sets the parameters one by one; each setter checks its value at once and throws
   * {@link IllegalArgumentException} naming the parameter, the allowed range and the value,
   * leaving the builder unchanged.
   */
  public static final class Builder {

    private CommonConfig common = CommonConfig.withDefaults(DEFAULT_LEARNING_RATE);

    private Builder() {
    }

    private Builder(SGDConfig c) {
      this.common = c.common;
    }

    /** Base learning rate, in (0, inf). Default 0.01. */
    public Builder learningRate(double value) {
      this.common = common.withLearningRate(value);
      return this;
    }

    /** Learning-rate schedule. Default constant. */
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

    public SGDConfig build() {
      return new SGDConfig(this);
    }
  }
}
