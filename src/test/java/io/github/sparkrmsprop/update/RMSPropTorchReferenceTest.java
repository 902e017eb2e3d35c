package io.github.sparkrmsprop.update;

import static io.github.sparkrmsprop.testing.Close.assertVectorClose;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;

import com.fasterxml.jackson.databind.JsonNode;
import io.github.sparkrmsprop.testing.TorchReference;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/**
 * Replays the trajectories that {@code scripts/torch_reference.py} recorded from PyTorch's
 * {@code torch.optim.RMSprop} (float64, full batch, 30 steps) and checks our weights, gradient,
 * loss and state after every step.
 */
class RMSPropTorchReferenceTest {

  /** Relative error allowed, on each vector's scale (see {@code Close}). */
  private static final double TOL = 1e-12;

  @ParameterizedTest
  @ValueSource(strings = {
      "defaults-leastsq", "defaults-logistic",
      "decay099-leastsq", "decay099-logistic",
      "centered-leastsq", "centered-logistic",
      "momentum09-leastsq", "momentum09-logistic",
      "weightdecay-leastsq", "weightdecay-logistic",
      "centered_momentum_wd-leastsq", "centered_momentum_wd-logistic",
      "bigstep-leastsq", "bigstep-logistic"})
  void matchesTorchRmspropStepByStep(String name) {
    TorchReference ref = TorchReference.load("rmsprop-" + name);
    RMSPropConfig config = RMSPropConfig.builder()
        .learningRate(ref.hyper("lr"))
        .decay(ref.hyper("alpha"))
        .epsilon(ref.hyper("eps"))
        .momentum(ref.hyper("momentum"))
        .centered(ref.hyperFlag("centered"))
        .regParam(ref.hyper("weight_decay"))
        .elasticNetParam(0.0)
        .build();
    RMSProp rule = new RMSProp(config);
    double[] w = ref.w0();
    RMSPropState state = rule.newState(w.length);

    for (int k = 0; k < ref.steps(); k++) {
      JsonNode expected = ref.step(k);
      String at = name + " step " + (k + 1);
      assertEquals(expected.get("loss").asDouble(), ref.loss(w),
          TOL * Math.abs(expected.get("loss").asDouble()), at + " loss");
      double[] g = ref.gradient(w);
      assertVectorClose(TorchReference.vector(expected.get("grad")), g, TOL, at + " grad");

      rule.step(w, g, state);

      assertVectorClose(TorchReference.vector(expected.get("w")), w, TOL, at + " w");
      assertVectorClose(TorchReference.vector(expected.get("square_avg")),
          state.squareAverage(), TOL, at + " square_avg");
      if (config.centered()) {
        assertVectorClose(TorchReference.vector(expected.get("grad_avg")),
            state.gradientAverage(), TOL, at + " grad_avg");
      } else {
        assertNull(state.gradientAverage(), "no gradient average without centering");
      }
      if (config.momentum() > 0) {
        assertVectorClose(TorchReference.vector(expected.get("momentum_buffer")),
            state.momentumBuffer(), TOL, at + " momentum_buffer");
      } else {
        assertNull(state.momentumBuffer(), "no momentum buffer without momentum");
      }
      assertEquals(expected.get("step").asLong(), state.steps(), at + " step count");
    }
  }
}
