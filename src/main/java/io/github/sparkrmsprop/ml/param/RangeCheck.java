package io.github.sparkrmsprop.ml.param;

import io.github.sparkrmsprop.update.LearningRateSchedule;
import java.io.Serializable;
import scala.runtime.AbstractFunction1;

/**
 * Validators for spark.ml {@code Param}s that explain themselves: instead of returning false
 * (which Spark reports as "given invalid value"), a value out of range throws
 * {@link IllegalArgumentException} naming the parameter, the allowed range and the value, e.g.
 * {@code "stepSize must be in (0, inf) but was -1.0"}. Serializable, as Params are.
 */
public final class RangeCheck extends AbstractFunction1<Object, Object> implements Serializable {

  private static final long serialVersionUID = 1L;

  private final String name;
  private final double lo;
  private final double hi;
  private final boolean loOpen;
  private final boolean hiOpen;

  private RangeCheck(String name, double lo, boolean loOpen, double hi, boolean hiOpen) {
    this.name = name;
    this.lo = lo;
    this.hi = hi;
    this.loOpen = loOpen;
    this.hiOpen = hiOpen;
  }

  /** Values in [min, inf). */
  public static RangeCheck atLeast(String name, double min) {
    return new RangeCheck(name, min, false, Double.POSITIVE_INFINITY, true);
  }

  /** Values in (0, inf). */
  public static RangeCheck positive(String name) {
    return new RangeCheck(name, 0.0, true, Double.POSITIVE_INFINITY, true);
  }

  /** Values in [lo, hi]. */
  public static RangeCheck closed(String name, double lo, double hi) {
    return new RangeCheck(name, lo, false, hi, false);
  }

  /** Values in [lo, hi). */
  public static RangeCheck closedOpen(String name, double lo, double hi) {
    return new RangeCheck(name, lo, false, hi, true);
  }

  /** Values in (lo, hi]. */
  public static RangeCheck openClosed(String name, double lo, double hi) {
    return new RangeCheck(name, lo, true, hi, false);
  }

  /** The range as written in messages and docs, e.g. {@code (0, 1]}. */
  public String range() {
    return (loOpen ? "(" : "[") + fmt(lo) + ", " + fmt(hi) + (hiOpen ? ")" : "]");
  }

  @Override
  public Object apply(Object value) {
    double v = ((Number) value).doubleValue();
    boolean aboveLo = loOpen ? v > lo : v >= lo;
    boolean belowHi = hiOpen ? v < hi : v <= hi;
    if (!(aboveLo && belowHi)) {
      throw new IllegalArgumentException(name + " must be in " + range() + " but was " + value);
    }
    return Boolean.TRUE;
  }

  /** A validator of learning-rate schedule texts, see {@link LearningRateSchedule#parse}. */
  public static AbstractFunction1<String, Object> schedule() {
    return new ScheduleCheck();
  }

  /** A validator of a text param that takes one of {@code allowed}. */
  public static AbstractFunction1<String, Object> oneOf(String name, String... allowed) {
    return new OneOfCheck(name, allowed);
  }

  /** A validator of checkpointInterval: -1 (never) or at least 1, as spark.ml's. */
  public static AbstractFunction1<Object, Object> checkpointInterval() {
    return new CheckpointIntervalCheck();
  }

  private static String fmt(double d) {
    if (Double.isInfinite(d)) {
      return "inf";
    }
    return d == Math.rint(d) ? Long.toString((long) d) : Double.toString(d);
  }

  private static final class ScheduleCheck extends AbstractFunction1<String, Object>
      implements Serializable {

    private static final long serialVersionUID = 1L;

    @Override
    public Object apply(String value) {
      LearningRateSchedule.parse(value);
      return Boolean.TRUE;
    }
  }

  private static final class CheckpointIntervalCheck extends AbstractFunction1<Object, Object>
      implements Serializable {

    private static final long serialVersionUID = 1L;

    @Override
    public Object apply(Object value) {
      int v = ((Number) value).intValue();
      if (v != -1 && v < 1) {
        throw new IllegalArgumentException("checkpointInterval must be -1 (never) or in "
            + "[1, inf) but was " + value);
      }
      return Boolean.TRUE;
    }
  }

  private static final class OneOfCheck extends AbstractFunction1<String, Object>
      implements Serializable {

    private static final long serialVersionUID = 1L;

    private final String name;
    private final String[] allowed;

    OneOfCheck(String name, String[] allowed) {
      this.name = name;
      this.allowed = allowed.clone();
    }

    @Override
    public Object apply(String value) {
      if (!java.util.Arrays.asList(allowed).contains(value)) {
        throw new IllegalArgumentException(name + " must be one of "
            + String.join(", ", allowed) + " but was '" + value + "'");
      }
      return Boolean.TRUE;
    }
  }
}
