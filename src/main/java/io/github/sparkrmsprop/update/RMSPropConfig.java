package io.github.sparkrmsprop.update;

import java.io.Serializable;
import java.util.Objects;

/**
 * The hyperparameters of one RMSProp run: immutable, validated when set, built with
 * {@link #builder()}. See {@link RMSProp} for the equations they enter.
 *
 * <table>
 *   <caption>Parameters, defaults and allowed ranges</caption>
 *   <tr><th>name</th><th>default</th><th>allowed</th><th>meaning</th></tr>
 *   <tr><td>learningRate</td><td>0.01</td><td>(0, inf)</td><td>base step {@code lr}</td></tr>
 *   <tr><td>decay</td><td>0.9</td><td>[0, 1)</td><td>{@code rho} of the moving averages</td></tr>
 *   <tr><td>epsilon</td><td>1e-8</td><td>[0, inf)</td><td>added to the denominator</td></tr>
 *   <tr><td>epsilonPlacement</td><td>OUTSIDE_SQRT</td><td></td><td>{@code sqrt(D)+eps} or
 *       {@code sqrt(D+eps)}</td></tr>
 *   <tr><td>centered</td><td>false</td><td></td><td>divide by the estimated variance</td></tr>
 *   <tr><td>momentum</td><td>0</td><td>[0, 1)</td><td>{@code mu}</td></tr>
 *   <tr><td>initialAccumulator</td><td>0</td><td>[0, inf)</td><td>starting {@code v}</td></tr>
 *   <tr><td>regParam</td><td>0</td><td>[0, inf)</td><td>{@code lambda}</td></tr>
 *   <tr><td>elasticNetParam</td><td>0</td><td>[0, 1]</td><td>{@code alpha}: 0 is L2, 1 is
 *       L1</td></tr>
 *   <tr><td>schedule</td><td>constant</td><td></td><td>{@link LearningRateSchedule}</td></tr>
 *   <tr><td>interceptStride</td><td>0</td><td>[0, inf)</td><td>which weights are
 *       intercepts (never regularized), see {@link CommonConfig}</td></tr>
 * </table>
 *
 * <p>learningRate, schedule, regParam, elasticNetParam and interceptStride are the
 * hyperparameters every rule shares; they live in a {@link CommonConfig}, see
 * {@link #common()}. The regularization term added to the loss is
 * {@code lambda * (alpha * ||w||_1 + (1 - alpha) / 2 * ||w||_2^2)} over the non-intercept
 * weights, as in spark.ml.
 */
public final class RMSPropConfig implements Serializable {

  private static final long serialVersionUID = 2L;

  /** Default base learning rate. */
  public static final double DEFAULT_LEARNING_RATE = 0.01;
  /** Default decay {@code rho} of the moving averages. */
  public static final double DEFAULT_DECAY = 0.9;
  /** Default epsilon, as PyTorch. */
  public static final double DEFAULT_EPSILON = 1e-8;
  /** Default momentum: none. */
  public static final double DEFAULT_MOMENTUM = 0.0;
  /** Default initial value of the squared-gradient average. */
  public static final double DEFAULT_INITIAL_ACCUMULATOR = 0.0;

  private static final RMSPropConfig DEFAULTS = new Builder().build();

  private final CommonConfig common;
  private final double decay;
  private final double epsilon;
  private final EpsilonPlacement epsilonPlacement;
  private final boolean centered;
  private final double momentum;
  private final double initialAccumulator;

  private RMSPropConfig(Builder b) {
    this.common = b.common;
    this.decay = b.decay;
    this.epsilon = b.epsilon;
    this.epsilonPlacement = b.epsilonPlacement;
    this.centered = b.centered;
    this.momentum = b.momentum;
    this.initialAccumulator = b.initialAccumulator;
  }

  /** The configuration with every default. */
  public static RMSPropConfig defaults() {
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

  public double decay() {
    return decay;
  }

  public double epsilon() {
    return epsilon;
  }

  public EpsilonPlacement epsilonPlacement() {
    return epsilonPlacement;
  }

  public boolean centered() {
    return centered;
  }

  public double momentum() {
    return momentum;
  }

  public double initialAccumulator() {
    return initialAccumulator;
  }

  public double regParam() {
    return common.regParam();
  }

  public double elasticNetParam() {
    return common.elasticNetParam();
  }

  public LearningRateSchedule schedule() {
    return common.schedule();
  }

  public int interceptStride() {
    return common.interceptStride();
  }

  /** The coupled L2 strength {@code lambda * (1 - alpha)}. */
  public double l2() {
    return common.l2();
  }

  /** The proximal L1 strength {@code lambda * alpha}. */
  public double l1() {
    return common.l1();
  }

  /** True when weight {@code i} is an intercept, which is never regularized. */
  public boolean isIntercept(int i) {
    return common.isIntercept(i);
  }

  /**
   * The regularization term {@code lambda * (alpha * ||w||_1 + (1 - alpha) / 2 * ||w||^2)}
   * over the non-intercept weights.
   */
  public double regularization(double[] w) {
    return common.regularization(w);
  }

  @Override
  public boolean equals(Object o) {
    if (!(o instanceof RMSPropConfig)) {
      return false;
    }
    RMSPropConfig c = (RMSPropConfig) o;
    return common.equals(c.common)
        && Double.compare(decay, c.decay) == 0
        && Double.compare(epsilon, c.epsilon) == 0
        && epsilonPlacement == c.epsilonPlacement
        && centered == c.centered
        && Double.compare(momentum, c.momentum) == 0
        && Double.compare(initialAccumulator, c.initialAccumulator) == 0;
  }

  @Override
  public int hashCode() {
    return Objects.hash(common, decay, epsilon, epsilonPlacement, centered, momentum,
        initialAccumulator);
  }

  @Override
  public String toString() {
    return "RMSPropConfig(" + common + ", decay=" + decay
        + ", epsilon=" + epsilon + ", epsilonPlacement=" + epsilonPlacement
        + ", centered=" + centered + ", momentum=" + momentum
        + ", initialAccumulator=" + initialAccumulator + ")";
  }

  /**
   * Sets the parameters one by one; each setter checks its value at once and throws
   * {@link IllegalArgumentException} naming the parameter, the allowed range and the value,
   * leaving the builder unchanged.
   */
  public static final class Builder {

    private CommonConfig common = CommonConfig.withDefaults(DEFAULT_LEARNING_RATE);
    private double decay = DEFAULT_DECAY;
    private double epsilon = DEFAULT_EPSILON;
    private EpsilonPlacement epsilonPlacement = EpsilonPlacement.OUTSIDE_SQRT;
    private boolean centered = false;
    private double momentum = DEFAULT_MOMENTUM;
    private double initialAccumulator = DEFAULT_INITIAL_ACCUMULATOR;

    private Builder() {
    }

    private Builder(RMSPropConfig c) {
      this.common = c.common;
      this.decay = c.decay;
      this.epsilon = c.epsilon;
      this.epsilonPlacement = c.epsilonPlacement;
      this.centered = c.centered;
      this.momentum = c.momentum;
      this.initialAccumulator = c.initialAccumulator;
    }

    /** Base learning rate, in (0, inf). Default 0.01. */
    public Builder learningRate(double value) {
      this.common = common.withLearningRate(value);
      return this;
    }

    /** Decay {@code rho} of the moving averages, in [0, 1). Default 0.9. */
    public Builder decay(double value) {
      Checks.inClosedOpen("decay", value, 0.0, 1.0);
      this.decay = value;
      return this;
    }

    /** Epsilon, in [0, inf). Default 1e-8. */
    public Builder epsilon(double value) {
      Checks.nonNegative("epsilon", value);
      this.epsilon = value;
      return this;
    }

    /** Where epsilon enters the denominator. Default {@code OUTSIDE_SQRT}. */
    public Builder epsilonPlacement(EpsilonPlacement value) {
      this.epsilonPlacement = Objects.requireNonNull(value, "epsilonPlacement");
      return this;
    }

    /** Whether to divide by the centered second moment. Default false. */
    public Builder centered(boolean value) {
      this.centered = value;
      return this;
    }

    /** Momentum {@code mu}, in [0, 1). Default 0. */
    public Builder momentum(double value) {
      Checks.inClosedOpen("momentum", value, 0.0, 1.0);
      this.momentum = value;
      return this;
    }

    /** Starting value of every squared-gradient average, in [0, inf). Default 0. */
    public Builder initialAccumulator(double value) {
      Checks.nonNegative("initialAccumulator", value);
      this.initialAccumulator = value;
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

    /** Learning-rate schedule. Default constant. */
    public Builder schedule(LearningRateSchedule value) {
      this.common = common.withSchedule(value);
      return this;
    }

    /** Block size whose last weight is an intercept, in [0, inf); 0 for none. Default 0. */
    public Builder interceptStride(int value) {
      this.common = common.withInterceptStride(value);
      return this;
    }

    /** All the shared hyperparameters at once: learning rate, schedule, regularization. */
    public Builder common(CommonConfig value) {
      this.common = Objects.requireNonNull(value, "common");
      return this;
    }

    public RMSPropConfig build() {
      return new RMSPropConfig(this);
    }
  }
}
