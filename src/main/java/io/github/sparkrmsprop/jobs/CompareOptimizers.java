package io.github.sparkrmsprop.jobs;

import io.github.sparkrmsprop.optimization.OptimizationResult;
import io.github.sparkrmsprop.optimization.RMSPropOptimizer;
import io.github.sparkrmsprop.optimization.StopReason;
import io.github.sparkrmsprop.update.AdaGrad;
import io.github.sparkrmsprop.update.AdaGradConfig;
import io.github.sparkrmsprop.update.Adam;
import io.github.sparkrmsprop.update.AdamConfig;
import io.github.sparkrmsprop.update.RMSProp;
import io.github.sparkrmsprop.update.RMSPropConfig;
import io.github.sparkrmsprop.update.SGD;
import io.github.sparkrmsprop.update.SGDConfig;
import io.github.sparkrmsprop.update.UpdateRule;
import java.io.IOException;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Locale;
import java.util.TreeSet;
import java.util.concurrent.Callable;

import org.apache.spark.SparkConf;
import org.apache.spark.api.java.JavaRDD;
import org.apache.spark.mllib.linalg.Vector;
import org.apache.spark.mllib.linalg.Vectors;
import org.apache.spark.mllib.optimization.LogisticGradient;
import org.apache.spark.mllib.stat.MultivariateStatisticalSummary;
import org.apache.spark.mllib.stat.Statistics;
import org.apache.spark.mllib.util.MLUtils;
import org.apache.spark.sql.Dataset;
import org.apache.spark.sql.Row;
import org.apache.spark.sql.SparkSession;
import org.jfree.chart.JFreeChart;
import org.jfree.chart.axis.NumberAxis;
import org.jfree.chart.plot.PlotOrientation;
import org.jfree.chart.plot.XYPlot;
import org.jfree.chart.renderer.xy.XYLineAndShapeRenderer;
import org.jfree.data.xy.XYSeries;
import org.jfree.data.xy.XYSeriesCollection;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import picocli.CommandLine;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.ParameterException;
import picocli.CommandLine.Spec;
import scala.Tuple2;

/**
 * Trains the same binary logistic regression with SGD, AdaGrad, RMSProp and Adam, each run by
 * {@link RMSPropOptimizer} on the full training set (no mini-batches), and writes how their
 * losses fall, per iteration and per second, on the training and on the test rows.
 *
 * <p>Input: LIBSVM text read with Spark's {@code libsvm} reader; the labels must be 0/1 or
 * -1/+1 (-1 becomes 0). The test rows come from {@code --test-input}, read with the training
 * file's number of features, or else from a random split of the input
 * ({@code --test-fraction} of the rows, {@code --seed}). With {@code --standardize} every
 * feature is divided by its standard deviation on the training rows (MLlib's
 * {@code colStats}, not centred, so sparse rows stay sparse). Unless {@code --no-intercept},
 * a constant 1 is appended to every row and its weight, the intercept, is not regularized.
 * Weights start at zero.
 *
 * <p>Every optimizer runs all {@code --iterations} updates (convergence tolerance 0). The
 * loss is the one the optimizer records: the mean logistic loss plus
 * {@code regParam / 2 * ||w||^2} over the non-intercept weights; the test loss is the same
 * objective on the test rows.
 *
 * <p>How the curves are measured. The optimizer returns only its final weights, its loss
 * history and its total seconds. So, for each optimizer, the job runs it once for each
 * iteration count {@code k} of a grid of {@code --time-points} counts evenly spread over
 * {@code 1..iterations} (the last being {@code iterations}), each run from scratch:
 * <ul>
 *   <li>train loss at every iteration: the loss history of the run of all iterations,
 *       unchanged (the CSV holds exactly those numbers);</li>
 *   <li>test loss at iteration {@code k}: the objective on the test rows at the final
 *       weights of the run of {@code k} iterations (and at the zero start);</li>
 *   <li>seconds at iteration {@code k}: that run's own elapsed time, which includes the one
 *       extra pass that computes the loss of its final weights, i.e. the time after which the
 *       loss of iteration {@code k} is known.</li>
 * </ul>
 * The runs are deterministic (fixed-order sums), so a run of {@code k} iterations repeats the
 * first {@code k + 1} losses of the longer run; the job checks this and warns when it does
 * not hold. Cost: about {@code iterations * (timePoints + 1) / 2} passes over the training
 * rows per optimizer, instead of {@code iterations}; fine for the small data sets this job is
 * for, lower {@code --time-points} for bigger ones. A short unmeasured run of each rule
 * first warms up the JVM and Spark, and the measured runs go round the four rules (all runs
 * of {@code k1} iterations, then of {@code k2}, ...), so that a slow spell of a shared
 * machine does not fall on one optimizer only. Seconds are wall-clock: expect noise of some
 * tens of milliseconds per run.
 *
 * <p>Target: the first iteration at which the train loss is at most {@code --target-loss}
 * (default 1.01 times the lowest final train loss of the four); its seconds are measured by
 * a run of exactly that many iterations.
 *
 * <p>Output folder (written aside, then renamed into place; an existing one is refused unless
 * {@code --overwrite}): {@code compare-iterations.png} and {@code compare-seconds.png} (loss
 * against iteration and against seconds, train solid, test dashed), {@code compare.csv}
 * (columns optimizer, iteration, seconds, trainLoss, testLoss; one row per recorded
 * iteration; seconds and testLoss are empty where not measured) and {@code compare.md} (a
 * markdown table of the final losses and the time to the target, also printed).
 *
 * <p>Runs on the master given by {@code spark.master}, else {@code local[*]}; a local
 * driver binds to 127.0.0.1 unless {@code spark.driver.host} or
 * {@code spark.driver.bindAddress} say otherwise.
 */
@Command(
    name = "CompareOptimizers",
    mixinStandardHelpOptions = true,
    version = "CompareOptimizers 0.1.0",
    sortOptions = false,
    description = "Trains one logistic regression with SGD, AdaGrad, RMSProp and Adam and "
        + "writes their train and test loss curves (PNG, CSV) and a markdown table.")
public final class CompareOptimizers implements Callable<Integer> {

  /** Default number of updates of every optimizer. */
  public static final int DEFAULT_ITERATIONS = 100;
  /** Default number of iteration counts at which test loss and seconds are measured. */
  public static final int DEFAULT_TIME_POINTS = 20;
  /** Default share of the input held out as test rows when no test file is given. */
  public static final double DEFAULT_TEST_FRACTION = 0.2;
  /** Default seed of the train/test split. */
  public static final long DEFAULT_SEED = 42L;
  /** Default learning rate of SGD. */
  public static final double DEFAULT_SGD_STEP = 0.5;
  /** Default learning rate of AdaGrad. */
  public static final double DEFAULT_ADAGRAD_STEP = 0.1;
  /** Default learning rate of RMSProp. */
  public static final double DEFAULT_RMSPROP_STEP = 0.01;
  /** Default learning rate of Adam. */
  public static final double DEFAULT_ADAM_STEP = 0.05;
  /** Iterations of the unmeasured run of each rule that warms up the JVM and Spark. */
  static final int WARM_UP_ITERATIONS = 5;
  /** The default target is this factor times the lowest final train loss. */
  public static final double DEFAULT_TARGET_FACTOR = 1.01;

  /** Names of the files the job writes. */
  public static final String ITERATIONS_PNG = "compare-iterations.png";
  public static final String SECONDS_PNG = "compare-seconds.png";
  public static final String CSV = "compare.csv";
  public static final String MARKDOWN = "compare.md";

  private static final Logger LOG = LoggerFactory.getLogger(CompareOptimizers.class);

  @Spec
  private CommandSpec spec;

  @Option(names = "--input", required = true, paramLabel = "PATH",
      description = "Training data, LIBSVM text; labels 0/1 or -1/+1.")
  private String input;

  @Option(names = "--test-input", paramLabel = "PATH",
      description = "Test data, LIBSVM text. Default: a random split of --input.")
  private String testInput;

  @Option(names = "--test-fraction", paramLabel = "F",
      description = "Share of --input held out for testing when there is no --test-input; "
          + "in (0, 1). Default: ${DEFAULT-VALUE}.")
  private double testFraction = DEFAULT_TEST_FRACTION;

  @Option(names = "--seed", paramLabel = "N",
      description = "Seed of the train/test split. Default: ${DEFAULT-VALUE}.")
  private long seed = DEFAULT_SEED;

  @Option(names = "--num-features", paramLabel = "N",
      description = "Number of features; 0 infers it from the training file. "
          + "Default: ${DEFAULT-VALUE}.")
  private int numFeatures = 0;

  @Option(names = "--standardize",
      description = "Divide every feature by its standard deviation on the training rows.")
  private boolean standardize;

  @Option(names = "--no-intercept", description = "Fit no intercept.")
  private boolean noIntercept;

  @Option(names = "--iterations", paramLabel = "N",
      description = "Updates of every optimizer; at least 1. Default: ${DEFAULT-VALUE}.")
  private int iterations = DEFAULT_ITERATIONS;

  @Option(names = "--time-points", paramLabel = "N",
      description = "Iteration counts at which test loss and seconds are measured, each by "
          + "a run from scratch; at least 1. Default: ${DEFAULT-VALUE}.")
  private int timePoints = DEFAULT_TIME_POINTS;

  @Option(names = "--sgd-step", paramLabel = "LR",
      description = "Learning rate of SGD; > 0. Default: ${DEFAULT-VALUE}.")
  private double sgdStep = DEFAULT_SGD_STEP;

  @Option(names = "--adagrad-step", paramLabel = "LR",
      description = "Learning rate of AdaGrad; > 0. Default: ${DEFAULT-VALUE}.")
  private double adagradStep = DEFAULT_ADAGRAD_STEP;

  @Option(names = "--rmsprop-step", paramLabel = "LR",
      description = "Learning rate of RMSProp; > 0. Default: ${DEFAULT-VALUE}.")
  private double rmspropStep = DEFAULT_RMSPROP_STEP;

  @Option(names = "--adam-step", paramLabel = "LR",
      description = "Learning rate of Adam; > 0. Default: ${DEFAULT-VALUE}.")
  private double adamStep = DEFAULT_ADAM_STEP;

  @Option(names = "--reg-param", paramLabel = "L",
      description = "L2 regularization strength; >= 0. Default: ${DEFAULT-VALUE}.")
  private double regParam = 0.0;

  @Option(names = "--target-loss", paramLabel = "LOSS",
      description = "Train loss to reach. Default: " + DEFAULT_TARGET_FACTOR
          + " x the lowest final train loss.")
  private Double targetLoss;

  @Option(names = "--output", required = true, paramLabel = "DIR",
      description = "Folder to create for the PNGs, the CSV and the markdown table.")
  private String output;

  @Option(names = "--overwrite",
      description = "Replace an existing output folder (only once the new one is complete).")
  private boolean overwrite;

  /**
   * What one optimizer did.
   *
   * @param name the rule's name
   * @param rule the rule, with its learning rate and regularization
   * @param full the run of all iterations
   * @param points the iterations at which test loss and seconds were measured, ascending,
   *     0 (the start, seconds NaN) first
   * @param seconds seconds of the run of {@code points[i]} iterations (NaN for 0)
   * @param testLoss test loss at the weights after {@code points[i]} iterations
   * @param targetIteration first iteration whose train loss reaches the target; -1 if none
   * @param targetSeconds seconds of the run of {@code targetIteration} iterations, 0 for
   *     iteration 0, NaN when the target was not reached
   */
  public record Curve(String name, UpdateRule<?> rule, OptimizationResult full, int[] points,
      double[] seconds, double[] testLoss, int targetIteration, double targetSeconds) {

    /** The test loss after the last iteration. */
    double finalTestLoss() {
      return testLoss[testLoss.length - 1];
    }
  }

  /** Everything the job measured, in the order SGD, AdaGrad, RMSProp, Adam. */
  public record Comparison(List<Curve> curves, double target, long trainRows, long testRows,
      int numWeights, String markdown) {
  }

  /** Parses the arguments and runs the job; exits with picocli's code on any failure. */
  public static void main(String[] args) {
    int exitCode = new CommandLine(new CompareOptimizers()).execute(args);
    if (exitCode != 0) {
      System.exit(exitCode);
    }
  }

  @Override
  public Integer call() throws IOException {
    validate();
    SparkSession spark = SparkSession.builder().config(sparkConf()).getOrCreate();
    try {
      Comparison comparison = run(spark);
      System.out.printf(Locale.ROOT, "CompareOptimizers wrote %s%n%n%s", output,
          comparison.markdown());
    } finally {
      spark.stop();
    }
    return 0;
  }

  /**
   * Runs the job with {@code args} (as on the command line) in an existing session, which it
   * leaves running.
   *
   * @throws ParameterException when an argument is missing or out of range
   */
  public static Comparison run(SparkSession spark, String... args) throws IOException {
    CompareOptimizers job = new CompareOptimizers();
    new CommandLine(job).parseArgs(args);
    job.validate();
    return job.run(spark);
  }

  private void validate() {
    CommandLine cl = spec.commandLine();
    require(cl, iterations >= 1, "--iterations must be at least 1 but was " + iterations);
    require(cl, timePoints >= 1, "--time-points must be at least 1 but was " + timePoints);
    require(cl, numFeatures >= 0, "--num-features must be at least 0 but was " + numFeatures);
    require(cl, testFraction > 0.0 && testFraction < 1.0,
        "--test-fraction must be in (0, 1) but was " + testFraction);
    require(cl, regParam >= 0.0, "--reg-param must be at least 0 but was " + regParam);
    require(cl, sgdStep > 0.0, "--sgd-step must be positive but was " + sgdStep);
    require(cl, adagradStep > 0.0, "--adagrad-step must be positive but was " + adagradStep);
    require(cl, rmspropStep > 0.0, "--rmsprop-step must be positive but was " + rmspropStep);
    require(cl, adamStep > 0.0, "--adam-step must be positive but was " + adamStep);
    require(cl, targetLoss == null || Double.isFinite(targetLoss),
        "--target-loss must be finite but was " + targetLoss);
  }

  private static void require(CommandLine cl, boolean ok, String message) {
    if (!ok) {
      throw new ParameterException(cl, message);
    }
  }

  /** Spark settings: local[*] when no master is set, loopback binding for local masters. */
  static SparkConf sparkConf() {
    SparkConf conf = new SparkConf().setAppName("CompareOptimizers");
    if (!conf.contains("spark.master")) {
      conf.setMaster("local[*]");
    }
    if (conf.get("spark.master").startsWith("local")) {
      conf.setIfMissing("spark.driver.host", "127.0.0.1");
      conf.setIfMissing("spark.driver.bindAddress", "127.0.0.1");
    }
    return conf;
  }

  private Comparison run(SparkSession spark) throws IOException {
    OptimizerCharts.headless();
    try (OutputDir folder = OutputDir.open(output, overwrite,
        spark.sparkContext().hadoopConfiguration())) {
      JavaRDD<Tuple2<Object, Vector>>[] data = load(spark);
      JavaRDD<Tuple2<Object, Vector>> train = data[0];
      JavaRDD<Tuple2<Object, Vector>> test = data[1];
      try {
        Comparison comparison = compare(train, test);
        folder.writeText(CSV, csv(comparison));
        folder.writeText(MARKDOWN, comparison.markdown());
        OptimizerCharts.writePng(folder, ITERATIONS_PNG, iterationsChart(comparison));
        OptimizerCharts.writePng(folder, SECONDS_PNG, secondsChart(comparison));
        folder.commit();
        LOG.info("Wrote {}", folder.finalDir());
        return comparison;
      } finally {
        train.unpersist();
        test.unpersist();
      }
    }
  }

  /** The training and test rows as (label 0/1, features [, 1]), cached. */
  private JavaRDD<Tuple2<Object, Vector>>[] load(SparkSession spark) {
    Dataset<Row> trainRows = readLibSvm(spark, input, numFeatures);
    int dim = numFeatures > 0 ? numFeatures : featureCount(trainRows, input);
    Dataset<Row> testRows;
    if (testInput != null) {
      testRows = readLibSvm(spark, testInput, dim);
    } else {
      Dataset<Row>[] split = trainRows.randomSplit(
          new double[] {1.0 - testFraction, testFraction}, seed);
      trainRows = split[0];
      testRows = split[1];
    }

    boolean minusOne = labelsAreMinusOnePlusOne(trainRows.union(testRows));
    JavaRDD<Tuple2<Object, Vector>> train = toPairs(trainRows, minusOne);
    JavaRDD<Tuple2<Object, Vector>> test = toPairs(testRows, minusOne);
    if (standardize) {
      double[] scale = inverseStd(train);
      train = scaled(train, scale);
      test = scaled(test, scale);
    }
    if (!noIntercept) {
      train = train.map(p -> new Tuple2<>(p._1(), MLUtils.appendBias(p._2())));
      test = test.map(p -> new Tuple2<>(p._1(), MLUtils.appendBias(p._2())));
    }
    train.cache();
    test.cache();
    long trainCount = train.count();
    long testCount = test.count();
    if (trainCount == 0 || testCount == 0) {
      throw new IllegalArgumentException("need training and test rows but got "
          + trainCount + " and " + testCount);
    }
    LOG.info("Comparing on {} training and {} test rows, {} features, intercept {}, "
        + "standardized {}", trainCount, testCount, dim, !noIntercept, standardize);
    @SuppressWarnings("unchecked")
    JavaRDD<Tuple2<Object, Vector>>[] both = new JavaRDD[] {train, test};
    return both;
  }

  private static Dataset<Row> readLibSvm(SparkSession spark, String path, int features) {
    if (features > 0) {
      return spark.read().format("libsvm").option("numFeatures", features).load(path);
    }
    return spark.read().format("libsvm").load(path);
  }

  private static int featureCount(Dataset<Row> rows, String path) {
    List<Row> first = rows.select("features").takeAsList(1);
    if (first.isEmpty()) {
      throw new IllegalArgumentException(path + " has no rows");
    }
    return ((org.apache.spark.ml.linalg.Vector) first.get(0).get(0)).size();
  }

  /** True for labels -1/+1, false for 0/1; refuses any other label set. */
  private static boolean labelsAreMinusOnePlusOne(Dataset<Row> rows) {
    TreeSet<Double> labels = new TreeSet<>();
    for (Row r : rows.select("label").distinct().collectAsList()) {
      labels.add(r.getDouble(0));
    }
    if (List.of(0.0, 1.0).containsAll(labels)) {
      return false;
    }
    if (List.of(-1.0, 1.0).containsAll(labels)) {
      return true;
    }
    throw new IllegalArgumentException("CompareOptimizers trains binary logistic regression: "
        + "labels must be 0/1 or -1/+1 but were " + labels);
  }

  private static JavaRDD<Tuple2<Object, Vector>> toPairs(Dataset<Row> rows, boolean minusOne) {
    return rows.select("label", "features").javaRDD().map(r -> {
      double y = r.getDouble(0);
      Vector x = Vectors.fromML((org.apache.spark.ml.linalg.Vector) r.get(1));
      return new Tuple2<>((Object) (minusOne && y < 0 ? 0.0 : y), x);
    });
  }

  /** 1 / standard deviation of each feature (1 for a constant feature). */
  private static double[] inverseStd(JavaRDD<Tuple2<Object, Vector>> rows) {
    MultivariateStatisticalSummary stats = Statistics.colStats(rows.map(Tuple2::_2).rdd());
    double[] variance = stats.variance().toArray();
    double[] scale = new double[variance.length];
    for (int j = 0; j < scale.length; j++) {
      scale[j] = variance[j] > 0.0 ? 1.0 / Math.sqrt(variance[j]) : 1.0;
    }
    return scale;
  }

  private static JavaRDD<Tuple2<Object, Vector>> scaled(JavaRDD<Tuple2<Object, Vector>> rows,
      double[] scale) {
    return rows.map(p -> {
      double[] x = p._2().toArray();
      for (int j = 0; j < x.length; j++) {
        x[j] *= scale[j];
      }
      return new Tuple2<>(p._1(), Vectors.dense(x).compressed());
    });
  }

  /** The four rules with their learning rates, all sharing the regularization. */
  List<UpdateRule<?>> rules(int numWeights) {
    int stride = noIntercept ? 0 : numWeights;
    return List.of(
        new SGD(SGDConfig.builder().learningRate(sgdStep).regParam(regParam)
            .interceptStride(stride).build()),
        new AdaGrad(AdaGradConfig.builder().learningRate(adagradStep).regParam(regParam)
            .interceptStride(stride).build()),
        new RMSProp(RMSPropConfig.builder().learningRate(rmspropStep).regParam(regParam)
            .interceptStride(stride).build()),
        new Adam(AdamConfig.builder().learningRate(adamStep).regParam(regParam)
            .interceptStride(stride).build()));
  }

  /** Iteration counts 1..iterations, {@code timePoints} of them evenly spread, ascending. */
  static int[] grid(int iterations, int timePoints) {
    int n = Math.min(timePoints, iterations);
    TreeSet<Integer> ks = new TreeSet<>();
    for (int i = 1; i <= n; i++) {
      ks.add((int) Math.ceil((double) i * iterations / n));
    }
    return ks.stream().mapToInt(Integer::intValue).toArray();
  }

  private Comparison compare(JavaRDD<Tuple2<Object, Vector>> train,
      JavaRDD<Tuple2<Object, Vector>> test) {
    int dim = train.first()._2().size();
    Vector zero = Vectors.zeros(dim);
    List<UpdateRule<?>> rules = rules(dim);
    for (UpdateRule<?> rule : rules) {
      optimizer(rule, Math.min(WARM_UP_ITERATIONS, iterations))
          .optimizeWithResult(train.rdd(), zero);
    }

    int[] ks = grid(iterations, timePoints);
    List<OptimizationResult[]> runs = new ArrayList<>();
    for (int r = 0; r < rules.size(); r++) {
      runs.add(new OptimizationResult[ks.length]);
    }
    for (int i = 0; i < ks.length; i++) {
      for (int r = 0; r < rules.size(); r++) {
        runs.get(r)[i] = optimizer(rules.get(r), ks[i]).optimizeWithResult(train.rdd(), zero);
      }
    }

    double target = targetLoss != null ? targetLoss : defaultTarget(runs);
    List<Curve> curves = new ArrayList<>();
    for (int r = 0; r < rules.size(); r++) {
      curves.add(curve(rules.get(r), ks, runs.get(r), target, train, test, zero));
    }
    long trainCount = train.count();
    long testCount = test.count();
    String markdown = markdown(curves, target, trainCount, testCount, dim);
    return new Comparison(List.copyOf(curves), target, trainCount, testCount, dim, markdown);
  }

  private RMSPropOptimizer optimizer(UpdateRule<?> rule, int numIterations) {
    return new RMSPropOptimizer()
        .setUpdateRule(rule)
        .setNumIterations(numIterations)
        .setConvergenceTol(0.0)
        .setLogEvery(Math.max(numIterations, 1));
  }

  private static double defaultTarget(List<OptimizationResult[]> runs) {
    double best = Double.POSITIVE_INFINITY;
    for (OptimizationResult[] byK : runs) {
      double last = byK[byK.length - 1].finalLoss();
      if (Double.isFinite(last)) {
        best = Math.min(best, last);
      }
    }
    return DEFAULT_TARGET_FACTOR * best;
  }

  private Curve curve(UpdateRule<?> rule, int[] ks, OptimizationResult[] byK, double target,
      JavaRDD<Tuple2<Object, Vector>> train, JavaRDD<Tuple2<Object, Vector>> test,
      Vector zero) {
    OptimizationResult full = byK[byK.length - 1];
    double[] history = full.lossHistory();

    List<Integer> points = new ArrayList<>(List.of(0));
    List<Double> seconds = new ArrayList<>(List.of(Double.NaN));
    List<Double> testLoss = new ArrayList<>(List.of(objective(test, zero, rule)));
    for (int i = 0; i < ks.length; i++) {
      OptimizationResult run = byK[i];
      if (run.iterations() < ks[i]) {
        continue;
      }
      double[] prefix = run.lossHistory();
      if (!Arrays.equals(prefix, Arrays.copyOf(history, Math.min(prefix.length,
          history.length)))) {
        LOG.warn("{}: the run of {} iterations recorded other losses than the run of {}; "
            + "the training data or its partitioning is not deterministic, so the test "
            + "losses and seconds of that run belong to slightly different weights",
            rule.name(), ks[i], iterations);
      }
      points.add(ks[i]);
      seconds.add(run.seconds());
      testLoss.add(objective(test, run.weights(), rule));
    }

    int targetIteration = -1;
    for (int k = 0; k < history.length; k++) {
      if (history[k] <= target) {
        targetIteration = k;
        break;
      }
    }
    double targetSeconds = Double.NaN;
    if (targetIteration == 0) {
      targetSeconds = 0.0;
    } else if (targetIteration > 0) {
      int at = Arrays.binarySearch(ks, targetIteration);
      targetSeconds = at >= 0 ? byK[at].seconds()
          : optimizer(rule, targetIteration).optimizeWithResult(train.rdd(), zero).seconds();
    }
    if (full.stopReason() == StopReason.DIVERGED) {
      LOG.warn("{} diverged: {}", rule.name(), full.message());
    }
    return new Curve(rule.name(), rule, full,
        points.stream().mapToInt(Integer::intValue).toArray(),
        seconds.stream().mapToDouble(Double::doubleValue).toArray(),
        testLoss.stream().mapToDouble(Double::doubleValue).toArray(),
        targetIteration, targetSeconds);
  }

  /** The optimizer's objective on {@code rows}: mean logistic loss plus the rule's penalty. */
  static double objective(JavaRDD<Tuple2<Object, Vector>> rows, Vector weights,
      UpdateRule<?> rule) {
    LogisticGradient gradient = new LogisticGradient();
    double[] sum = rows.map(p -> new double[] {
        (Double) gradient.compute(p._2(), (Double) p._1(), weights)._2(), 1.0})
        .treeReduce((a, b) -> new double[] {a[0] + b[0], a[1] + b[1]});
    return sum[0] / sum[1] + rule.regularization(weights.toArray());
  }

  private String markdown(List<Curve> curves, double target, long trainCount, long testCount,
      int dim) {
    StringBuilder md = new StringBuilder();
    md.append(String.format(Locale.ROOT,
        "Logistic regression on %s: %d training rows, %d test rows, %d weights%s; "
            + "%d full-batch iterations, regParam %s. Target: train loss <= %.6f%s.%n%n",
        input, trainCount, testCount, dim, noIntercept ? "" : " (intercept included)",
        iterations, regParam, target,
        targetLoss == null ? " (" + DEFAULT_TARGET_FACTOR + " x the lowest final train loss)"
            : ""));
    md.append("| optimizer | step size | final train loss | final test loss "
        + "| iterations to target | seconds to target | seconds, all iterations |\n");
    md.append("|---|---:|---:|---:|---:|---:|---:|\n");
    for (Curve c : curves) {
      OptimizationResult full = c.full();
      String trainLoss = full.stopReason() == StopReason.DIVERGED
          ? "diverged at iteration " + (full.iterations() + 1)
          : String.format(Locale.ROOT, "%.6f", full.finalLoss());
      md.append(String.format(Locale.ROOT, "| %s | %s | %s | %.6f | %s | %s | %.2f |%n",
          c.name(), c.rule().common().learningRate(), trainLoss, c.finalTestLoss(),
          c.targetIteration() < 0 ? "not reached" : Integer.toString(c.targetIteration()),
          c.targetIteration() < 0 ? "-" : String.format(Locale.ROOT, "%.2f",
              c.targetSeconds()),
          full.seconds()));
    }
    return md.toString();
  }

  /** One row per recorded iteration; numbers in Java's shortest round-trip form. */
  static String csv(Comparison comparison) {
    StringBuilder out = new StringBuilder("optimizer,iteration,seconds,trainLoss,testLoss\n");
    for (Curve c : comparison.curves()) {
      double[] history = c.full().lossHistory();
      for (int k = 0; k < history.length; k++) {
        int at = Arrays.binarySearch(c.points(), k);
        String seconds = at >= 0 && !Double.isNaN(c.seconds()[at])
            ? Double.toString(c.seconds()[at]) : "";
        String testLoss = at >= 0 ? Double.toString(c.testLoss()[at]) : "";
        out.append(c.name()).append(',').append(k).append(',').append(seconds).append(',')
            .append(Double.toString(history[k])).append(',').append(testLoss).append('\n');
      }
    }
    return out.toString();
  }

  private JFreeChart iterationsChart(Comparison comparison) {
    XYSeriesCollection dataset = new XYSeriesCollection();
    for (Curve c : comparison.curves()) {
      XYSeries trainSeries = new XYSeries(c.name() + " train");
      double[] history = c.full().lossHistory();
      for (int k = 0; k < history.length; k++) {
        trainSeries.add(k, history[k]);
      }
      XYSeries testSeries = new XYSeries(c.name() + " test");
      for (int i = 0; i < c.points().length; i++) {
        testSeries.add(c.points()[i], c.testLoss()[i]);
      }
      dataset.addSeries(trainSeries);
      dataset.addSeries(testSeries);
    }
    return lossChart("Loss against iteration: SGD, AdaGrad, RMSProp, Adam",
        "iteration (full-batch update)", dataset, comparison, false);
  }

  private JFreeChart secondsChart(Comparison comparison) {
    XYSeriesCollection dataset = new XYSeriesCollection();
    for (Curve c : comparison.curves()) {
      XYSeries trainSeries = new XYSeries(c.name() + " train");
      XYSeries testSeries = new XYSeries(c.name() + " test");
      double[] history = c.full().lossHistory();
      for (int i = 1; i < c.points().length; i++) {
        trainSeries.add(c.seconds()[i], history[c.points()[i]]);
        testSeries.add(c.seconds()[i], c.testLoss()[i]);
      }
      dataset.addSeries(trainSeries);
      dataset.addSeries(testSeries);
    }
    return lossChart("Loss against time: SGD, AdaGrad, RMSProp, Adam",
        "seconds: elapsed time of one run from scratch per point (" + timePoints
            + " runs per optimizer; wall-clock, noisy)", dataset, comparison, true);
  }

  private JFreeChart lossChart(String title, String xLabel, XYSeriesCollection dataset,
      Comparison comparison, boolean pointsOnly) {
    NumberAxis x = new NumberAxis(xLabel);
    x.setAutoRangeIncludesZero(true);
    NumberAxis y = new NumberAxis(pointsOnly ? "loss: filled train, open test"
        : "loss: solid train, dashed test");
    y.setAutoRangeIncludesZero(false);
    XYLineAndShapeRenderer renderer = new XYLineAndShapeRenderer(true, false);
    for (int s = 0; s < dataset.getSeriesCount(); s++) {
      String name = ((String) dataset.getSeriesKey(s)).split(" ")[0];
      boolean isTest = s % 2 == 1;
      renderer.setSeriesPaint(s, OptimizerCharts.colour(name));
      renderer.setSeriesStroke(s, isTest ? OptimizerCharts.DASHED : OptimizerCharts.SOLID);
      renderer.setSeriesShapesVisible(s, isTest || pointsOnly);
      renderer.setSeriesLinesVisible(s, !pointsOnly);
      renderer.setSeriesShapesFilled(s, !isTest);
    }
    XYPlot plot = new XYPlot(dataset, x, y, renderer);
    plot.setOrientation(PlotOrientation.VERTICAL);
    JFreeChart chart = new JFreeChart(title, JFreeChart.DEFAULT_TITLE_FONT, plot, true);
    OptimizerCharts.style(chart, String.format(Locale.ROOT,
        "%s: %d train / %d test rows, %d weights, regParam %s; learning rates: "
            + "SGD %s, AdaGrad %s, RMSProp %s, Adam %s",
        input, comparison.trainRows(), comparison.testRows(), comparison.numWeights(),
        regParam, sgdStep, adagradStep, rmspropStep, adamStep));
    return chart;
  }
}
