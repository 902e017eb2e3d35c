package io.github.sparkrmsprop.jobs;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.github.sparkrmsprop.testing.SharedSpark;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Runs {@link LossContourPlot} on the committed {@code datasets/breast_cancer.libsvm} with
 * its defaults and checks the picture exists and the paths show what the picture is for;
 * checks {@link ContourLines} on a circle.
 */
class LossContourPlotTest {

  private static final double TOLERANCE = 1e-3;

  @TempDir
  Path tmp;

  @Test
  void adaGradsStepsShrinkLikeOneOverRootTWhileRmsPropsStayNearTheLearningRate()
      throws IOException {
    Path out = tmp.resolve("contour");

    List<LossContourPlot.Path> paths = LossContourPlot.run(SharedSpark.session(),
        "--input", "datasets/breast_cancer.libsvm", "--features", "1,2",
        "--iterations", "30", "--output", out.toString());

    assertTrue(Files.size(out.resolve(LossContourPlot.PNG)) > 10_000);
    assertEquals(4 * 31 + 1, Files.readAllLines(out.resolve(LossContourPlot.CSV)).size());
    assertEquals("AdaGrad", paths.get(1).name());
    assertEquals("RMSProp", paths.get(2).name());
    double lr = LossContourPlot.DEFAULT_ADAGRAD_STEP;
    assertEquals(lr, LossContourPlot.DEFAULT_RMSPROP_STEP, "both at the same learning rate");
    double[][] adagrad = paths.get(1).points();
    double[][] rmsprop = paths.get(2).points();
    // From (4, 4) the gradient's w1 part keeps its sign and about its size for 30 steps.
    // AdaGrad: sum = t g^2, so step t is lr g / sqrt(t g^2) = lr / sqrt(t).
    // RMSProp: v tends to g^2, so the step stays near lr (sqrt(10) lr at t = 1, v = g^2 / 10).
    for (int t = 1; t <= 30; t++) {
      double expected = lr / Math.sqrt(t);
      assertEquals(expected, stepW1(adagrad, t), 0.05 * expected, "AdaGrad step " + t);
      assertTrue(stepW1(rmsprop, t) > 0.7 * lr, "RMSProp step " + t);
    }
  }

  @Test
  void contourLinesOfTheSquaredNormLieOnTheCircle() {
    int n = 81;
    double[] xs = new double[n];
    for (int i = 0; i < n; i++) {
      xs[i] = -2.0 + 4.0 * i / (n - 1);
    }
    double[][] z = new double[n][n];
    for (int r = 0; r < n; r++) {
      for (int c = 0; c < n; c++) {
        z[r][c] = xs[c] * xs[c] + xs[r] * xs[r];
      }
    }

    List<double[]> segments = ContourLines.segments(xs, xs, z, 1.0);

    assertTrue(segments.size() > 100);
    for (double[] s : segments) {
      assertEquals(1.0, Math.hypot(s[0], s[1]), TOLERANCE);
      assertEquals(1.0, Math.hypot(s[2], s[3]), TOLERANCE);
    }
  }

  /** The length of step t along w1. */
  private static double stepW1(double[][] points, int t) {
    return Math.abs(points[t][0] - points[t - 1][0]);
  }
}
