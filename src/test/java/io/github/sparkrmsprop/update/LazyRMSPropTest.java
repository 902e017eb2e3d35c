package io.github.sparkrmsprop.update;

import static io.github.sparkrmsprop.testing.Close.assertVectorClose;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.List;
import java.util.Random;
import org.junit.jupiter.api.Test;

/** Lazy (touched-coordinates) steps against the dense rule. */
class LazyRMSPropTest {

  private static final double TOL = 1e-12;

  @Test
  void lazyStepsGiveTheDenseWeightsAndStateWhereExact() {
    List<RMSPropConfig> exact = List.of(
        RMSPropConfig.defaults(),
        RMSPropConfig.builder().centered(true).decay(0.7).learningRate(0.05).build(),
        RMSPropConfig.builder().epsilonPlacement(EpsilonPlacement.INSIDE_SQRT)
            .initialAccumulator(0.1).schedule(LearningRateSchedule.inverseSqrt()).build());
    for (RMSPropConfig config : exact) {
      int dim = 50;
      RMSProp rule = new RMSProp(config);
      RMSPropState denseState = rule.newState(dim);
      RMSPropState lazyState = rule.newState(dim);
      LazyRMSProp lazy = new LazyRMSProp(rule, dim);
      double[] wDense = new Random(1).doubles(dim, -1, 1).toArray();
      double[] wLazy = wDense.clone();
      Random rnd = new Random(2);

      for (int t = 0; t < 60; t++) {
        int[] idx = rnd.ints(0, dim).distinct().limit(1 + rnd.nextInt(5)).toArray();
        double[] g = rnd.doubles(idx.length, -2, 2).toArray();
        double[] dense = new double[dim];
        for (int k = 0; k < idx.length; k++) {
          dense[idx[k]] = g[k];
        }
        rule.step(wDense, dense, denseState);
        if (t % 17 == 16) {
          lazy.stepDense(wLazy, dense, lazyState);
        } else {
          lazy.stepSparse(wLazy, idx, g, idx.length, lazyState);
        }
      }
      lazy.flush(lazyState);

      assertVectorClose(wDense, wLazy, TOL, "weights, " + config);
      assertVectorClose(denseState.v, lazyState.v, TOL, "v, " + config);
      if (config.centered()) {
        assertVectorClose(denseState.m, lazyState.m, TOL, "m");
      }
      assertEquals(denseState.steps(), lazyState.steps());
    }
  }

  @Test
  void l2MomentumAndL1AreNotExactAndAreRefused() {
    RMSPropConfig l2 = RMSPropConfig.builder().regParam(0.1).build();
    RMSPropConfig l1 = RMSPropConfig.builder().regParam(0.1).elasticNetParam(1.0).build();
    RMSPropConfig momentum = RMSPropConfig.builder().momentum(0.9).build();

    assertFalse(LazyRMSProp.isExact(l2));
    assertFalse(LazyRMSProp.isExact(l1));
    assertFalse(LazyRMSProp.isExact(momentum));
    assertTrue(LazyRMSProp.isExact(RMSPropConfig.builder().centered(true).build()));
    assertThrows(IllegalArgumentException.class, () -> new LazyRMSProp(new RMSProp(l2), 3));
  }
}
