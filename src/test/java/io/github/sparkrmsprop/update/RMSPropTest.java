package io.github.sparkrmsprop.update;

import static io.github.sparkrmsprop.testing.Close.assertVectorClose;
import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.github.sparkrmsprop.testing.TorchReference;
import org.junit.jupiter.api.Test;

/** The update rule's equations, checked against derivations written here. */
class RMSPropTest {

  private static final double TOL = 1e-12;

  @Test
  void epsilonOutsideAndInsideTheRootGiveTheDocumentedFirstSteps() {
    // g = 0.01, rho = 0.9, eps = 1, lr = 1: v = 0.1 * 1e-4 = 1e-5.
    // outside: 0.01 / (sqrt(1e-5) + 1) = 0.0099685...; inside: 0.01 / sqrt(1e-5 + 1).
    RMSPropConfig outside = RMSPropConfig.builder()
        .learningRate(1.0).decay(0.9).epsilon(1.0).build();
    RMSPropConfig inside = outside.toBuilder()
        .epsilonPlacement(EpsilonPlacement.INSIDE_SQRT).build();

    double stepOutside = -firstStep(outside, 0.01);
    double stepInside = -firstStep(inside, 0.01);

    assertEquals(0.0099685, stepOutside, 1e-7);
    assertEquals(0.0099999, stepInside, 1e-7);
    assertEquals(0.01 / (Math.sqrt(1e-5) + 1.0), stepOutside, 1e-17);
    assertEquals(0.01 / Math.sqrt(1e-5 + 1.0), stepInside, 1e-17);
  }

  @Test
  void epsilonInsideMatchesItsFormulaOverAWholeRun() {
    // The Keras/TensorFlow variant, derived here step by step on the least-squares problem.
    TorchReference problem = TorchReference.load("rmsprop-defaults-leastsq");
    double lr = 0.05;
    double rho = 0.8;
    double eps = 1e-3;
    double mu = 0.5;
    RMSProp rule = new RMSProp(RMSPropConfig.builder().learningRate(lr).decay(rho)
        .epsilon(eps).momentum(mu).epsilonPlacement(EpsilonPlacement.INSIDE_SQRT).build());
    double[] w = problem.w0();
    RMSPropState state = rule.newState(w.length);
    double[] we = problem.w0();
    double[] v = new double[w.length];
    double[] b = new double[w.length];

    for (int t = 1; t <= 25; t++) {
      double[] g = problem.gradient(w);
      double[] ge = problem.gradient(we);
      rule.step(w, g, state);
      for (int i = 0; i < we.length; i++) {
        v[i] = rho * v[i] + (1 - rho) * ge[i] * ge[i];
        b[i] = mu * b[i] + ge[i] / Math.sqrt(v[i] + eps);
        we[i] -= lr * b[i];
      }
      assertVectorClose(we, w, TOL, "step " + t + " weights");
      assertVectorClose(v, state.squareAverage(), TOL, "step " + t + " v");
      assertVectorClose(b, state.momentumBuffer(), TOL, "step " + t + " b");
    }
  }

  @Test
  void centeredVarianceThatRoundsBelowZeroIsClampedAndWeightsStayFinite() {
    // A constant gradient makes v and m^2 converge to the same value; rounding then leaves
    // v - m^2 slightly negative at some steps, whose square root would be NaN with eps = 0.
    double c = 0.3;
    RMSProp rule = new RMSProp(RMSPropConfig.builder().centered(true).epsilon(0.0)
        .decay(0.9).learningRate(1e-3).build());
    double[] w = new double[64];
    double[] g = new double[64];
    for (int i = 0; i < g.length; i++) {
      g[i] = c * (1 + i / 7.0);
    }
    RMSPropState state = rule.newState(w.length);
    int negativeSeen = 0;

    for (int t = 0; t < 5000; t++) {
      rule.step(w, g, state);
      double[] v = state.squareAverage();
      double[] m = state.gradientAverage();
      for (int i = 0; i < v.length; i++) {
        if (v[i] - m[i] * m[i] < 0) {
          negativeSeen++;
        }
      }
    }

    assertTrue(negativeSeen > 0, "the run must reach a negative v - m^2 for this to test "
        + "anything");
    for (double wi : w) {
      assertTrue(Double.isFinite(wi), "weights stay finite");
    }
  }

  @Test
  void learningRateChangedBetweenStepsAppliesToTheWholeMomentumBuffer() {
    // PyTorch's semantics: b accumulates g/den without the learning rate, and the step is
    // lr_t * b, so a new learning rate scales the whole buffer at once.
    TorchReference problem = TorchReference.load("rmsprop-defaults-logistic");
    RMSPropConfig slow = RMSPropConfig.builder().learningRate(0.01).momentum(0.9).build();
    RMSPropConfig fast = slow.toBuilder().learningRate(0.1).build();
    double[] w = problem.w0();
    RMSPropState state = new RMSProp(slow).newState(w.length);
    double[] we = problem.w0();
    double[] v = new double[w.length];
    double[] b = new double[w.length];
    double[] wScaledBuffer = problem.w0();
    double[] vs = new double[w.length];
    double[] bs = new double[w.length];

    for (int t = 1; t <= 10; t++) {
      double lr = t <= 5 ? 0.01 : 0.1;
      new RMSProp(t <= 5 ? slow : fast).step(w, problem.gradient(w), state);
      referenceStep(we, problem.gradient(we), v, b, lr, false);
      referenceStep(wScaledBuffer, problem.gradient(wScaledBuffer), vs, bs, lr, true);
    }

    assertVectorClose(we, w, TOL, "weights after the change");
    assertVectorClose(b, state.momentumBuffer(), TOL, "momentum buffer");
    double gap = 0;
    for (int i = 0; i < w.length; i++) {
      gap = Math.max(gap, Math.abs(w[i] - wScaledBuffer[i]));
    }
    assertTrue(gap > 1e-4, "folding lr into the buffer (TensorFlow's way) gives other weights,"
        + " so the test can tell them apart; gap " + gap);
  }

  @Test
  void duplicateContributionsAreSummedBeforeTheNonlinearUpdate() {
    RMSProp rule = new RMSProp(RMSPropConfig.builder().learningRate(0.1).build());
    double[] wSparse = {1.0, 2.0, 3.0, 4.0};
    double[] wDense = wSparse.clone();
    double[] wTwoSteps = wSparse.clone();
    RMSPropState sparse = rule.newState(4);
    RMSPropState dense = rule.newState(4);
    RMSPropState twoSteps = rule.newState(4);

    rule.step(wSparse, new int[] {1, 3, 1}, new double[] {0.5, -1.0, 0.25}, sparse);
    rule.step(wDense, new double[] {0.0, 0.75, 0.0, -1.0}, dense);
    rule.step(wTwoSteps, new double[] {0.0, 0.5, 0.0, -1.0}, twoSteps);
    rule.step(wTwoSteps, new double[] {0.0, 0.25, 0.0, 0.0}, twoSteps);

    assertArrayEquals(wDense, wSparse, 0.0);
    assertArrayEquals(dense.squareAverage(), sparse.squareAverage(), 0.0);
    assertNotEquals(wDense[1], wTwoSteps[1], 1e-6);
  }

  @Test
  void stateOfAnotherSizeIsRefusedWithAClearMessage() {
    RMSProp rule = new RMSProp(RMSPropConfig.defaults());
    RMSPropState state = rule.newState(3);

    IllegalArgumentException e = assertThrows(IllegalArgumentException.class,
        () -> rule.step(new double[4], new double[4], state));

    assertTrue(e.getMessage().contains("dimension 3"), e.getMessage());
    assertTrue(e.getMessage().contains("dimension 4"), e.getMessage());
    assertEquals(0, state.steps(), "a refused step changes nothing");
  }

  @Test
  void zeroEpsilonWithZeroGradientIsAZeroStepNotNaN() {
    RMSProp rule = new RMSProp(RMSPropConfig.builder().epsilon(0.0).momentum(0.5)
        .centered(true).build());
    double[] w = {0.5, -0.25};
    RMSPropState state = rule.newState(2);

    rule.step(w, new double[] {0.0, 0.0}, state);

    assertArrayEquals(new double[] {0.5, -0.25}, w, 0.0);
    assertArrayEquals(new double[] {0.0, 0.0}, state.momentumBuffer(), 0.0);
  }

  @Test
  void twoRunsFromTheSameStartGiveTheSameResult() {
    TorchReference problem = TorchReference.load("rmsprop-centered-logistic");
    RMSProp rule = new RMSProp(RMSPropConfig.builder().centered(true).momentum(0.9)
        .regParam(0.05).elasticNetParam(0.5).build());
    double[] a = run(rule, problem, 40);
    double[] b = run(rule, problem, 40);

    assertArrayEquals(a, b, 0.0);
  }

  @Test
  void l1GivesExactZerosWithEachCoordinatesOwnStep() {
    // One step from w = (0.001, 0.5), g = (0.01, 0.01), lr 0.1, l1 = 1, rho 0.9, eps 0:
    // den = sqrt(0.1) * 0.01; w - lr g/den = w - 0.1/sqrt(0.1); threshold lr * l1 / den.
    RMSProp rule = new RMSProp(RMSPropConfig.builder().learningRate(0.1).epsilon(0.0)
        .regParam(1.0).elasticNetParam(1.0).build());
    double[] w = {0.001, 0.5};
    RMSPropState state = rule.newState(2);

    rule.step(w, new double[] {0.01, 0.01}, state);

    double den = Math.sqrt(0.1) * 0.01;
    double moved = 0.5 - 0.1 * 0.01 / den;
    double expected = Math.signum(moved) * Math.max(Math.abs(moved) - 0.1 / den, 0.0);
    assertEquals(0.0, w[0], 0.0, "shrunk to an exact zero");
    assertEquals(expected, w[1], 1e-15);
  }

  @Test
  void interceptsAreNeverRegularized() {
    // Stride 3: weights 2 and 5 are intercepts. With a zero loss gradient only the penalty
    // moves the weights, so the intercepts must not move at all.
    RMSProp rule = new RMSProp(RMSPropConfig.builder().regParam(0.5).elasticNetParam(0.3)
        .interceptStride(3).build());
    double[] w = {1, 1, 1, 1, 1, 1};
    RMSPropState state = rule.newState(6);

    for (int t = 0; t < 5; t++) {
      rule.step(w, new double[6], state);
    }

    assertEquals(1.0, w[2], 0.0);
    assertEquals(1.0, w[5], 0.0);
    assertTrue(w[0] < 1.0 && w[4] < 1.0, "the other weights shrink");
    assertEquals(0.5 * (0.3 * 4 * Math.abs(w[0]) + 0.35 * 4 * w[0] * w[0]),
        rule.config().regularization(w), 1e-15);
  }

  @Test
  void schedulesFollowTheirFormulas() {
    assertEquals(0.5, LearningRateSchedule.constant().rate(0.5, 9), 0.0);
    assertEquals(0.5 / 3.0, LearningRateSchedule.inverseSqrt().rate(0.5, 9), 1e-17);
    assertEquals(0.5 * Math.pow(0.9, 8), LearningRateSchedule.exponential(0.9).rate(0.5, 9),
        1e-17);
    assertEquals(LearningRateSchedule.exponential(0.99),
        LearningRateSchedule.parse(LearningRateSchedule.exponential(0.99).toString()));
    assertEquals(LearningRateSchedule.inverseSqrt(), LearningRateSchedule.parse("InvSqrt"));
    IllegalArgumentException e = assertThrows(IllegalArgumentException.class,
        () -> LearningRateSchedule.parse("cosine"));
    assertTrue(e.getMessage().contains("'cosine'"), e.getMessage());
  }

  @Test
  void invalidHyperparametersNameTheParameterTheRangeAndTheValue() {
    assertMessage("decay must be in [0, 1) but was 1.5",
        () -> RMSPropConfig.builder().decay(1.5));
    assertMessage("learningRate must be in (0, inf) but was -0.1",
        () -> RMSPropConfig.builder().learningRate(-0.1));
    assertMessage("learningRate must be in (0, inf) but was NaN",
        () -> RMSPropConfig.builder().learningRate(Double.NaN));
    assertMessage("epsilon must be in [0, inf) but was Infinity",
        () -> RMSPropConfig.builder().epsilon(Double.POSITIVE_INFINITY));
    assertMessage("momentum must be in [0, 1) but was 1.0",
        () -> RMSPropConfig.builder().momentum(1.0));
    assertMessage("elasticNetParam must be in [0, 1] but was 1.01",
        () -> RMSPropConfig.builder().elasticNetParam(1.01));
    assertMessage("regParam must be in [0, inf) but was -1.0",
        () -> RMSPropConfig.builder().regParam(-1));
    assertMessage("initialAccumulator must be in [0, inf) but was -0.5",
        () -> RMSPropConfig.builder().initialAccumulator(-0.5));
    assertMessage("exponential schedule gamma must be in (0, 1] but was 1.5",
        () -> LearningRateSchedule.exponential(1.5));
  }

  @Test
  void defaultsAreOneConstantEach() {
    RMSPropConfig d = RMSPropConfig.defaults();

    assertEquals(0.01, d.learningRate(), 0.0);
    assertEquals(0.9, d.decay(), 0.0);
    assertEquals(1e-8, d.epsilon(), 0.0);
    assertEquals(0.0, d.momentum(), 0.0);
    assertFalse(d.centered());
    assertEquals(EpsilonPlacement.OUTSIDE_SQRT, d.epsilonPlacement());
    assertEquals(LearningRateSchedule.constant(), d.schedule());
    assertEquals(d, d.toBuilder().build(), "a copy's configuration equals the original's");
  }

  private static void assertMessage(String expected, Runnable r) {
    IllegalArgumentException e = assertThrows(IllegalArgumentException.class, r::run);
    assertEquals(expected, e.getMessage());
  }

  private static double firstStep(RMSPropConfig config, double g) {
    RMSProp rule = new RMSProp(config);
    double[] w = {0.0};
    rule.step(w, new double[] {g}, rule.newState(1));
    return w[0];
  }

  private static void referenceStep(double[] w, double[] g, double[] v, double[] b, double lr,
      boolean lrInBuffer) {
    for (int i = 0; i < w.length; i++) {
      v[i] = 0.9 * v[i] + 0.1 * g[i] * g[i];
      double u = g[i] / (Math.sqrt(v[i]) + 1e-8);
      if (lrInBuffer) {
        b[i] = 0.9 * b[i] + lr * u;
        w[i] -= b[i];
      } else {
        b[i] = 0.9 * b[i] + u;
        w[i] -= lr * b[i];
      }
    }
  }

  private static double[] run(RMSProp rule, TorchReference problem, int steps) {
    double[] w = problem.w0();
    RMSPropState state = rule.newState(w.length);
    for (int t = 0; t < steps; t++) {
      rule.step(w, problem.gradient(w), state);
    }
    return w;
  }
}
