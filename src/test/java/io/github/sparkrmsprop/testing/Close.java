package io.github.sparkrmsprop.testing;

import static org.junit.jupiter.api.Assertions.fail;

/** Vector comparisons relative to the size of the expected vector. */
public final class Close {

  private Close() {
  }

  /**
   * Asserts {@code max_i |actual_i - expected_i| <= rel * max_i |expected_i|}: a relative
   * error of the vector as a whole, so an entry near zero next to large ones is judged on the
   * vector's scale (its own relative error would only measure rounding of a cancellation).
   */
  public static void assertVectorClose(double[] expected, double[] actual, double rel,
      String what) {
    if (expected.length != actual.length) {
      fail(what + ": length " + actual.length + ", expected " + expected.length);
    }
    double scale = 0.0;
    double worst = 0.0;
    int at = -1;
    for (int i = 0; i < expected.length; i++) {
      scale = Math.max(scale, Math.abs(expected[i]));
      double d = Math.abs(actual[i] - expected[i]);
      if (!(d <= worst)) {
        worst = d;
        at = i;
      }
    }
    if (!(worst <= rel * scale)) {
      fail(what + ": entry " + at + " is " + actual[at] + ", expected " + expected[at]
          + " (difference " + worst + " > " + rel + " x " + scale + ")");
    }
  }
}
