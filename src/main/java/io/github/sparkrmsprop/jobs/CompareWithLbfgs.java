package io.github.sparkrmsprop.jobs;

import io.github.sparkrmsprop.classification.LogisticRegressionWithRMSProp;
import io.github.sparkrmsprop.glm.TrainingResult;
import java.io.IOException;
import java.io.PrintWriter;
import java.util.Locale;
import java.util.Map;
import java.util.concurrent.Callable;
import org.apache.spark.api.java.JavaRDD;
import org.apache.spark.ml.classification.LogisticRegression;
import org.apache.spark.mllib.classification.LogisticRegressionModel;
import org.apache.spark.mllib.linalg.Vectors;
import org.apache.spark.mllib.regression.LabeledPoint;
import org.apache.spark.sql.Dataset;
import org.apache.spark.sql.Row;
import org.apache.spark.sql.SparkSession;
import org.apache.spark.storage.StorageLevel;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;

/**
 * Benchmark: binary logistic regression trained on the same Parquet data (label + ml Vector
 * columns, e.g. the prepared flights) twice, with our RMSProp trainer and with spark.ml's
 * {@link LogisticRegression} (L-BFGS, its defaults apart from the options below), then both
 * models evaluated by the same code ({@link Evaluation}) on the same test set. Prints test AUC,
 * log-loss and training seconds side by side.
 *
 * <p>Both trainers get the training rows already cached and counted, so the seconds measure
 * training alone: for RMSProp the trainer's whole run (input check and iterations), for
 * L-BFGS the {@code fit} call (its feature summary pass and iterations). The L-BFGS model is
 * turned into an MLlib {@code LogisticRegressionModel} (coefficients and intercept) for the
 * evaluation.
 */
@Command(
    name = "CompareWithLbfgs",
    mixinStandardHelpOptions = true,
    version = "CompareWithLbfgs 0.1.0",
    sortOptions = false,
    description = "Trains binary logistic regression with RMSProp and with spark.ml's L-BFGS "
        + "on the same data and prints test AUC, log-loss and seconds of both.")
public final class CompareWithLbfgs implements Callable<Integer> {

  private static final Logger LOG = LoggerFactory.getLogger(CompareWithLbfgs.class);
  private static final LogisticRegression LBFGS_DEFAULTS = new LogisticRegression();

  @Spec
  private CommandSpec spec;

  @Option(names = "--train", required = true, paramLabel = "PATH",
      description = "Training Parquet with a label and an ml Vector column.")
  private String train;

  @Option(names = "--test", required = true, paramLabel = "PATH",
      description = "Test Parquet, same columns.")
  private String test;

  @Option(names = "--label-col", paramLabel = "NAME", description = "Default: ${DEFAULT-VALUE}.")
  private String labelCol = "label";

  @Option(names = "--features-col", paramLabel = "NAME",
      description = "Default: ${DEFAULT-VALUE}.")
  private String featuresCol = "features";

  @Option(names = "--iterations", required = true, paramLabel = "N",
      description = "RMSProp: iterations.")
  private int iterations;

  @Option(names = "--step-size", required = true, paramLabel = "LR",
      description = "RMSProp: base learning rate.")
  private double stepSize;

  @Option(names = "--mini-batch-fraction", required = true, paramLabel = "F",
      description = "RMSProp: share of the rows in each mini-batch.")
  private double miniBatchFraction;

  @Option(names = "--reg-param", paramLabel = "LAMBDA",
      description = "Both: L2 regularization strength. Default: ${DEFAULT-VALUE}.")
  private double regParam = 0.0;

  @Option(names = "--lbfgs-max-iter", paramLabel = "N",
      description = "L-BFGS: maximum iterations. Default: ${DEFAULT-VALUE} (spark.ml's).")
  private int lbfgsMaxIter = LBFGS_DEFAULTS.getMaxIter();

  @Option(names = "--lbfgs-tol", paramLabel = "TOL",
      description = "L-BFGS: convergence tolerance. Default: ${DEFAULT-VALUE} (spark.ml's).")
  private double lbfgsTol = LBFGS_DEFAULTS.getTol();

  /** Exits the process only when the exit code is not 0. */
  public static void main(String[] args) {
    int exitCode = run(args);
    if (exitCode != 0) {
      System.exit(exitCode);
    }
  }

  /** Runs the benchmark on the console's streams and returns its exit code. */
  public static int run(String... args) {
    return run(new PrintWriter(System.out, true), new PrintWriter(System.err, true), args);
  }

  /** Runs the benchmark, printing the table to {@code out} and errors to {@code err}. */
  public static int run(PrintWriter out, PrintWriter err, String... args) {
    return JobCommandLine.create(new CompareWithLbfgs(), out, err).execute(args);
  }

  @Override
  public Integer call() throws IOException {
    try (JobSpark js = JobSpark.getOrCreate("CompareWithLbfgs")) {
      SparkSession spark = js.session();
      JavaRDD<LabeledPoint> trainRows = LabeledData.read(spark, train,
          LabeledData.Format.PARQUET, 0, labelCol, featuresCol)
          .persist(StorageLevel.MEMORY_AND_DISK());
      JavaRDD<LabeledPoint> testRows = LabeledData.read(spark, test,
          LabeledData.Format.PARQUET, 0, labelCol, featuresCol)
          .persist(StorageLevel.MEMORY_AND_DISK());
      long numTrain = trainRows.count();
      long numTest = testRows.count();
      LOG.info("{} training rows, {} test rows", numTrain, numTest);

      LogisticRegressionWithRMSProp rmsprop = new LogisticRegressionWithRMSProp();
      rmsprop.optimizer().setNumIterations(iterations).setStepSize(stepSize)
          .setMiniBatchFraction(miniBatchFraction).setRegParam(regParam)
          .setConvergenceTol(0.0).setLogEvery(25);
      long start = System.nanoTime();
      TrainingResult<LogisticRegressionModel> ours =
          rmsprop.runWithResult(trainRows.rdd());
      double oursSeconds = (System.nanoTime() - start) / 1e9;
      Map<String, Double> oursMetrics = Evaluation.classification(ours.model(), testRows);
      LOG.info("RMSProp: {} in {} s", oursMetrics, oursSeconds);
      trainRows.unpersist(false);

      Dataset<Row> trainDf = spark.read().parquet(train).select(labelCol, featuresCol)
          .persist(StorageLevel.MEMORY_AND_DISK());
      trainDf.count();
      LogisticRegression lbfgs = new LogisticRegression().setLabelCol(labelCol)
          .setFeaturesCol(featuresCol).setMaxIter(lbfgsMaxIter).setTol(lbfgsTol)
          .setRegParam(regParam).setElasticNetParam(0.0);
      start = System.nanoTime();
      org.apache.spark.ml.classification.LogisticRegressionModel fitted = lbfgs.fit(trainDf);
      double lbfgsSeconds = (System.nanoTime() - start) / 1e9;
      trainDf.unpersist(false);
      int lbfgsIterations = fitted.summary().totalIterations();
      LOG.info("L-BFGS: trained in {} s ({} iterations)", lbfgsSeconds, lbfgsIterations);
      // MLlib's model takes dense weights only; spark.ml may hand back sparse coefficients.
      LogisticRegressionModel asMllib = new LogisticRegressionModel(
          Vectors.dense(fitted.coefficients().toArray()), fitted.intercept(),
          fitted.numFeatures(), 2);
      Map<String, Double> lbfgsMetrics = Evaluation.classification(asMllib, testRows);
      LOG.info("L-BFGS: {}", lbfgsMetrics);
      testRows.unpersist(false);

      PrintWriter out = spec.commandLine().getOut();
      out.printf(Locale.ROOT, "Binary logistic regression, %,d training rows, %,d test rows,"
          + " %,d features, regParam %s%n", numTrain, numTest, fitted.numFeatures(), regParam);
      out.printf(Locale.ROOT, "%-34s %9s %9s %9s%n", "trainer", "test AUC", "log-loss",
          "seconds");
      out.printf(Locale.ROOT, "%-34s %9.4f %9.4f %9.1f%n", "RMSProp (" + ours.optimization()
          .iterations() + " it., batch " + miniBatchFraction + ")", oursMetrics.get("auc"),
          oursMetrics.get("logLoss"), oursSeconds);
      out.printf(Locale.ROOT, "%-34s %9.4f %9.4f %9.1f%n", "spark.ml L-BFGS (" + lbfgsIterations
          + " it.)", lbfgsMetrics.get("auc"), lbfgsMetrics.get("logLoss"), lbfgsSeconds);
      out.printf(Locale.ROOT, "AUC difference (RMSProp - L-BFGS): %+.4f%n",
          oursMetrics.get("auc") - lbfgsMetrics.get("auc"));
      out.flush();
    }
    return 0;
  }
}
