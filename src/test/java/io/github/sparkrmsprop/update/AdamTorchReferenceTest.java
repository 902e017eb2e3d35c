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
 * {@code torch.optim.Adam} (float64, full batch, 30 steps) and checks our weights, loss,
 * gradient, both moment averages (and AMSGrad's maximum) and step count after every step.
 */
class AdamTorchReferenceTest {

  /** Relative error allowed, on each vector's scale (see {@code Close}). */
  private static final double TOL = 1e-12;

  @ParameterizedTest
  @ValueSource(strings = {
      "defaults-leastsq", "defaults-logistic",
      "lr01-leastsq", "lr01-logistic",
      "wd-leastsq", "wd-logistic",
      "amsgrad-leastsq", "amsgrad-logistic"})
  void matchesTorchAdamStepByStep(String name) {
    TorchReference ref = TorchReference.load("adam-" + name);
    JsonNode betas = ref.json.get("hyper").get("betas");
    AdamConfig config = AdamConfig.builder()
        .learningRate(ref.hyper("lr"))
        .beta1(betas.get(0).asDouble())
        .beta2(betas.get(1).asDouble())
        .epsilon(ref.hyper("eps"))
        .amsgrad(ref.hyperFlag("amsgrad"))
        .regParam(ref.hyper("weight_decay"))
        .elasticNetParam(0.0)
        .build();
    Adam rule = new Adam(config);
    double[] w = ref.w0();
    AdamState state = rule.newState(w.length);

    for (int k = 0; k < ref.steps(); k++) {
      JsonNode expected = ref.step(k);
      String at = name + " step " + (k + 1);
      assertEquals(expected.get("loss").asDouble(), ref.loss(w),
          TOL * Math.abs(expected.get("loss").asDouble()), at + " loss");
      double[] g = ref.gradient(w);
      assertVectorClose(TorchReference.vector(expected.get("grad")), g, TOL, at + " grad");

      rule.step(w, g, state);

      assertVectorClose(TorchReference.vector(expected.get("w")), w, TOL, at + " w");
      assertVectorClose(TorchReference.vector(expected.get("exp_avg")), state.expAvg(), TOL,
          at + " exp_avg");
      assertVectorClose(TorchReference.vector(expected.get("exp_avg_sq")), state.expAvgSq(),
          TOL, at + " exp_avg_sq");
      if (config.amsgrad()) {
        assertVectorClose(TorchReference.vector(expected.get("max_exp_avg_sq")),
            state.maxExpAvgSq(), TOL, at + " max_exp_avg_sq");
      } else {
        assertNull(state.maxExpAvgSq(), "no running maximum without AMSGrad");
      }
      assertEquals(expected.get("step").asLong(), state.steps(), at + " step count");
    }
  }
}
