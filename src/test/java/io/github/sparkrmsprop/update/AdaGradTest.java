package io.github.sparkrmsprop.update;

import static io.github.sparkrmsprop.testing.Close.assertVectorClose;
import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.github.sparkrmsprop.testing.TorchReference;
import org.junit.jupiter.api.Test;

/**
 * AdaGrad's equations on cases derived here (the learning-rate decay and the schedule, which
 * the PyTorch files leave at their defaults), its validation, defaults and copies.
 */
class AdaGradTest {

  private static final double TOL = 1e-12;

  @Test
  void learningRateDecayAndScheduleFollowTheirFormulasOverAWholeRun() {
    // lr_t = lr * gamma^(t - 1), clr = lr_t / (1 + (t - 1) d), sum += g^2,
    // w -= clr * g / (sqrt(sum) + eps), derived here on the least-squares problem.
    TorchReference problem = TorchReference.load("adagrad-defaults-leastsq");
    double lr = 0.2;
    double gamma = 0.95;
    double d = 0.3;
    double eps = 1e-6;
    double acc = 0.05;
    AdaGrad rule = new AdaGrad(AdaGradConfig.builder().learningRate(lr).learningRateDecay(d)
        .epsilon(eps).initialAccumulator(acc)
        .schedule(LearningRateSchedule.exponential(gamma)).build());
    double[] w = problem.w0();
    AdaGradState state = rule.newState(w.length);
    double[] we = problem.w0();
    double[] sum = new double[w.length];
    java.util.Arrays.fill(sum, acc);

    for (int t = 1; t <= 25; t++) {
      double[] g = problem.gradient(w);
      double[] ge = problem.gradient(we);
      rule.step(w, g, state);
      double clr = lr * Math.pow(gamma, t - 1) / (1 + (t - 1) * d);
      for (int i = 0; i < we.length; i++) {
        sum[i] += ge[i] * ge[i];
        we[i] -= clr * ge[i] / (Math.sqrt(sum[i]) + eps);
      }
      assertVectorClose(we, w, TOL, "step " + t + " weights");
      assertVectorClose(sum, state.sum(), TOL, "step " + t + " sum");
      assertEquals(t, state.steps());
    }
  }

  @Test
  void l1GivesExactZerosWithEachCoordinatesOwnStep() {
    // One step, eps = 0, sum from 0: den_i = |g_i|, so w_i moves by lr * sign(g_i) and the
    // threshold is lr * l1 / |g_i|: 0.1 * 0.5 / 0.1 = 0.5 for the first, 0.05 for the second.
    AdaGrad rule = new AdaGrad(AdaGradConfig.builder().learningRate(0.1).epsilon(0.0)
        .regParam(0.5).elasticNetParam(1.0).build());
    double[] w = {0.55, 2.0};

    rule.step(w, new double[] {0.1, -1.0}, rule.newState(2));

    assertEquals(0.0, w[0], 0.0, "0.45 is cut to an exact zero");
    assertEquals(2.1 - 0.05, w[1], 1e-15);
  }

  @Test
  void interceptsAreNeverRegularizedAndZeroEpsilonNeverGivesNaN() {
    AdaGrad rule = new AdaGrad(AdaGradConfig.builder().epsilon(0.0).regParam(0.5)
        .interceptStride(2).build());
    double[] w = {1, 1, 1, 1};
    AdaGradState state = rule.newState(4);

    for (int t = 0; t < 5; t++) {
      rule.step(w, new double[4], state);
    }

    assertEquals(1.0, w[1], 0.0);
    assertEquals(1.0, w[3], 0.0);
    assertTrue(w[0] < 1.0 && w[2] < 1.0, "the other weights shrink");
    assertArrayEquals(new double[] {0, 0}, new double[] {state.sum()[1], state.sum()[3]}, 0.0);
  }

  @Test
  void invalidHyperparametersNameTheParameterTheRangeAndTheValue() {
    assertMessage("learningRateDecay must be in [0, inf) but was -0.1",
        () -> AdaGradConfig.builder().learningRateDecay(-0.1));
    assertMessage("epsilon must be in [0, inf) but was NaN",
        () -> AdaGradConfig.builder().epsilon(Double.NaN));
    assertMessage("initialAccumulator must be in [0, inf) but was -1.0",
        () -> AdaGradConfig.builder().initialAccumulator(-1));
    assertMessage("learningRate must be in (0, inf) but was -0.01",
        () -> AdaGradConfig.builder().learningRate(-0.01));
    assertMessage("elasticNetParam must be in [0, 1] but was 2.0",
        () -> AdaGradConfig.builder().elasticNetParam(2));
  }

  @Test
  void defaultsAreTorchsAndACopyEqualsTheOriginal() {
    AdaGradConfig d = AdaGradConfig.defaults();
    AdaGradConfig custom = AdaGradConfig.builder().learningRate(0.3).learningRateDecay(0.1)
        .epsilon(1e-7).initialAccumulator(0.2).regParam(0.01).elasticNetParam(0.4)
        .interceptStride(5).schedule(LearningRateSchedule.inverseSqrt()).build();

    assertEquals(0.01, d.learningRate(), 0.0);
    assertEquals(0.0, d.learningRateDecay(), 0.0);
    assertEquals(1e-10, d.epsilon(), 0.0);
    assertEquals(0.0, d.initialAccumulator(), 0.0);
    assertEquals(custom, custom.toBuilder().build(),
        "a copy's configuration equals the original's");
    assertEquals(custom.hashCode(), custom.toBuilder().build().hashCode());
    assertNotEquals(custom, custom.toBuilder().learningRateDecay(0.2).build());
  }

  private static void assertMessage(String expected, Runnable r) {
    IllegalArgumentException e = assertThrows(IllegalArgumentException.class, r::run);
    assertEquals(expected, e.getMessage());
  }
}
