package io.github.sparkrmsprop.jobs;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.github.sparkrmsprop.testing.SharedSpark;
import java.awt.image.BufferedImage;
import java.io.IOException;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Locale;
import java.util.Random;
import java.util.stream.Collectors;
import java.util.stream.Stream;
import javax.imageio.ImageIO;
import org.apache.spark.SparkContext;
import org.apache.spark.api.java.JavaRDD;
import org.apache.spark.mllib.classification.LogisticRegressionModel;
import org.apache.spark.mllib.evaluation.BinaryClassificationMetrics;
import org.apache.spark.mllib.evaluation.RegressionMetrics;
import org.apache.spark.mllib.regression.LabeledPoint;
import org.apache.spark.mllib.regression.LinearRegressionModel;
import org.apache.spark.mllib.util.MLUtils;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import scala.Tuple2;

/**
 * Runs {@link TrainModel#run} in-process on the shared session with the committed datasets
 * and checks what it writes: the files of the output folder, that {@code metrics.json} agrees
 * with Spark's own evaluators applied to the saved model, the PNG, the exit codes and messages
 * of bad options and inputs, and that an existing output folder is refused. The job files
 * {@code jobs/heart-scale.conf} and {@code jobs/digits.conf} are run as they are.
 */
class TrainModelTest {

  /** Metrics recomputed here must equal the job's up to rounding. */
  private static final double TOLERANCE = 1e-9;
  private static final byte[] PNG_SIGNATURE = {(byte) 0x89, 'P', 'N', 'G', '\r', '\n', 0x1a, '\n'};
  private static final ObjectMapper JSON = new ObjectMapper();

  @TempDir
  Path tmp;

  /** What one run of the job returned and printed. */
  record Run(int exitCode, String out, String err) {
  }

  @BeforeAll
  static void startSpark() {
    SharedSpark.session();
  }

  private static Run run(String... args) {
    StringWriter out = new StringWriter();
    StringWriter err = new StringWriter();
    int code = TrainModel.run(new PrintWriter(out, true), new PrintWriter(err, true), args);
    return new Run(code, out.toString(), err.toString());
  }

  private static SparkContext sc() {
    return SharedSpark.session().sparkContext();
  }

  /** Every fourth line of heart_scale goes to test.libsvm, the others to train.libsvm. */
  private Path[] splitHeartScale() throws IOException {
    List<String> lines = Files.readAllLines(Path.of("datasets/heart_scale"));
    List<String> train = new ArrayList<>();
    List<String> test = new ArrayList<>();
    for (int i = 0; i < lines.size(); i++) {
      (i % 4 == 0 ? test : train).add(lines.get(i));
    }
    Path trainFile = Files.write(tmp.resolve("train.libsvm"), train);
    Path testFile = Files.write(tmp.resolve("test.libsvm"), test);
    return new Path[] {trainFile, testFile};
  }

  private static JsonNode metrics(Path outputDir) throws IOException {
    return JSON.readTree(outputDir.resolve("metrics.json").toFile());
  }

  /** The names in {@code dir} without Hadoop's checksum files. */
  private static List<String> visibleFiles(Path dir) throws IOException {
    try (Stream<Path> files = Files.list(dir)) {
      return files.map(p -> p.getFileName().toString()).filter(n -> !n.endsWith(".crc"))
          .sorted().collect(Collectors.toList());
    }
  }

  @Test
  void binaryJobWritesModelMetricsAndChartThatAgreeWithSparksEvaluators() throws IOException {
    Path[] data = splitHeartScale();
    Path output = tmp.resolve("out");

    Run r = run("--train", data[0].toString(), "--test", data[1].toString(),
        "--num-features", "13", "--iterations", "30", "--step-size", "0.05",
        "--convergence-tol", "0", "--output", output.toString());

    assertEquals(0, r.exitCode(), r.err());
    assertTrue(r.out().contains("auc"), r.out());
    assertEquals(List.of("loss-curve.png", "metrics.json", "model"), visibleFiles(output));
    assertEquals(List.of("out", "test.libsvm", "train.libsvm"), visibleFiles(tmp),
        "no temporary folder is left beside the output");

    // The saved model, scored here with Spark's evaluator on the -1/+1 labels mapped to 0/1.
    LogisticRegressionModel model =
        LogisticRegressionModel.load(sc(), output.resolve("model").toString());
    model.clearThreshold();
    JavaRDD<Tuple2<Object, Object>> scoreAndLabel = MLUtils
        .loadLibSVMFile(sc(), data[1].toString(), 13).toJavaRDD()
        .map(p -> new Tuple2<>(model.predict(p.features()), p.label() > 0 ? 1.0 : 0.0));
    List<Tuple2<Object, Object>> scored = scoreAndLabel.collect();
    double auc = new BinaryClassificationMetrics(scoreAndLabel.rdd()).areaUnderROC();
    double logLoss = 0.0;
    double correct = 0.0;
    for (Tuple2<Object, Object> t : scored) {
      double p = (Double) t._1();
      double y = (Double) t._2();
      logLoss -= Math.log(y == 1.0 ? p : 1.0 - p);
      correct += (p > 0.5 ? 1.0 : 0.0) == y ? 1.0 : 0.0;
    }

    JsonNode m = metrics(output);
    assertEquals(auc, m.get("auc").asDouble(), TOLERANCE);
    assertEquals(logLoss / scored.size(), m.get("logLoss").asDouble(), TOLERANCE);
    assertEquals(correct / scored.size(), m.get("accuracy").asDouble(), TOLERANCE);
    assertEquals(30, m.get("iterations").asInt());
    assertEquals("MAX_ITERATIONS", m.get("stopReason").asText());
    assertEquals(31, m.get("lossHistory").size(), "iterations + 1: the final weights' loss");
    assertEquals(m.get("finalLoss").asDouble(), m.get("lossHistory").get(30).asDouble());
    assertEquals(202, m.get("numExamples").asLong());
    assertEquals(68, m.get("numTestExamples").asLong());
    assertEquals(13, m.get("numFeatures").asInt());
    assertEquals(2, m.get("numClasses").asInt());
    assertTrue(m.get("trainSeconds").asDouble() > 0.0);
    assertEquals(0.05, m.get("options").get("--step-size").asDouble());

    byte[] png = Files.readAllBytes(output.resolve("loss-curve.png"));
    assertArrayEquals(PNG_SIGNATURE, Arrays.copyOf(png, PNG_SIGNATURE.length));
    BufferedImage image = ImageIO.read(output.resolve("loss-curve.png").toFile());
    assertEquals(LossChart.WIDTH, image.getWidth());
    assertEquals(LossChart.HEIGHT, image.getHeight());
  }

  @Test
  void linearJobReportsTheRmseOfTheSavedModel() throws IOException {
    Random random = new Random(7);
    List<String> train = new ArrayList<>();
    List<String> test = new ArrayList<>();
    for (int i = 0; i < 120; i++) {
      double x1 = random.nextDouble() * 2 - 1;
      double x2 = random.nextDouble() * 2 - 1;
      double y = 1.0 + 2.0 * x1 - x2 + 0.1 * random.nextGaussian();
      (i < 90 ? train : test).add(String.format(Locale.ROOT, "%.6f 1:%.6f 2:%.6f", y, x1, x2));
    }
    Path trainFile = Files.write(tmp.resolve("train.libsvm"), train);
    Path testFile = Files.write(tmp.resolve("test.libsvm"), test);
    Path output = tmp.resolve("out");

    Run r = run("--model", "linear", "--train", trainFile.toString(), "--test",
        testFile.toString(), "--iterations", "40", "--step-size", "0.1",
        "--output", output.toString());

    assertEquals(0, r.exitCode(), r.err());
    LinearRegressionModel model =
        LinearRegressionModel.load(sc(), output.resolve("model").toString());
    JavaRDD<Tuple2<Object, Object>> predictionAndLabel = MLUtils
        .loadLibSVMFile(sc(), testFile.toString(), 2).toJavaRDD()
        .map(p -> new Tuple2<>(model.predict(p.features()), p.label()));
    RegressionMetrics expected = new RegressionMetrics(predictionAndLabel.rdd());
    JsonNode m = metrics(output);
    assertEquals(expected.rootMeanSquaredError(), m.get("rmse").asDouble(), TOLERANCE);
    assertEquals(expected.r2(), m.get("r2").asDouble(), TOLERANCE);
    assertTrue(m.get("rmse").asDouble() < 0.5, "the job learned the linear rule");
    assertFalse(m.has("auc"));
  }

  @Test
  void heartScaleJobFileRunsAsCommitted() throws IOException {
    Path output = tmp.resolve("heart");

    Run r = run("@jobs/heart-scale.conf", "--output", output.toString());

    assertEquals(0, r.exitCode(), r.err());
    JsonNode m = metrics(output);
    assertEquals(270, m.get("numExamples").asLong() + m.get("numTestExamples").asLong());
    assertTrue(m.get("auc").asDouble() > 0.85, "test AUC " + m.get("auc"));
    assertEquals(m.get("iterations").asInt() + 1, m.get("lossHistory").size());
  }

  @Test
  void digitsJobFileTrainsTenClasses() throws IOException {
    Path output = tmp.resolve("digits");

    Run r = run("@jobs/digits.conf", "--output", output.toString());

    assertEquals(0, r.exitCode(), r.err());
    JsonNode m = metrics(output);
    assertEquals(10, m.get("numClasses").asInt());
    assertFalse(m.has("auc"), "AUC is reported for two classes only");
    assertTrue(m.get("accuracy").asDouble() > 0.9, "test accuracy " + m.get("accuracy"));
    assertTrue(m.get("logLoss").asDouble() < 0.5, "test log-loss " + m.get("logLoss"));
    LogisticRegressionModel model =
        LogisticRegressionModel.load(sc(), output.resolve("model").toString());
    assertEquals(10, model.numClasses());
    assertEquals(64, model.numFeatures());
  }

  @Test
  void badOptionsExitWithAMessageNamingTheOption() {
    String output = tmp.resolve("out").toString();

    Run decay = run("--train", "datasets/heart_scale", "--output", output, "--decay", "1.5");
    Run notANumber = run("--train", "datasets/heart_scale", "--output", output,
        "--iterations", "many");
    Run unknown = run("--train", "datasets/heart_scale", "--output", output, "--stepsize", "1");
    Run missing = run("--train", "datasets/heart_scale");

    assertEquals(JobCommandLine.USAGE_ERROR, decay.exitCode());
    assertTrue(decay.err().contains("--decay: decay must be in [0, 1) but was 1.5"),
        decay.err());
    assertEquals(JobCommandLine.USAGE_ERROR, notANumber.exitCode());
    assertTrue(notANumber.err().contains("--iterations"), notANumber.err());
    assertEquals(JobCommandLine.USAGE_ERROR, unknown.exitCode());
    assertTrue(unknown.err().contains("--stepsize"), unknown.err());
    assertEquals(JobCommandLine.USAGE_ERROR, missing.exitCode());
    assertTrue(missing.err().contains("--output"), missing.err());
    assertFalse(Files.exists(tmp.resolve("out")), "no output for a refused command");
  }

  @Test
  void aRunResumedFromItsCheckpointWritesTheLossHistoryOfAStraightRun() throws IOException {
    String checkpoints = tmp.resolve("checkpoints").toString();
    String[] common = {"--train", "datasets/heart_scale", "--num-features", "13",
        "--step-size", "0.05", "--mini-batch-fraction", "0.5", "--convergence-tol", "0"};

    Run straight = run(concat(common, "--iterations", "10", "--output",
        tmp.resolve("straight").toString()));
    Run firstPart = run(concat(common, "--iterations", "6", "--checkpoint-dir", checkpoints,
        "--checkpoint-every", "3", "--output", tmp.resolve("first").toString()));
    Run resumed = run(concat(common, "--iterations", "10", "--checkpoint-dir", checkpoints,
        "--resume", "--output", tmp.resolve("resumed").toString()));

    assertEquals(0, straight.exitCode(), straight.err());
    assertEquals(0, firstPart.exitCode(), firstPart.err());
    assertEquals(0, resumed.exitCode(), resumed.err());
    JsonNode all = metrics(tmp.resolve("straight"));
    JsonNode continued = metrics(tmp.resolve("resumed"));
    assertEquals(11, all.get("lossHistory").size(), "the starting loss and 10 updates");
    assertEquals(all.get("lossHistory"), continued.get("lossHistory"), "exact equality");
    assertEquals(all.get("finalLoss"), continued.get("finalLoss"));
    assertEquals(7, metrics(tmp.resolve("first")).get("lossHistory").size());
  }

  @Test
  void checkpointOptionsNeedACheckpointDir() {
    String output = tmp.resolve("out").toString();

    Run resume = run("--train", "datasets/heart_scale", "--output", output, "--resume");
    Run every = run("--train", "datasets/heart_scale", "--output", output,
        "--checkpoint-dir", tmp.resolve("c").toString(), "--checkpoint-every", "0");

    assertEquals(JobCommandLine.USAGE_ERROR, resume.exitCode());
    assertTrue(resume.err().contains("--resume needs --checkpoint-dir"), resume.err());
    assertEquals(JobCommandLine.USAGE_ERROR, every.exitCode());
    assertTrue(every.err().contains("--checkpoint-every must be at least 1"), every.err());
  }

  private static String[] concat(String[] first, String... more) {
    return Stream.concat(Arrays.stream(first), Arrays.stream(more)).toArray(String[]::new);
  }

  @Test
  void aLabelOutsideTheClassesFailsWithTheTrainersMessageNamingIt() throws IOException {
    List<String> lines = new ArrayList<>();
    for (String line : Files.readAllLines(Path.of("datasets/heart_scale")).subList(0, 40)) {
      lines.add(line.replaceFirst("^-1", "0").replaceFirst("^\\+1", "1"));
    }
    List<String> clean = new ArrayList<>(lines);
    lines.set(7, "3" + lines.get(7).substring(1));
    Path trainFile = Files.write(tmp.resolve("train.libsvm"), lines);
    Path testFile = Files.write(tmp.resolve("test.libsvm"), clean);

    Run r = run("--train", trainFile.toString(), "--test", testFile.toString(),
        "--num-classes", "2", "--iterations", "2", "--output", tmp.resolve("out").toString());

    assertEquals(JobCommandLine.FAILURE, r.exitCode());
    assertTrue(r.err().contains("label 3.0 is outside the model's labels: must be an integer "
        + "in [0, 1] for numClasses 2"), r.err());
    assertFalse(Files.exists(tmp.resolve("out")));
  }

  @Test
  void aDivergingRunExitsOneNamingTheIterationAndWritesNothing() throws IOException {
    Path output = tmp.resolve("out");

    Run r = run("--train", "datasets/heart_scale", "--num-features", "13", "--model",
        "linear", "--step-size", "1e300", "--iterations", "5", "--convergence-tol", "0",
        "--output", output.toString());

    assertEquals(JobCommandLine.FAILURE, r.exitCode());
    assertTrue(r.err().contains("training diverged at iteration "), r.err());
    assertEquals(List.of(), visibleFiles(tmp), "neither the output nor a temporary folder");
  }

  @Test
  void missingInputFailsWithThePathAndLeavesNoOutput() throws IOException {
    Path output = tmp.resolve("out");

    Run r = run("--train", tmp.resolve("no-such-file").toString(), "--output",
        output.toString());

    assertEquals(JobCommandLine.FAILURE, r.exitCode());
    assertTrue(r.err().contains("no-such-file"), r.err());
    assertEquals(List.of(), visibleFiles(tmp), "neither the output nor a temporary folder");
  }

  @Test
  void existingOutputIsRefusedUnlessOverwriteIsGiven() throws IOException {
    Path[] data = splitHeartScale();
    Path output = tmp.resolve("out");
    Files.createDirectories(output);
    Files.writeString(output.resolve("keep.txt"), "an earlier run");
    String[] args = {"--train", data[0].toString(), "--test", data[1].toString(),
        "--iterations", "5", "--output", output.toString()};

    Run refused = run(args);

    assertEquals(JobCommandLine.FAILURE, refused.exitCode());
    assertTrue(refused.err().contains("--overwrite"), refused.err());
    assertEquals(List.of("keep.txt"), visibleFiles(output), "a refused run changes nothing");

    String[] withOverwrite = Arrays.copyOf(args, args.length + 1);
    withOverwrite[args.length] = "--overwrite";
    Run replaced = run(withOverwrite);

    assertEquals(0, replaced.exitCode(), replaced.err());
    assertEquals(List.of("loss-curve.png", "metrics.json", "model"), visibleFiles(output));
  }

  @Test
  void benchmarkUsesTheFlightsJobsHyperparameters() throws IOException {
    List<String> shared = List.of("--train", "--test", "--iterations", "--step-size",
        "--mini-batch-fraction", "--reg-param");

    List<String> flights = optionLines(Path.of("jobs/flights-delay.conf"), shared);
    List<String> compare = optionLines(Path.of("jobs/compare-lbfgs.conf"), shared);

    assertEquals(shared.size(), flights.size(), flights.toString());
    assertEquals(flights, compare);
  }

  private static List<String> optionLines(Path jobFile, List<String> names) throws IOException {
    return Files.readAllLines(jobFile).stream().map(String::trim)
        .filter(l -> names.contains(l.split("\\s+")[0])).sorted()
        .collect(Collectors.toList());
  }
}
