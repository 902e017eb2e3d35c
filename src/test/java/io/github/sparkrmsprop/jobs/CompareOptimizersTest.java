package io.github.sparkrmsprop.jobs;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.github.sparkrmsprop.optimization.RMSPropOptimizer;
import io.github.sparkrmsprop.update.AdaGrad;
import io.github.sparkrmsprop.update.AdaGradConfig;
import io.github.sparkrmsprop.update.Adam;
import io.github.sparkrmsprop.update.AdamConfig;
import io.github.sparkrmsprop.update.RMSProp;
import io.github.sparkrmsprop.update.RMSPropConfig;
import io.github.sparkrmsprop.update.SGD;
import io.github.sparkrmsprop.update.SGDConfig;
import io.github.sparkrmsprop.update.UpdateRule;
import io.github.sparkrmsprop.testing.SharedSpark;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

import org.apache.spark.api.java.JavaRDD;
import org.apache.spark.mllib.linalg.Vector;
import org.apache.spark.mllib.linalg.Vectors;
import org.apache.spark.mllib.util.MLUtils;
import org.apache.spark.sql.SparkSession;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import scala.Tuple2;

/**
 * Runs {@link CompareOptimizers} on the committed {@code datasets/heart_scale} (labels -1/+1,
 * 13 features), split into its first 200 rows for training and its last 70 for testing, and
 * checks the written files against the optimizer run by the test itself.
 */
class CompareOptimizersTest {

  private static final int ITERATIONS = 6;
  private static final int NUM_FEATURES = 13;
  private static final byte[] PNG_SIGNATURE = {(byte) 0x89, 'P', 'N', 'G', '\r', '\n', 0x1a, '\n'};

  private static SparkSession spark;

  @TempDir
  Path tmp;

  @BeforeAll
  static void startSpark() {
    spark = SharedSpark.session();
  }

  private Path[] splitHeartScale() throws IOException {
    List<String> lines = Files.readAllLines(Path.of("datasets/heart_scale"));
    Path train = tmp.resolve("heart_train");
    Path test = tmp.resolve("heart_test");
    Files.write(train, lines.subList(0, 200));
    Files.write(test, lines.subList(200, lines.size()));
    return new Path[] {train, test};
  }

  @Test
  void writesPngsAndACsvWhoseTrainLossesAreEachOptimizersOwnHistory() throws IOException {
    Path[] files = splitHeartScale();
    Path out = tmp.resolve("out");

    CompareOptimizers.Comparison comparison = CompareOptimizers.run(spark,
        "--input", files[0].toString(), "--test-input", files[1].toString(),
        "--iterations", Integer.toString(ITERATIONS), "--time-points", "3",
        "--reg-param", "0.01", "--output", out.toString());

    for (String png : List.of(CompareOptimizers.ITERATIONS_PNG, CompareOptimizers.SECONDS_PNG)) {
      byte[] bytes = Files.readAllBytes(out.resolve(png));
      assertTrue(bytes.length > 10_000, png + " holds a picture, not just a header");
      assertArrayEquals(PNG_SIGNATURE, Arrays.copyOf(bytes, PNG_SIGNATURE.length));
    }
    String markdown = Files.readString(out.resolve(CompareOptimizers.MARKDOWN));
    assertEquals(comparison.markdown(), markdown);
    for (String name : List.of("SGD", "AdaGrad", "RMSProp", "Adam")) {
      assertTrue(markdown.contains("| " + name + " |"), "a row for " + name);
    }

    Map<String, List<String[]>> rows = csvRows(out.resolve(CompareOptimizers.CSV));
    assertEquals(List.of("SGD", "AdaGrad", "RMSProp", "Adam"), List.copyOf(rows.keySet()));
    JavaRDD<Tuple2<Object, Vector>> train = trainingPairs(files[0]);
    for (UpdateRule<?> rule : defaultRules(0.01)) {
      double[] expected = new RMSPropOptimizer()
          .setUpdateRule(rule)
          .setNumIterations(ITERATIONS)
          .setConvergenceTol(0.0)
          .optimizeWithResult(train.rdd(), Vectors.zeros(NUM_FEATURES + 1))
          .lossHistory();
      List<String[]> mine = rows.get(rule.name());
      double[] trainLoss = mine.stream().mapToDouble(r -> Double.parseDouble(r[3])).toArray();
      assertArrayEquals(expected, trainLoss, rule.name() + ": the CSV's train losses, exactly");

      assertEquals(Math.log(2.0), Double.parseDouble(mine.get(0)[4]), 1e-15,
          "zero weights give every test row the loss log 2");
      for (int k = 0; k <= ITERATIONS; k++) {
        boolean measured = k == 2 || k == 4 || k == 6;
        assertEquals(measured, !mine.get(k)[2].isEmpty(), "seconds only at 2, 4, 6: " + k);
        assertEquals(measured || k == 0, !mine.get(k)[4].isEmpty(), "test loss at " + k);
      }
    }
    train.unpersist();
  }

  @Test
  void refusesAnExistingOutputFolderUnlessToldToOverwrite() throws IOException {
    Path out = tmp.resolve("out");
    Files.createDirectories(out.resolve("stale"));

    IOException refused = assertThrows(IOException.class, () -> CompareOptimizers.run(spark,
        "--input", "datasets/heart_scale", "--output", out.toString()));

    assertTrue(refused.getMessage().contains("--overwrite"));
    assertTrue(Files.exists(out.resolve("stale")), "a refused run changes nothing");
    assertFalse(Files.exists(out.resolve(CompareOptimizers.CSV)));
  }

  /** The rules the job builds from its default learning rates, with an intercept. */
  private static List<UpdateRule<?>> defaultRules(double regParam) {
    int stride = NUM_FEATURES + 1;
    return List.of(
        new SGD(SGDConfig.builder().learningRate(CompareOptimizers.DEFAULT_SGD_STEP)
            .regParam(regParam).interceptStride(stride).build()),
        new AdaGrad(AdaGradConfig.builder().learningRate(CompareOptimizers.DEFAULT_ADAGRAD_STEP)
            .regParam(regParam).interceptStride(stride).build()),
        new RMSProp(RMSPropConfig.builder().learningRate(CompareOptimizers.DEFAULT_RMSPROP_STEP)
            .regParam(regParam).interceptStride(stride).build()),
        new Adam(AdamConfig.builder().learningRate(CompareOptimizers.DEFAULT_ADAM_STEP)
            .regParam(regParam).interceptStride(stride).build()));
  }

  /** The file read as the job reads it: labels -1 to 0, a constant 1 appended. */
  private static JavaRDD<Tuple2<Object, Vector>> trainingPairs(Path file) {
    return spark.read().format("libsvm").load(file.toString()).javaRDD().map(r -> {
      double y = r.getDouble(0) < 0 ? 0.0 : r.getDouble(0);
      Vector x = Vectors.fromML((org.apache.spark.ml.linalg.Vector) r.get(1));
      return new Tuple2<Object, Vector>(y, MLUtils.appendBias(x));
    }).cache();
  }

  private static Map<String, List<String[]>> csvRows(Path csv) throws IOException {
    List<String> lines = Files.readAllLines(csv, StandardCharsets.UTF_8);
    assertEquals("optimizer,iteration,seconds,trainLoss,testLoss", lines.get(0));
    Map<String, List<String[]>> byOptimizer = new LinkedHashMap<>();
    for (String line : lines.subList(1, lines.size())) {
      String[] cells = line.split(",", -1);
      assertEquals(5, cells.length, line);
      List<String[]> rows = byOptimizer.computeIfAbsent(cells[0], k -> new ArrayList<>());
      assertEquals(rows.size(), Integer.parseInt(cells[1]), "iterations in order");
      rows.add(cells);
    }
    return byOptimizer;
  }
}
