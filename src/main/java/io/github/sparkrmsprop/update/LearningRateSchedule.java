package io.github.sparkrmsprop.update;

import java.io.Serializable;
import java.util.Locale;
import java.util.Objects;

/**
 * How the learning rate changes with the step number {@code t} (1 for the first step).
 *
 * <ul>
 *   <li>{@link #constant()} (the default): {@code lr_t = lr};</li>
 *   <li>{@link #inverseSqrt()}: {@code lr_t = lr / sqrt(t)}, the schedule of MLlib's
 *       {@code SimpleUpdater} and {@code L1Updater};</li>
 *   <li>{@link #exponential(double) exponential(gamma)}: {@code lr_t = lr * gamma^(t - 1)},
 *       with {@code gamma} in (0, 1].</li>
 * </ul>
 *
 * <p>A schedule is immutable and holds no state; {@link #parse(String)} reads the forms that
 * {@link #toString()} writes: {@code constant}, {@code invsqrt}, {@code exponential:0.99}.
 */
public final class LearningRateSchedule implements Serializable {

  private static final long serialVersionUID = 1L;

  /** The kinds of schedule. */
  public enum Kind { CONSTANT, INVERSE_SQRT, EXPONENTIAL }

  private static final LearningRateSchedule CONSTANT =
      new LearningRateSchedule(Kind.CONSTANT, 1.0);
  private static final LearningRateSchedule INVERSE_SQRT =
      new LearningRateSchedule(Kind.INVERSE_SQRT, 1.0);

  private final Kind kind;
  private final double gamma;

  private LearningRateSchedule(Kind kind, double gamma) {
    this.kind = kind;
    this.gamma = gamma;
  }

  /** {@code lr_t = lr}. */
  public static LearningRateSchedule constant() {
    return CONSTANT;
  }

  /** {@code lr_t = lr / sqrt(t)}. */
  public static LearningRateSchedule inverseSqrt() {
    return INVERSE_SQRT;
  }

  /**
   * {@code lr_t = lr * gamma^(t - 1)}.
   *
   * @param gamma the factor applied per step, in (0, 1]
   */
  public static LearningRateSchedule exponential(double gamma) {
    if (!(gamma > 0.0 && gamma <= 1.0)) {
      throw new IllegalArgumentException(
          "exponential schedule gamma must be in (0, 1] but was " + gamma);
    }
    return new LearningRateSchedule(Kind.EXPONENTIAL, gamma);
  }

  /**
   * Reads {@code constant}, {@code invsqrt} or {@code exponential:GAMMA} (case-insensitive).
   *
   * @throws IllegalArgumentException naming the accepted forms when the text is none of them
   */
  public static LearningRateSchedule parse(String text) {
    String s = text == null ? "" : text.trim().toLowerCase(Locale.ROOT);
    if (s.equals("constant")) {
      return constant();
    }
    if (s.equals("invsqrt")) {
      return inverseSqrt();
    }
    if (s.startsWith("exponential:")) {
      String value = s.substring("exponential:".length());
      try {
        return exponential(Double.parseDouble(value));
      } catch (NumberFormatException e) {
        throw new IllegalArgumentException(
            "learning-rate schedule 'exponential:GAMMA' needs a number but got '" + value + "'");
      }
    }
    throw new IllegalArgumentException("learning-rate schedule must be one of 'constant', "
        + "'invsqrt', 'exponential:GAMMA' but was '" + text + "'");
  }

  /** The learning rate of step {@code t} (t &ge; 1) for the base rate {@code lr}. */
  public double rate(double lr, long t) {
    switch (kind) {
      case INVERSE_SQRT:
        return lr / Math.sqrt(t);
      case EXPONENTIAL:
        return lr * Math.pow(gamma, t - 1);
      default:
        return lr;
    }
  }

  public Kind kind() {
    return kind;
  }

  /** The per-step factor of an exponential schedule; 1 for the others. */
  public double gamma() {
    return gamma;
  }

  @Override
  public boolean equals(Object o) {
    if (!(o instanceof LearningRateSchedule)) {
      return false;
    }
    LearningRateSchedule other = (LearningRateSchedule) o;
    return kind == other.kind && Double.compare(gamma, other.gamma) == 0;
  }

  @Override
  public int hashCode() {
    return Objects.hash(kind, gamma);
  }

  @Override
  public String toString() {
    switch (kind) {
      case INVERSE_SQRT:
        return "invsqrt";
      case EXPONENTIAL:
        return "exponential:" + gamma;
      default:
        return "constant";
    }
  }
}
