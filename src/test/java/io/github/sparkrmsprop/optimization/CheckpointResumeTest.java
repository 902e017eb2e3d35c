package io.github.sparkrmsprop.optimization;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.github.sparkrmsprop.update.Adam;
import io.github.sparkrmsprop.update.AdamConfig;
import io.github.sparkrmsprop.update.AdamState;
import io.github.sparkrmsprop.update.RMSPropState;
import java.nio.file.Path;
import org.apache.spark.mllib.linalg.Vector;
import org.apache.spark.mllib.linalg.Vectors;
import org.apache.spark.rdd.RDD;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import scala.Tuple2;

/** Checkpoint and resume through the optimizer: a resumed run equals a straight one. */
class CheckpointResumeTest {

  @TempDir
  Path dir;

  @Test
  void tenStraightEqualsFiveThenResumeThenFiveToTheBit() {
    RDD<Tuple2<Object, Vector>> data = RMSPropOptimizerTest.logisticData(200, 6, 3, 31L);
    RMSPropOptimizer straight = optimizer().setNumIterations(10);
    RMSPropOptimizer firstHalf = optimizer().setNumIterations(5)
        .setCheckpointDir(dir.toString()).setCheckpointInterval(5);
    RMSPropOptimizer secondHalf = optimizer().setNumIterations(10)
        .setCheckpointDir(dir.toString()).setResume(true);

    OptimizationResult all = straight.optimizeWithResult(data, Vectors.zeros(6));
    firstHalf.optimizeWithResult(data, Vectors.zeros(6));
    OptimizationResult resumed = secondHalf.optimizeWithResult(data, Vectors.zeros(6));

    assertArrayEquals(all.weights().toArray(), resumed.weights().toArray(), 0.0);
    assertArrayEquals(all.lossHistory(), resumed.lossHistory(), 0.0);
    RMSPropState a = all.state();
    RMSPropState b = resumed.state();
    assertArrayEquals(a.squareAverage(), b.squareAverage(), 0.0);
    assertArrayEquals(a.gradientAverage(), b.gradientAverage(), 0.0);
    assertArrayEquals(a.momentumBuffer(), b.momentumBuffer(), 0.0);
    assertEquals(10, b.steps());
    assertEquals(10, resumed.iterations());
  }

  @Test
  void adamResumesExactlyToo() {
    RDD<Tuple2<Object, Vector>> data = RMSPropOptimizerTest.logisticData(120, 4, 2, 37L);
    Adam adam = new Adam(AdamConfig.builder().learningRate(0.05).amsgrad(true).build());
    RMSPropOptimizer straight = new RMSPropOptimizer().setUpdateRule(adam)
        .setNumIterations(8).setConvergenceTol(0.0);

    OptimizationResult all = straight.optimizeWithResult(data, Vectors.zeros(4));
    straight.copy().setNumIterations(3).setCheckpointDir(dir.toString())
        .setCheckpointInterval(1).optimizeWithResult(data, Vectors.zeros(4));
    OptimizationResult resumed = straight.copy().setCheckpointDir(dir.toString())
        .setResume(true).optimizeWithResult(data, Vectors.zeros(4));

    assertArrayEquals(all.weights().toArray(), resumed.weights().toArray(), 0.0);
    assertArrayEquals(all.state(AdamState.class).maxExpAvgSq(),
        resumed.state(AdamState.class).maxExpAvgSq(), 0.0);
  }

  @Test
  void aCheckpointOfAnotherRunIsRefusedSayingWhatDiffers() {
    RDD<Tuple2<Object, Vector>> data = RMSPropOptimizerTest.logisticData(60, 3, 2, 41L);
    optimizer().setNumIterations(2).setCheckpointDir(dir.toString()).setCheckpointInterval(1)
        .optimizeWithResult(data, Vectors.zeros(3));

    IllegalArgumentException other = assertThrows(IllegalArgumentException.class,
        () -> optimizer().setDecay(0.99).setNumIterations(4).setCheckpointDir(dir.toString())
            .setResume(true).optimizeWithResult(data, Vectors.zeros(3)));
    IllegalArgumentException size = assertThrows(IllegalArgumentException.class,
        () -> optimizer().setNumIterations(4).setCheckpointDir(dir.toString())
            .setResume(true).optimizeWithResult(
                RMSPropOptimizerTest.logisticData(60, 4, 2, 41L), Vectors.zeros(4)));

    assertTrue(other.getMessage().contains("cannot resume from the checkpoint of iteration 2"),
        other.getMessage());
    assertTrue(other.getMessage().contains("decay=0.9"), other.getMessage());
    assertTrue(other.getMessage().contains("decay=0.99"), other.getMessage());
    assertTrue(size.getMessage().contains("numWeights is '3' in the checkpoint but '4' in this "
        + "run"), size.getMessage());
  }

  @Test
  void checkpointSettingsWithoutADirectoryAreRefused() {
    RDD<Tuple2<Object, Vector>> data = RMSPropOptimizerTest.logisticData(20, 2, 1, 43L);

    IllegalArgumentException e = assertThrows(IllegalArgumentException.class,
        () -> optimizer().setCheckpointInterval(3).optimizeWithResult(data, Vectors.zeros(2)));

    assertTrue(e.getMessage().contains("need a checkpoint directory"), e.getMessage());
  }

  private static RMSPropOptimizer optimizer() {
    return new RMSPropOptimizer().setStepSize(0.05).setCentered(true).setMomentum(0.5)
        .setMiniBatchFraction(0.5).setConvergenceTol(0.0);
  }
}
