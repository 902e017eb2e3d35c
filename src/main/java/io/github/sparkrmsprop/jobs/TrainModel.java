package io.github.sparkrmsprop.jobs;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.SerializationFeature;
import io.github.sparkrmsprop.classification.LogisticRegressionWithRMSProp;
import io.github.sparkrmsprop.glm.TrainingResult;
import io.github.sparkrmsprop.optimization.OptimizationResult;
import io.github.sparkrmsprop.optimization.RMSPropOptimizer;
import io.github.sparkrmsprop.regression.LinearRegressionWithRMSProp;
import io.github.sparkrmsprop.update.EpsilonPlacement;
import io.github.sparkrmsprop.update.LearningRateSchedule;
import io.github.sparkrmsprop.update.RMSPropConfig;
import java.io.IOException;
import java.io.PrintWriter;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.TreeSet;
import java.util.concurrent.Callable;
import org.apache.spark.api.java.JavaRDD;
import org.apache.spark.mllib.classification.LogisticRegressionModel;
import org.apache.spark.mllib.regression.LabeledPoint;
import org.apache.spark.mllib.regression.LinearRegressionModel;
import org.apache.spark.sql.SparkSession;
import org.apache.spark.storage.StorageLevel;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import picocli.CommandLine;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Model.OptionSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.ParameterException;
import picocli.CommandLine.Spec;

/**
 * The training job: reads labelled examples (LIBSVM or Parquet, any Hadoop path), trains
 * logistic regression (binary or multinomial) or linear regression with RMSProp, evaluates
 * the model on a test set, and writes to one output folder:
 *
 * <ul>
 *   <li>{@code model/}: the MLlib model in Spark's own format ({@code model.save(sc, path)};
 *       load it back with {@code LogisticRegressionModel.load} or
 *       {@code LinearRegressionModel.load});</li>
 *   <li>{@code metrics.json}: test metrics ({@code auc} for two classes, {@code logLoss},
 *       {@code accuracy}; {@code rmse}, {@code r2}, {@code mae} for regression), the training
 *       run ({@code iterations}, {@code stopReason}, {@code trainSeconds}, {@code finalLoss},
 *       {@code lossHistory}), the data ({@code numExamples}, {@code numTestExamples},
 *       {@code numFeatures}, {@code numClasses}) and every option's value;</li>
 *   <li>{@code loss-curve.png}: the loss history as a line chart.</li>
 * </ul>
 *
 * <p>The test set is {@code --test} when given, else a random {@code --test-fraction} of the
 * {@code --train} rows (seed {@code --split-seed}). Binary labels -1/+1 (LIBSVM's convention)
 * are mapped to 0/1, with an INFO line saying so; for logistic regression the class count is
 * {@code --num-classes}, or the largest training label plus one. The training rows are cached
 * for the run.
 *
 * <p>The output folder is written aside and moved into place at the end ({@link OutputDir}),
 * so a failed run leaves nothing half-written; an existing folder is refused unless
 * {@code --overwrite} is given. Progress (loss and seconds so far) is logged every
 * {@code --log-every} iterations; a short summary is printed on standard output at the end.
 *
 * <p>{@link #run(String...)} is the whole job and returns the exit code (0, 1 when the job
 * failed, 2 for a bad option); only {@link #main} exits the process. It uses the running
 * Spark session when there is one and stops only a session it started ({@link JobSpark}).
 */
@Command(
    name = "TrainModel",
    mixinStandardHelpOptions = true,
    version = "TrainModel 0.1.0",
    sortOptions = false,
    description = "Trains logistic or linear regression with RMSProp and writes the model, "
        + "metrics.json and loss-curve.png to an output folder.%n"
        + "Options may be read from a file: TrainModel @jobs/NAME.conf [more options].")
public final class TrainModel implements Callable<Integer> {

  /** The models the job trains. */
  public enum ModelKind { LOGISTIC, LINEAR }

  /** Default share of the rows held out for testing when no test set is given. */
  public static final double DEFAULT_TEST_FRACTION = 0.2;
  /** Default seed of the train/test split. */
  public static final long DEFAULT_SPLIT_SEED = 42L;
  /** Default --checkpoint-every when --checkpoint-dir is given. */
  public static final int DEFAULT_CHECKPOINT_EVERY = 10;

  /** Labels read to decide the class count; more distinct values are an error. */
  static final int MAX_DISTINCT_LABELS = 10_000;

  private static final Logger LOG = LoggerFactory.getLogger(TrainModel.class);
  private static final RMSPropOptimizer DEFAULTS = new RMSPropOptimizer();
  private static final RMSPropConfig RULE_DEFAULTS = RMSPropConfig.defaults();

  @Spec
  private CommandSpec spec;

  // Data.

  @Option(names = "--train", required = true, paramLabel = "PATH",
      description = "Training examples: a LIBSVM file or folder, or Parquet.")
  private String train;

  @Option(names = "--test", paramLabel = "PATH",
      description = "Test examples, same format as --train. Default: a split of --train.")
  private String test;

  @Option(names = "--test-fraction", paramLabel = "F",
      description = "Share of --train held out for testing when --test is not given; in (0, 1)."
          + " Default: ${DEFAULT-VALUE}.")
  private double testFraction = DEFAULT_TEST_FRACTION;

  @Option(names = "--split-seed", paramLabel = "N",
      description = "Seed of that split. Default: ${DEFAULT-VALUE}.")
  private long splitSeed = DEFAULT_SPLIT_SEED;

  @Option(names = "--format", paramLabel = "FORMAT",
      description = "auto, libsvm or parquet; auto picks parquet for a path ending in .parquet "
          + "or a folder holding .parquet files. Default: ${DEFAULT-VALUE}.")
  private LabeledData.Format format = LabeledData.Format.AUTO;

  @Option(names = "--num-features", paramLabel = "N",
      description = "LIBSVM: the feature count; 0 takes the largest index of --train. "
          + "Default: ${DEFAULT-VALUE}.")
  private int numFeatures = 0;

  @Option(names = "--label-col", paramLabel = "NAME",
      description = "Parquet: the numeric label column. Default: ${DEFAULT-VALUE}.")
  private String labelCol = "label";

  @Option(names = "--features-col", paramLabel = "NAME",
      description = "Parquet: the spark.ml Vector column. Default: ${DEFAULT-VALUE}.")
  private String featuresCol = "features";

  @Option(names = "--partitions", paramLabel = "N",
      description = "Repartition the training rows into N partitions; 0 keeps the input's. "
          + "Default: ${DEFAULT-VALUE}.")
  private int partitions = 0;

  // Model.

  @Option(names = "--model", paramLabel = "KIND",
      description = "logistic or linear. Default: ${DEFAULT-VALUE}.")
  private ModelKind model = ModelKind.LOGISTIC;

  @Option(names = "--num-classes", paramLabel = "K",
      description = "Logistic: the class count, at least 2; 0 takes the largest training "
          + "label + 1. Default: ${DEFAULT-VALUE}.")
  private int numClasses = 0;

  @Option(names = "--no-intercept", description = "Fit no intercept.")
  private boolean noIntercept;

  // Optimizer; defaults are the library's own.

  @Option(names = "--iterations", paramLabel = "N",
      description = "Maximum number of iterations, at least 1. Default: ${DEFAULT-VALUE}.")
  private int iterations = DEFAULTS.getNumIterations();

  @Option(names = "--step-size", paramLabel = "LR",
      description = "Base learning rate, > 0. Default: ${DEFAULT-VALUE}.")
  private double stepSize = RULE_DEFAULTS.learningRate();

  @Option(names = "--mini-batch-fraction", paramLabel = "F",
      description = "Share of the rows in each mini-batch, in (0, 1]. Default: ${DEFAULT-VALUE}.")
  private double miniBatchFraction = DEFAULTS.getMiniBatchFraction();

  @Option(names = "--reg-param", paramLabel = "LAMBDA",
      description = "Regularization strength, >= 0. Default: ${DEFAULT-VALUE}.")
  private double regParam = RULE_DEFAULTS.regParam();

  @Option(names = "--elastic-net-param", paramLabel = "ALPHA",
      description = "Elastic-net mixing in [0, 1]: 0 is L2, 1 is L1. Default: ${DEFAULT-VALUE}.")
  private double elasticNetParam = RULE_DEFAULTS.elasticNetParam();

  @Option(names = "--decay", paramLabel = "RHO",
      description = "Decay of RMSProp's moving averages, in [0, 1). Default: ${DEFAULT-VALUE}.")
  private double decay = RULE_DEFAULTS.decay();

  @Option(names = "--epsilon", paramLabel = "EPS",
      description = "Added to RMSProp's denominator, >= 0. Default: ${DEFAULT-VALUE}.")
  private double epsilon = RULE_DEFAULTS.epsilon();

  @Option(names = "--epsilon-placement", paramLabel = "WHERE",
      description = "outside_sqrt (PyTorch) or inside_sqrt (Keras). Default: ${DEFAULT-VALUE}.")
  private EpsilonPlacement epsilonPlacement = RULE_DEFAULTS.epsilonPlacement();

  @Option(names = "--centered", description = "Centered RMSProp.")
  private boolean centered = RULE_DEFAULTS.centered();

  @Option(names = "--momentum", paramLabel = "MU",
      description = "Momentum, in [0, 1). Default: ${DEFAULT-VALUE}.")
  private double momentum = RULE_DEFAULTS.momentum();

  @Option(names = "--initial-accumulator", paramLabel = "V0",
      description = "Starting squared-gradient average, >= 0. Default: ${DEFAULT-VALUE}.")
  private double initialAccumulator = RULE_DEFAULTS.initialAccumulator();

  @Option(names = "--schedule", paramLabel = "SCHEDULE",
      description = "Learning-rate schedule: constant, invsqrt or exponential:GAMMA. "
          + "Default: ${DEFAULT-VALUE}.")
  private String schedule = RULE_DEFAULTS.schedule().toString();

  @Option(names = "--convergence-tol", paramLabel = "TOL",
      description = "Stop when the weights move less than TOL relative to their norm; "
          + "0 never stops early. Default: ${DEFAULT-VALUE}.")
  private double convergenceTol = DEFAULTS.getConvergenceTol();

  @Option(names = "--seed", paramLabel = "N",
      description = "Seed of the mini-batch draws. Default: ${DEFAULT-VALUE}.")
  private long seed = DEFAULTS.getSeed();

  @Option(names = "--aggregation-depth", paramLabel = "N",
      description = "Depth of the gradient aggregation tree, at least 1. "
          + "Default: ${DEFAULT-VALUE}.")
  private int aggregationDepth = DEFAULTS.getAggregationDepth();

  @Option(names = "--log-every", paramLabel = "N",
      description = "Log the loss and seconds so far every N iterations. "
          + "Default: ${DEFAULT-VALUE}.")
  private int logEvery = DEFAULTS.getLogEvery();

  // Checkpoints.

  @Option(names = "--checkpoint-dir", paramLabel = "PATH",
      description = "Folder (any Hadoop path) for the optimizer's checkpoints; the newest "
          + RMSPropOptimizer.CHECKPOINTS_KEPT + " are kept. Default: none.")
  private String checkpointDir;

  @Option(names = "--checkpoint-every", paramLabel = "N",
      description = "Write a checkpoint every N iterations, at least 1; needs "
          + "--checkpoint-dir. Default: 10 when --checkpoint-dir is given.")
  private Integer checkpointEvery;

  @Option(names = "--resume",
      description = "Start from the newest checkpoint in --checkpoint-dir when there is one "
          + "(same data, options and seed; --iterations may grow); needs --checkpoint-dir.")
  private boolean resume;

  // Output.

  @Option(names = "--output", required = true, paramLabel = "DIR",
      description = "Folder to create with model/, metrics.json and loss-curve.png.")
  private String output;

  @Option(names = "--overwrite",
      description = "Replace an existing output folder (only once the new one is complete).")
  private boolean overwrite;

  /** Runs the job with {@code args}; exits the process only when the code is not 0. */
  public static void main(String[] args) {
    int exitCode = run(args);
    if (exitCode != 0) {
      System.exit(exitCode);
    }
  }

  /** Runs the job on the console's streams and returns its exit code. */
  public static int run(String... args) {
    return run(new PrintWriter(System.out, true), new PrintWriter(System.err, true), args);
  }

  /** Runs the job, printing the summary to {@code out} and errors to {@code err}. */
  public static int run(PrintWriter out, PrintWriter err, String... args) {
    return JobCommandLine.create(new TrainModel(), out, err).execute(args);
  }

  @Override
  public Integer call() throws IOException {
    validate();
    long start = System.nanoTime();

    try (JobSpark spark = JobSpark.getOrCreate("TrainModel");
        OutputDir out = OutputDir.open(output, overwrite,
            spark.session().sparkContext().hadoopConfiguration())) {
      String summary = train(spark.session(), out);
      out.commit();
      double seconds = (System.nanoTime() - start) / 1e9;
      PrintWriter console = spec.commandLine().getOut();
      console.print(summary);
      console.printf(Locale.ROOT, "Wrote %s (model/, metrics.json, loss-curve.png) in %.1f s%n",
          out.finalDir(), seconds);
      console.flush();
    }
    return 0;
  }

  /** Checks every option before Spark starts; a bad one is a usage error naming it. */
  private void validate() {
    CommandLine cl = spec.commandLine();
    if (!(testFraction > 0.0 && testFraction < 1.0)) {
      throw new ParameterException(cl,
          "--test-fraction must be in (0, 1) but was " + testFraction);
    }
    if (numFeatures < 0) {
      throw new ParameterException(cl, "--num-features must be at least 0 but was "
          + numFeatures);
    }
    if (partitions < 0) {
      throw new ParameterException(cl, "--partitions must be at least 0 but was " + partitions);
    }
    if (numClasses != 0 && numClasses < 2) {
      throw new ParameterException(cl,
          "--num-classes must be 0 (from the labels) or at least 2 but was " + numClasses);
    }
    if (checkpointDir == null && (checkpointEvery != null || resume)) {
      throw new ParameterException(cl, (resume ? "--resume" : "--checkpoint-every")
          + " needs --checkpoint-dir");
    }
    if (checkpointEvery != null && checkpointEvery < 1) {
      throw new ParameterException(cl, "--checkpoint-every must be at least 1 but was "
          + checkpointEvery);
    }
    configure(new RMSPropOptimizer());
  }

  /** Sets every optimizer option on {@code o}; a rejected value names its option. */
  private void configure(RMSPropOptimizer o) {
    set("--iterations", () -> o.setNumIterations(iterations));
    set("--step-size", () -> o.setStepSize(stepSize));
    set("--mini-batch-fraction", () -> o.setMiniBatchFraction(miniBatchFraction));
    set("--reg-param", () -> o.setRegParam(regParam));
    set("--elastic-net-param", () -> o.setElasticNetParam(elasticNetParam));
    set("--decay", () -> o.setDecay(decay));
    set("--epsilon", () -> o.setEpsilon(epsilon));
    set("--epsilon-placement", () -> o.setEpsilonPlacement(epsilonPlacement));
    set("--centered", () -> o.setCentered(centered));
    set("--momentum", () -> o.setMomentum(momentum));
    set("--initial-accumulator", () -> o.setInitialAccumulator(initialAccumulator));
    set("--schedule", () -> o.setSchedule(LearningRateSchedule.parse(schedule)));
    set("--convergence-tol", () -> o.setConvergenceTol(convergenceTol));
    set("--seed", () -> o.setSeed(seed));
    set("--aggregation-depth", () -> o.setAggregationDepth(aggregationDepth));
    set("--log-every", () -> o.setLogEvery(logEvery));
    if (checkpointDir != null) {
      o.setCheckpointDir(checkpointDir);
      o.setResume(resume);
      set("--checkpoint-every", () -> o.setCheckpointInterval(checkpointEvery == null
          ? DEFAULT_CHECKPOINT_EVERY : checkpointEvery));
    }
  }

  private void set(String option, Runnable setter) {
    try {
      setter.run();
    } catch (IllegalArgumentException e) {
      throw new ParameterException(spec.commandLine(), option + ": " + e.getMessage());
    }
  }

  /** Reads, trains, evaluates and writes into {@code out}; returns the summary text. */
  private String train(SparkSession spark, OutputDir out) throws IOException {
    JavaRDD<LabeledPoint> trainRows = LabeledData.read(spark, train, format, numFeatures,
        labelCol, featuresCol);
    if (partitions > 0) {
      trainRows = trainRows.repartition(partitions);
    }
    JavaRDD<LabeledPoint> testRows;
    if (test != null) {
      int features = trainRows.first().features().size();
      testRows = LabeledData.read(spark, test, format, features, labelCol, featuresCol);
    } else {
      JavaRDD<LabeledPoint>[] split =
          trainRows.randomSplit(new double[] {1.0 - testFraction, testFraction}, splitSeed);
      trainRows = split[0];
      testRows = split[1];
      LOG.info("No --test: holding out a random {} of {} (seed {})", testFraction, train,
          splitSeed);
    }

    trainRows = trainRows.persist(StorageLevel.MEMORY_AND_DISK());
    testRows = testRows.persist(StorageLevel.MEMORY_AND_DISK());
    try {
      return trainOn(spark, trainRows, testRows, out);
    } finally {
      trainRows.unpersist(false);
      testRows.unpersist(false);
    }
  }

  private String trainOn(SparkSession spark, JavaRDD<LabeledPoint> trainRows,
      JavaRDD<LabeledPoint> testRows, OutputDir out) throws IOException {
    int classes = 0;
    if (model == ModelKind.LOGISTIC) {
      TreeSet<Double> labels = distinctLabels(trainRows);
      double maxLabel = labels.isEmpty() ? 0.0 : labels.last();
      if (labels.contains(-1.0) && labels.stream().allMatch(l -> l == -1.0 || l == 1.0)) {
        LOG.info("Labels are -1/+1 (LIBSVM's binary convention): mapping -1 to 0 and +1 to 1 "
            + "in the training and test rows");
        trainRows = persistMapped(trainRows);
        testRows = persistMapped(testRows);
        maxLabel = 1.0;
      }
      classes = numClasses > 0 ? numClasses : Math.max(2, (int) Math.floor(maxLabel) + 1);
      checkTestLabels(distinctLabels(testRows), classes);
    }

    long numExamples = trainRows.count();
    long numTestExamples = testRows.count();
    if (numTestExamples == 0) {
      LOG.warn("The test set is empty: its metrics are NaN");
    }
    LOG.info("Training {} regression on {} rows ({} partitions), testing on {} rows",
        model == ModelKind.LOGISTIC ? "logistic (" + classes + " classes)" : "linear",
        numExamples, trainRows.getNumPartitions(), numTestExamples);

    Map<String, Object> metrics = new LinkedHashMap<>();
    metrics.put("model", model.name().toLowerCase(Locale.ROOT));
    OptimizationResult run;
    int features;
    Map<String, Double> testMetrics;
    if (model == ModelKind.LOGISTIC) {
      LogisticRegressionWithRMSProp lr = new LogisticRegressionWithRMSProp()
          .setNumClasses(classes).setIntercept(!noIntercept);
      configure(lr.optimizer());
      TrainingResult<LogisticRegressionModel> result =
          lr.runWithResult(trainRows.rdd());
      run = result.optimization();
      features = result.model().numFeatures();
      metrics.put("numClasses", classes);
      testMetrics = numTestExamples == 0 ? nanMetrics(classes == 2
          ? List.of("auc", "logLoss", "accuracy") : List.of("logLoss", "accuracy"))
          : Evaluation.classification(result.model(), testRows);
      result.model().save(spark.sparkContext(), out.resolve("model").toString());
    } else {
      LinearRegressionWithRMSProp lin = new LinearRegressionWithRMSProp()
          .setIntercept(!noIntercept);
      configure(lin.optimizer());
      TrainingResult<LinearRegressionModel> result =
          lin.runWithResult(trainRows.rdd());
      run = result.optimization();
      features = result.model().weights().size();
      testMetrics = numTestExamples == 0 ? nanMetrics(List.of("rmse", "r2", "mae"))
          : Evaluation.regression(result.model(), testRows);
      result.model().save(spark.sparkContext(), out.resolve("model").toString());
    }

    metrics.putAll(testMetrics);
    metrics.put("iterations", run.iterations());
    metrics.put("stopReason", run.stopReason().name());
    metrics.put("stopMessage", run.message());
    metrics.put("trainSeconds", run.seconds());
    metrics.put("finalLoss", run.finalLoss());
    metrics.put("numExamples", numExamples);
    metrics.put("numTestExamples", numTestExamples);
    metrics.put("numFeatures", features);
    metrics.put("lossHistory", run.lossHistory());
    metrics.put("options", optionValues());
    out.writeText("metrics.json", new ObjectMapper().enable(SerializationFeature.INDENT_OUTPUT)
        .writeValueAsString(metrics) + "\n");
    out.writeBytes("loss-curve.png", LossChart.png(
        "RMSProp " + metrics.get("model") + " regression: training loss", run.lossHistory()));
    LOG.info("Test metrics: {}", testMetrics);
    return summary(numExamples, numTestExamples, features, classes, run, testMetrics);
  }

  private String summary(long numExamples, long numTestExamples, int features, int classes,
      OptimizationResult run, Map<String, Double> testMetrics) {
    StringBuilder s = new StringBuilder();
    s.append(String.format(Locale.ROOT, "TrainModel: %s with RMSProp on %,d examples, "
        + "%,d features%n", model == ModelKind.LOGISTIC ? "logistic regression (" + classes
        + " classes)" : "linear regression", numExamples, features));
    s.append(String.format(Locale.ROOT, "training:  %s after %d iterations, final loss %.6f,"
        + " %.1f s%n", run.stopReason(), run.iterations(), run.finalLoss(), run.seconds()));
    s.append(String.format(Locale.ROOT, "test:      %,d examples", numTestExamples));
    for (Map.Entry<String, Double> e : testMetrics.entrySet()) {
      s.append(String.format(Locale.ROOT, ", %s %.6f", e.getKey(), e.getValue()));
    }
    return s.append(String.format("%n")).toString();
  }

  /** Every option (except --help and --version) with the value this run used. */
  private Map<String, Object> optionValues() {
    Map<String, Object> values = new LinkedHashMap<>();
    for (OptionSpec o : spec.options()) {
      if (!o.usageHelp() && !o.versionHelp()) {
        Object v = o.getValue();
        values.put(o.longestName(), v instanceof Enum ? v.toString().toLowerCase(Locale.ROOT)
            : v);
      }
    }
    return values;
  }

  private static Map<String, Double> nanMetrics(List<String> names) {
    Map<String, Double> m = new LinkedHashMap<>();
    for (String n : names) {
      m.put(n, Double.NaN);
    }
    return m;
  }

  /** Maps label -1 to 0 (and keeps +1) and caches the result; the input is released. */
  private static JavaRDD<LabeledPoint> persistMapped(JavaRDD<LabeledPoint> rows) {
    JavaRDD<LabeledPoint> mapped = rows.map(p -> p.label() == -1.0
        ? new LabeledPoint(0.0, p.features()) : p).persist(StorageLevel.MEMORY_AND_DISK());
    mapped.count();
    rows.unpersist(false);
    return mapped;
  }

  /** The distinct labels; at most {@link #MAX_DISTINCT_LABELS} of them are accepted. */
  static TreeSet<Double> distinctLabels(JavaRDD<LabeledPoint> rows) {
    List<Double> found = rows.map(LabeledPoint::label).distinct()
        .take(MAX_DISTINCT_LABELS + 1);
    if (found.size() > MAX_DISTINCT_LABELS) {
      throw new IllegalArgumentException("the labels take more than " + MAX_DISTINCT_LABELS
          + " distinct values; logistic regression needs class indices 0..K-1"
          + " (use --model linear for a numeric target)");
    }
    return new TreeSet<>(found);
  }

  private static void checkTestLabels(TreeSet<Double> labels, int classes) {
    List<Double> bad = new ArrayList<>();
    for (double l : labels) {
      if (!(l >= 0 && l < classes && l == Math.rint(l))) {
        bad.add(l);
      }
    }
    if (!bad.isEmpty()) {
      throw new IllegalArgumentException("the test labels " + bad + " are not classes of the "
          + "model: labels must be integers in [0, " + (classes - 1) + "] (" + classes
          + " classes, from the training labels or --num-classes)");
    }
  }
}
