package io.github.sparkrmsprop.update;

import java.io.Serializable;
import java.util.Objects;

/**
 * The hyperparameters of one Adam run: immutable, validated when set, built with
 * {@link #builder()}. See {@link Adam} for the equations they enter. The defaults are
 * PyTorch's ({@code torch.optim.Adam}).
 *
 * <table>
 *   <caption>Parameters, defaults and allowed ranges</caption>
 *   <tr><th>name</th><th>default</th><th>allowed</th><th>meaning</th></tr>
 *   <tr><td>learningRate</td><td>0.001</td><td>(0, inf)</td><td>base step {@code lr}</td></tr>
 *   <tr><td>beta1</td><td>0.9</td><td>[0, 1)</td><td>decay of the gradient average
 *       {@code m}</td></tr>
 *   <tr><td>beta2</td><td>0.999</td><td>[0, 1)</td><td>decay of the squared-gradient
 *       average {@code v}</td></tr>
 *   <tr><td>epsilon</td><td>1e-8</td><td>[0, inf)</td><td>added to the denominator</td></tr>
 *   <tr><td>amsgrad</td><td>false</td><td></td><td>divide by the largest {@code v} so
 *       far</td></tr>
 *   <tr><td>regParam, elasticNetParam, schedule, interceptStride</td><td>0, 0, constant,
 *       0</td><td></td><td>shared by every rule, see {@link CommonConfig}; regParam with
 *       elasticNetParam 0 is PyTorch's {@code weight_decay} (L2 added to the gradient, not
 *       AdamW's decoupled decay)</td></tr>
 * </table>
 */
public final class AdamConfig implements Serializable {

  private static final long serialVersionUID = 1L;

  /** Default base learning rate, as PyTorch. */
  public static final double DEFAULT_LEARNING_RATE = 1e-3;
  /** Default decay of the gradient average, as PyTorch. */
  public static final double DEFAULT_BETA1 = 0.9;
  /** Default decay of the squared-gradient average, as PyTorch. */
  public static final double DEFAULT_BETA2 = 0.999;
  /** Default epsilon, as PyTorch. */
  public static final double DEFAULT_EPSILON = 1e-8;

  private static final AdamConfig DEFAULTS = new Builder().build();

  private final CommonConfig common;
  private final double beta1;
  private final double beta2;
  private final double epsilon;
  private final boolean amsgrad;

  private AdamConfig(Builder b) {
    this.common = b.common;
    this.beta1 = b.beta1;
    this.beta2 = b.beta2;
    this.epsilon = b.epsilon;
    this.amsgrad = b.amsgrad;
  }

  /** The configuration with every default. */
  public static AdamConfig defaults() {
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

  public double beta1() {
    return beta1;
  }

  public double beta2() {
    return beta2;
  }

  public double epsilon() {
    return epsilon;
  }

  public boolean amsgrad() {
    return amsgrad;
  }

  @Override
  public boolean equals(Object o) {
    if (!(o instanceof AdamConfig)) {
      return false;
    }
    AdamConfig c = (AdamConfig) o;
    return common.equals(c.common)
        && Double.compare(beta1, c.beta1) == 0
        && Double.compare(beta2, c.beta2) == 0
        && Double.compare(epsilon, c.epsilon) == 0
        && amsgrad == c.amsgrad;
  }

  @Override
  public int hashCode() {
    return Objects.hash(common, beta1, beta2, epsilon, amsgrad);
  }

  @Override
  public String toString() {
    return "AdamConfig(" + common + ", beta1=" + beta1 + ", beta2=" + beta2
        + ", epsilon=" + epsilon + ", amsgrad=" + amsgrad + ")";
  }

  /**
   * Sets the parameters one by one; each setter checks its value at once and throws
   * {@link IllegalArgumentException} naming the parameter, the allowed range and the value,
   * leaving the builder unchanged.
   */
  public static final class Builder {

    private CommonConfig common = CommonConfig.withDefaults(DEFAULT_LEARNING_RATE);
    private double beta1 = DEFAULT_BETA1;
    private double beta2 = DEFAULT_BETA2;
    private double epsilon = DEFAULT_EPSILON;
    private boolean amsgrad = false;

    private Builder() {
    }

    private Builder(AdamConfig c) {
      this.common = c.common;
      this.beta1 = c.beta1;
      this.beta2 = c.beta2;
      this.epsilon = c.epsilon;
      this.amsgrad = c.amsgrad;
    }

    /** Base learning rate, in (0, inf). Default 0.001. */
    public Builder learningRate(double value) {
      this.common = common.withLearningRate(value);
      return this;
    }

    /** Decay {@code beta1} of the gradient average, in [0, 1). Default 0.9. */
    public Builder beta1(double value) {
      Checks.inClosedOpen("beta1", value, 0.0, 1.0);
      this.beta1 = value;
      return this;
    }

    /** Decay {@code beta2} of the squared-gradient average, in [0, 1). Default 0.999. */
    public Builder beta2(double value) {
      Checks.inClosedOpen("beta2", value, 0.0, 1.0);
      this.beta2 = value;
      return this;
    }

    /** Epsilon, in [0, inf). Default 1e-8. */
    public Builder epsilon(double value) {
      Checks.nonNegative("epsilon", value);
      this.epsilon = value;
      return this;
    }

    /** Whether to divide by the running maximum of {@code v} (AMSGrad). Default false. */
    public Builder amsgrad(boolean value) {
      this.amsgrad = value;
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

    public AdamConfig build() {
      return new AdamConfig(this);
    }
  }
}
