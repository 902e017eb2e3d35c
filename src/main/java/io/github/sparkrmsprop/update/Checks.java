package io.github.sparkrmsprop.update;

/**
 * Hyperparameter checks shared by the whole library. Each throws
 * {@link IllegalArgumentException} with the parameter's name, the allowed range and the value
 * received, e.g. {@code "decay must be in [0, 1) but was 1.5"}.
 */
public final class Checks {

  private Checks() {
  }

  /** {@code value} in (0, inf), finite. */
  public static void positive(String name, double value) {
    if (!(value > 0.0 && value < Double.POSITIVE_INFINITY)) {
      throw outOfRange(name, "(0, inf)", value);
    }
  }

  /** {@code value} in [0, inf), finite. */
  public static void nonNegative(String name, double value) {
    if (!(value >= 0.0 && value < Double.POSITIVE_INFINITY)) {
      throw outOfRange(name, "[0, inf)", value);
    }
  }

  /** {@code value} in [lo, hi). */
  public static void inClosedOpen(String name, double value, double lo, double hi) {
    if (!(value >= lo && value < hi)) {
      throw outOfRange(name, "[" + fmt(lo) + ", " + fmt(hi) + ")", value);
    }
  }

  /** {@code value} in [lo, hi]. */
  public static void inClosed(String name, double value, double lo, double hi) {
    if (!(value >= lo && value <= hi)) {
      throw outOfRange(name, "[" + fmt(lo) + ", " + fmt(hi) + "]", value);
    }
  }

  /** {@code value} in (lo, hi]. */
  public static void inOpenClosed(String name, double value, double lo, double hi) {
    if (!(value > lo && value <= hi)) {
      throw outOfRange(name, "(" + fmt(lo) + ", " + fmt(hi) + "]", value);
    }
  }

  /** An integer {@code value} of at least {@code min}. */
  public static void atLeast(String name, long value, long min) {
    if (value < min) {
      throw new IllegalArgumentException(
          name + " must be in [" + min + ", inf) but was " + value);
    }
  }

  private static IllegalArgumentException outOfRange(String name, String range, double value) {
    return new IllegalArgumentException(name + " must be in " + range + " but was " + value);
  }

  private static String fmt(double d) {
    return d == Math.rint(d) && Math.abs(d) < 1e15 ? Long.toString((long) d) : Double.toString(d);
  }
}
