package io.github.sparkrmsprop.update;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotEquals;

import org.junit.jupiter.api.Test;

/** Plain SGD's equations on steps derived by hand, and its configuration. */
class SGDTest {

  private static final double TOL = 1e-15;

  @Test
  void twoStepsFollowTheFormulaWithCoupledL2AndProximalL1() {
    // lambda 1, alpha 0.5: l2 = l1 = 0.5; lr_t = 0.1 / sqrt(t); stride 3 makes w[2] an
    // intercept. Step 1 (lr 0.1): w0 = 1 - 0.1 (0.2 + 0.5) = 0.93, cut by 0.05 to 0.88;
    // w1 = -0.01 - 0.1 (0 - 0.005) = -0.0095, cut to 0; w2 = 2 - 0.1 * 1 = 1.9, not cut.
    SGD rule = new SGD(SGDConfig.builder().learningRate(0.1).regParam(1.0)
        .elasticNetParam(0.5).interceptStride(3)
        .schedule(LearningRateSchedule.inverseSqrt()).build());
    double[] w = {1.0, -0.01, 2.0};
    SGDState state = rule.newState(3);

    rule.step(w, new double[] {0.2, 0.0, 1.0}, state);

    assertArrayEquals(new double[] {0.88, 0.0, 1.9}, w, TOL);

    rule.step(w, new double[] {0.0, 0.0, 0.0}, state);

    double lr2 = 0.1 / Math.sqrt(2);
    double w0 = 0.88 - lr2 * 0.5 * 0.88;
    assertArrayEquals(new double[] {w0 - lr2 * 0.5, 0.0, 1.9}, w, TOL);
    assertEquals(2, state.steps());
    assertEquals(3, state.dimension());
  }

  @Test
  void defaultsAndACopyEqualsTheOriginal() {
    SGDConfig custom = SGDConfig.builder().learningRate(0.5).regParam(0.2)
        .elasticNetParam(1.0).interceptStride(4).schedule(LearningRateSchedule.inverseSqrt())
        .build();

    assertEquals(0.01, SGDConfig.defaults().common().learningRate(), 0.0);
    assertEquals(custom, custom.toBuilder().build(),
        "a copy's configuration equals the original's");
    assertEquals(custom, new SGD(SGDConfig.defaults()).withCommon(custom.common()).config());
    assertNotEquals(custom, custom.toBuilder().regParam(0.3).build());
  }
}
