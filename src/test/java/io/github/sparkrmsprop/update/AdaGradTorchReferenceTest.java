package io.github.sparkrmsprop.update;

import static io.github.sparkrmsprop.testing.Close.assertVectorClose;
import static org.junit.jupiter.api.Assertions.assertEquals;

import com.fasterxml.jackson.databind.JsonNode;
import io.github.sparkrmsprop.testing.TorchReference;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/**
 * Replays the trajectories that {@code scripts/torch_reference.py} recorded from PyTorch's
 * {@code torch.optim.Adagrad} (float64, full batch, 30 steps) and checks our weights, loss,
 * gradient, sum of squared gradients and step count after every step.
 */
class AdaGradTorchReferenceTest {

  /** Relative error allowed, on each vector's scale (see {@code Close}). */
  private static final double TOL = 1e-12;

  @ParameterizedTest
  @ValueSource(strings = {
      "defaults-leastsq", "defaults-logistic",
      "lr01_wd-leastsq", "lr01_wd-logistic",
      "initacc-leastsq", "initacc-logistic"})
  void matchesTorchAdagradStepByStep(String name) {
    TorchReference ref = TorchReference.load("adagrad-" + name);
    AdaGrad rule = new AdaGrad(AdaGradConfig.builder()
        .learningRate(ref.hyper("lr"))
        .learningRateDecay(ref.hyper("lr_decay"))
        .epsilon(ref.hyper("eps"))
        .initialAccumulator(ref.hyper("initial_accumulator_value"))
        .regParam(ref.hyper("weight_decay"))
        .elasticNetParam(0.0)
        .build());
    double[] w = ref.w0();
    AdaGradState state = rule.newState(w.length);

    for (int k = 0; k < ref.steps(); k++) {
      JsonNode expected = ref.step(k);
      String at = name + " step " + (k + 1);
      assertEquals(expected.get("loss").asDouble(), ref.loss(w),
          TOL * Math.abs(expected.get("loss").asDouble()), at + " loss");
      double[] g = ref.gradient(w);
      assertVectorClose(TorchReference.vector(expected.get("grad")), g, TOL, at + " grad");

      rule.step(w, g, state);

      assertVectorClose(TorchReference.vector(expected.get("w")), w, TOL, at + " w");
      assertVectorClose(TorchReference.vector(expected.get("sum")), state.sum(), TOL,
          at + " sum");
      assertEquals(expected.get("step").asLong(), state.steps(), at + " step count");
    }
  }
}
