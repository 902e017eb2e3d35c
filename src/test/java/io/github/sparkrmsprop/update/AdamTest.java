package io.github.sparkrmsprop.update;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import org.junit.jupiter.api.Test;

/** Adam's equations on cases derived by hand, its validation, defaults and copies. */
class AdamTest {

  private static final double TOL = 1e-15;

  @Test
  void firstStepWithoutEpsilonMovesEachWeightByTheLearningRate() {
    // t = 1, eps = 0: m = (1 - b1) g, v = (1 - b2) g^2, s = lr / (1 - b1),
    // den = sqrt(v) / sqrt(1 - b2) = |g|, so w moves by s * m / den = lr * sign(g).
    Adam rule = new Adam(AdamConfig.builder().learningRate(0.1).epsilon(0.0).build());
    double[] w = {1.0, 1.0, 1.0};
    AdamState state = rule.newState(3);

    rule.step(w, new double[] {0.5, -3.0, 0.0}, state);

    assertArrayEquals(new double[] {0.9, 1.1, 1.0}, w, TOL);
    assertArrayEquals(new double[] {0.05, -0.3, 0.0}, state.expAvg(), TOL);
    assertArrayEquals(new double[] {0.001 * 0.25, 0.001 * 9.0, 0.0}, state.expAvgSq(), TOL);
    assertEquals(1, state.steps());
  }

  @Test
  void l1GivesExactZerosWithEachCoordinatesOwnStep() {
    // First step, eps = 0: den_i = |g_i| and s = lr / (1 - b1) = 1, so each weight first
    // moves by lr * sign(g_i) = 0.1, then is cut by s * l1 / |g_i|: 0.5 for g = 1, 5 for
    // g = 0.1. The first weight lands at 0.2 and is cut to 0; the second at 7.9, cut to 2.9.
    Adam rule = new Adam(AdamConfig.builder().learningRate(0.1).beta1(0.9).epsilon(0.0)
        .regParam(0.5).elasticNetParam(1.0).build());
    double[] w = {0.3, 8.0};
    AdamState state = rule.newState(2);

    rule.step(w, new double[] {1.0, 0.1}, state);

    double s = 0.1 / (1 - 0.9);
    assertEquals(0.0, w[0], 0.0, "shrunk to an exact zero");
    assertEquals(7.9 - s * 0.5 / 0.1, w[1], 1e-14);
    assertEquals(2.9, w[1], 1e-14);
  }

  @Test
  void interceptsAreNeverRegularized() {
    Adam rule = new Adam(AdamConfig.builder().regParam(0.5).elasticNetParam(0.3)
        .interceptStride(2).amsgrad(true).build());
    double[] w = {1, 1, 1, 1};
    AdamState state = rule.newState(4);

    for (int t = 0; t < 5; t++) {
      rule.step(w, new double[4], state);
    }

    assertEquals(1.0, w[1], 0.0);
    assertEquals(1.0, w[3], 0.0);
    assertTrue(w[0] < 1.0 && w[2] < 1.0, "the other weights shrink");
    assertEquals(0.5 * (0.3 * 2 * Math.abs(w[0]) + 0.35 * 2 * w[0] * w[0]),
        rule.regularization(w), TOL);
  }

  @Test
  void amsgradKeepsTheLargestSecondMoment() {
    Adam rule = new Adam(AdamConfig.builder().amsgrad(true).beta2(0.5).build());
    double[] w = new double[1];
    AdamState state = rule.newState(1);

    rule.step(w, new double[] {2.0}, state);
    rule.step(w, new double[] {0.0}, state);

    assertArrayEquals(new double[] {1.0}, state.expAvgSq(), TOL, "0.5 * (0.5 * 4)");
    assertArrayEquals(new double[] {2.0}, state.maxExpAvgSq(), TOL, "the first step's v");
  }

  @Test
  void zeroEpsilonWithZeroGradientIsAZeroStepNotNaN() {
    Adam rule = new Adam(AdamConfig.builder().epsilon(0.0).build());
    double[] w = {0.5, -0.25};

    rule.step(w, new double[2], rule.newState(2));

    assertArrayEquals(new double[] {0.5, -0.25}, w, 0.0);
  }

  @Test
  void aStateOfAnotherSizeOrVariantIsRefusedBeforeAnythingChanges() {
    Adam plain = new Adam(AdamConfig.defaults());
    Adam ams = new Adam(AdamConfig.builder().amsgrad(true).build());
    AdamState state = plain.newState(3);
    double[] w = {1, 2, 3};

    IllegalArgumentException size = assertThrows(IllegalArgumentException.class,
        () -> plain.step(new double[4], new double[4], state));
    IllegalArgumentException variant = assertThrows(IllegalArgumentException.class,
        () -> ams.step(w, new double[] {1, 1, 1}, state));

    assertEquals("Adam state has dimension 3 but the weight vector has dimension 4; a state "
        + "belongs to one model size: start a new state for this model", size.getMessage());
    assertTrue(variant.getMessage().contains("without AMSGrad"), variant.getMessage());
    assertArrayEquals(new double[] {1, 2, 3}, w, 0.0);
    assertEquals(0, state.steps());
  }

  @Test
  void invalidHyperparametersNameTheParameterTheRangeAndTheValue() {
    assertMessage("beta1 must be in [0, 1) but was 1.5", () -> AdamConfig.builder().beta1(1.5));
    assertMessage("beta2 must be in [0, 1) but was 1.0", () -> AdamConfig.builder().beta2(1));
    assertMessage("beta2 must be in [0, 1) but was -0.1",
        () -> AdamConfig.builder().beta2(-0.1));
    assertMessage("epsilon must be in [0, inf) but was -1.0E-8",
        () -> AdamConfig.builder().epsilon(-1e-8));
    assertMessage("learningRate must be in (0, inf) but was 0.0",
        () -> AdamConfig.builder().learningRate(0));
    assertMessage("regParam must be in [0, inf) but was -1.0",
        () -> AdamConfig.builder().regParam(-1));
    assertMessage("interceptStride must be in [0, inf) but was -2",
        () -> AdamConfig.builder().interceptStride(-2));
  }

  @Test
  void aRefusedValueLeavesTheBuilderUnchanged() {
    AdamConfig.Builder b = AdamConfig.builder().beta1(0.8);

    assertThrows(IllegalArgumentException.class, () -> b.beta1(2.0));

    assertEquals(0.8, b.build().beta1(), 0.0);
  }

  @Test
  void defaultsAreTorchsAndACopyEqualsTheOriginal() {
    AdamConfig d = AdamConfig.defaults();
    AdamConfig custom = AdamConfig.builder().learningRate(0.05).beta1(0.8).beta2(0.99)
        .epsilon(1e-6).amsgrad(true).regParam(0.1).elasticNetParam(0.5).interceptStride(3)
        .schedule(LearningRateSchedule.exponential(0.9)).build();

    assertEquals(1e-3, d.learningRate(), 0.0);
    assertEquals(0.9, d.beta1(), 0.0);
    assertEquals(0.999, d.beta2(), 0.0);
    assertEquals(1e-8, d.epsilon(), 0.0);
    assertFalse(d.amsgrad());
    assertEquals(0.0, d.common().regParam(), 0.0);
    assertEquals(LearningRateSchedule.constant(), d.common().schedule());
    assertEquals(custom, custom.toBuilder().build(),
        "a copy's configuration equals the original's");
    assertEquals(custom.hashCode(), custom.toBuilder().build().hashCode());
    assertEquals(custom, new Adam(d).withCommon(custom.common()).config().toBuilder()
        .beta1(0.8).beta2(0.99).epsilon(1e-6).amsgrad(true).build());
    assertNotEquals(custom, custom.toBuilder().amsgrad(false).build());
  }

  private static void assertMessage(String expected, Runnable r) {
    IllegalArgumentException e = assertThrows(IllegalArgumentException.class, r::run);
    assertEquals(expected, e.getMessage());
  }
}
