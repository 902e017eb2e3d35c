package io.github.sparkrmsprop.jobs.bench;

import io.github.sparkrmsprop.optimization.CompactRMSProp;
import io.github.sparkrmsprop.optimization.OptimizationResult;
import io.github.sparkrmsprop.optimization.RMSPropOptimizer;
import io.github.sparkrmsprop.optimization.Sampling;
import io.github.sparkrmsprop.optimization.sparse.CompactData;
import io.github.sparkrmsprop.optimization.sparse.CompactTreeSum;
import io.github.sparkrmsprop.optimization.sparse.CsrPartition;
import io.github.sparkrmsprop.optimization.sparse.FillThresholdProbe;
import io.github.sparkrmsprop.optimization.sparse.GlmKernel;
import io.github.sparkrmsprop.optimization.sparse.MiniBatchPlan;
import io.github.sparkrmsprop.optimization.sparse.SparseGradientSum;
import io.github.sparkrmsprop.optimization.sparse.WeightSource;
import java.io.File;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.Paths;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Locale;
import java.util.Set;
import java.util.concurrent.Callable;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import org.apache.spark.SparkConf;
import org.apache.spark.api.java.JavaRDD;
import org.apache.spark.api.java.JavaSparkContext;
import org.apache.spark.broadcast.Broadcast;
import org.apache.spark.ml.classification.LogisticRegression;
import org.apache.spark.ml.classification.LogisticRegressionModel;
import org.apache.spark.ml.linalg.SQLDataTypes;
import org.apache.spark.mllib.linalg.Vector;
import org.apache.spark.mllib.linalg.Vectors;
import org.apache.spark.mllib.optimization.GradientDescent;
import org.apache.spark.mllib.optimization.LogisticGradient;
import org.apache.spark.mllib.optimization.SimpleUpdater;
import org.apache.spark.mllib.optimization.SquaredL2Updater;
import org.apache.spark.mllib.optimization.Updater;
import org.apache.spark.sql.Dataset;
import org.apache.spark.sql.Row;
import org.apache.spark.sql.RowFactory;
import org.apache.spark.sql.SparkSession;
import org.apache.spark.sql.types.DataTypes;
import org.apache.spark.sql.types.StructType;
import org.apache.spark.storage.StorageLevel;
import org.apache.spark.unsafe.hash.Murmur3_x86_32;
import org.jfree.chart.ChartFactory;
import org.jfree.chart.ChartUtils;
import org.jfree.chart.JFreeChart;
import org.jfree.chart.axis.LogAxis;
import org.jfree.chart.plot.CategoryPlot;
import org.jfree.chart.plot.PlotOrientation;
import org.jfree.data.category.DefaultCategoryDataset;
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
 * Side-by-side benchmark of the sparse fast path of {@code RMSPropOptimizer}
 * ({@link Sampling#PERMUTATION}) against MLlib, on one machine, in one run, on the same cached
 * data. Writes {@code benchmark.md}, {@code benchmark.csv} and {@code benchmark.png} into
 * {@code --output}. Measurements ({@code --measure}, comma-separated):
 * <ol>
 *   <li>{@code periter}: seconds per iteration, full batch, logistic loss: ours against
 *       {@code GradientDescent} with {@code SimpleUpdater} (target ours/GD at most 1.05);</li>
 *   <li>{@code minibatch}: the same at miniBatchFraction {@code --fraction} (0.01) with
 *       {@code --minibatch-features} (2^22) hashed features (target GD/ours at least 10).
 *       Flights has 2^18 buckets; for this measurement its indices are re-hashed (MurmurHash3)
 *       into the larger space, which keeps the rows and spreads them over the bigger model;</li>
 *   <li>{@code target}: wall-clock seconds until the test log-loss is within
 *       {@code --target-gap} (0.5%) of the best found by spark.ml's {@code LogisticRegression}
 *       (L-BFGS, tol 1e-9): RMSProp (mini-batches, best of {@code --rmsprop-steps}) against
 *       MLlib SGD ({@code GradientDescent} + {@code SquaredL2Updater}, best of
 *       {@code --sgd-steps}) and L-BFGS (the smallest maxIter that reaches it, found by
 *       doubling from 4 then bisection to 25%; the time of that one fit). All three minimize
 *       the same objective, mean log-loss plus {@code --reg-param / 2 * ||w||^2} (spark.ml
 *       without standardization). Test losses of RMSProp and SGD are
 *       evaluated every few iterations; evaluation time is subtracted from their clocks. All
 *       models have no intercept;</li>
 *   <li>{@code floor}: one full gradient pass through Spark against the same partition sums
 *       computed by plain Java threads (one per core) over the same CSR arrays in this JVM
 *       (target at most 2);</li>
 *   <li>{@code memory}: driver heap above baseline during training at 2^20, 2^22, 2^24
 *       features, each in a separate JVM ({@link DriverMemoryProbe}; target under 1 GiB at
 *       2^24);</li>
 *   <li>{@code fill}: sparse against dense cost of sending and merging partial sums at several
 *       fills ({@link FillThresholdProbe}), the measurement behind the fill threshold.</li>
 * </ol>
 * Data: {@code --data flights} reads the prepared Parquet folders ({@code --train},
 * {@code --test}; see {@code PrepareFlights}); {@code --data clicks} generates {@code --rows}
 * training and {@code --rows / 4} test rows with {@link ClickDataGenerator}.
 *
 * <p>Runs on the master given by {@code spark.master}, else {@code local[*]}, bound to
 * 127.0.0.1 for local masters. Timings are wall-clock on a machine that may be shared; the
 * report records the load average at the start and the end.
 */
@Command(
    name = "Benchmark",
    mixinStandardHelpOptions = true,
    version = "Benchmark 0.1.0",
    description = "Benchmarks RMSProp's sparse fast path against MLlib GradientDescent, SGD and "
        + "L-BFGS; writes benchmark.md, benchmark.csv and benchmark.png.")
public final class Benchmark implements Callable<Integer> {

  private static final Logger LOG = LoggerFactory.getLogger(Benchmark.class);

  /** Every measurement, in the order they run. */
  public static final List<String> MEASUREMENTS =
      List.of("periter", "minibatch", "target", "floor", "memory", "fill");

  @Spec
  private CommandSpec spec;

  @Option(names = "--data", paramLabel = "flights|clicks",
      description = "Dataset. Default: ${DEFAULT-VALUE}.")
  private String data = "clicks";

  @Option(names = "--train", paramLabel = "DIR",
      description = "Prepared flights training Parquet. Default: ${DEFAULT-VALUE}.")
  private String train = "datasets/prepared/flights/train";

  @Option(names = "--test", paramLabel = "DIR",
      description = "Prepared flights test Parquet. Default: ${DEFAULT-VALUE}.")
  private String test = "datasets/prepared/flights/test";

  @Option(names = "--rows", paramLabel = "N",
      description = "Generated training rows (clicks). Default: ${DEFAULT-VALUE}.")
  private long rows = 1_000_000;

  @Option(names = "--features", paramLabel = "N",
      description = "Hash buckets of generated data (clicks). Default: ${DEFAULT-VALUE}.")
  private int features = 1 << 18;

  @Option(names = "--minibatch-features", paramLabel = "N",
      description = "Model size of the mini-batch measurement. Default: ${DEFAULT-VALUE}.")
  private int minibatchFeatures = 1 << 22;

  @Option(names = "--partitions", paramLabel = "N",
      description = "Partitions of the training data. Default: ${DEFAULT-VALUE}.")
  private int partitions = 4;

  @Option(names = "--output", required = true, paramLabel = "DIR",
      description = "Folder for benchmark.md, benchmark.csv and benchmark.png.")
  private String output;

  @Option(names = "--measure", split = ",", paramLabel = "NAME",
      description = "Measurements, of ${COMPLETION-CANDIDATES}. Default: all.")
  private List<String> measure = MEASUREMENTS;

  @Option(names = "--iterations", paramLabel = "N",
      description = "Timed iterations per run of periter and minibatch. "
          + "Default: ${DEFAULT-VALUE}.")
  private int iterations = 10;

  @Option(names = "--rounds", paramLabel = "N",
      description = "Alternating timed runs of ours and GD in periter and minibatch; the "
          + "fastest counts. Default: ${DEFAULT-VALUE}.")
  private int rounds = 2;

  @Option(names = "--fraction", paramLabel = "F",
      description = "Mini-batch fraction of minibatch and of RMSProp in target. "
          + "Default: ${DEFAULT-VALUE}.")
  private double fraction = 0.01;

  @Option(names = "--rmsprop-steps", split = ",", paramLabel = "LR",
      description = "RMSProp step sizes tried in target. Default: 0.003,0.01,0.03.")
  private List<Double> rmspropSteps = List.of(0.003, 0.01, 0.03);

  @Option(names = "--sgd-steps", split = ",", paramLabel = "LR",
      description = "SGD step sizes tried in target. Default: 1,10,100.")
  private List<Double> sgdSteps = List.of(1.0, 10.0, 100.0);

  @Option(names = "--sgd-fraction", paramLabel = "F",
      description = "Mini-batch fraction of SGD in target. Default: ${DEFAULT-VALUE}.")
  private double sgdFraction = 0.1;

  @Option(names = "--budget-seconds", paramLabel = "S",
      description = "Time budget of each RMSProp/SGD run in target. Default: ${DEFAULT-VALUE}.")
  private double budgetSeconds = 60;

  @Option(names = "--target-gap", paramLabel = "G",
      description = "Relative gap to the best test loss. Default: ${DEFAULT-VALUE}.")
  private double targetGap = 0.005;

  @Option(names = "--reg-param", paramLabel = "L",
      description = "L2 strength of the objective of target, the same for all three: mean "
          + "log-loss + L / 2 * ||w||^2 (RMSProp then steps densely). Default: ${DEFAULT-VALUE}.")
  private double regParam = 0.0;

  @Option(names = "--lbfgs-max-iter", paramLabel = "N",
      description = "Iterations of the L-BFGS reference fit (tol 1e-9). "
          + "Default: ${DEFAULT-VALUE}.")
  private int lbfgsMaxIter = 200;

  @Option(names = "--memory-bits", split = ",", paramLabel = "B",
      description = "log2 of the model sizes of memory. Default: 20,22,24.")
  private List<Integer> memoryBits = List.of(20, 22, 24);

  @Option(names = "--fill-dimension", paramLabel = "N",
      description = "Model size of the fill measurement. Default: ${DEFAULT-VALUE}.")
  private int fillDimension = 1 << 20;

  @Option(names = "--seed", description = "Seed of data and mini-batches. "
      + "Default: ${DEFAULT-VALUE}.")
  private long seed = 42L;

  /** One line of the report. */
  record Result(String measurement, String data, String metric, String ours, double oursValue,
      String baseline, double baselineValue, double ratio, String target, String met,
      String note) {
  }

  private final List<Result> results = new ArrayList<>();

  /** Parses the arguments and runs the job; exits with picocli's code on any failure. */
  public static void main(String[] args) {
    int exitCode = new CommandLine(new Benchmark()).execute(args);
    if (exitCode != 0) {
      System.exit(exitCode);
    }
  }

  @Override
  public Integer call() throws Exception {
    SparkSession spark = SparkSession.builder().config(sparkConf()).getOrCreate();
    try {
      run(spark);
    } finally {
      spark.stop();
    }
    return 0;
  }

  /** Runs the selected measurements on {@code spark} and writes the report. */
  public List<Result> run(SparkSession spark) throws Exception {
    validate();
    String loadBefore = loadAverage();
    long start = System.nanoTime();
    JavaSparkContext jsc = JavaSparkContext.fromSparkContext(spark.sparkContext());
    Set<String> todo = new LinkedHashSet<>(measure);
    boolean needData = todo.contains("periter") || todo.contains("minibatch")
        || todo.contains("target") || todo.contains("floor");
    Data d = needData ? load(spark, jsc) : null;

    if (todo.contains("periter")) {
      perIteration(d);
    }
    if (todo.contains("minibatch")) {
      miniBatch(jsc, d);
    }
    if (todo.contains("target")) {
      timeToTarget(spark, d);
    }
    if (todo.contains("floor")) {
      floor(jsc, d);
    }
    if (d != null) {
      d.unpersist();
    }
    if (todo.contains("memory")) {
      memory();
    }
    if (todo.contains("fill")) {
      fill();
    }
    String loadAfter = loadAverage();
    write(loadBefore, loadAfter, (System.nanoTime() - start) / 1e9);
    return results;
  }

  // ---------------------------------------------------------------- data

  /** The cached training and test sets in the forms each contender reads. */
  private record Data(String name, int dim, JavaRDD<Tuple2<Object, Vector>> trainRows,
      CompactData trainCompact, CompactData testCompact, Dataset<Row> trainFrame) {

    void unpersist() {
      trainRows.unpersist(false);
      trainCompact.unpersist();
      testCompact.unpersist();
      trainFrame.unpersist(false);
    }
  }

  private Data load(SparkSession spark, JavaSparkContext jsc) {
    JavaRDD<Tuple2<Object, Vector>> trainRows;
    JavaRDD<Tuple2<Object, Vector>> testRows;
    int dim;
    if (data.equals("flights")) {
      trainRows = readFlights(spark, train).repartition(partitions);
      testRows = readFlights(spark, test);
      dim = trainRows.first()._2().size();
    } else {
      ClickDataGenerator gen = new ClickDataGenerator(seed, features,
          ClickDataGenerator.DEFAULT_ZIPF_EXPONENT);
      trainRows = gen.generate(jsc, 0, rows, partitions);
      testRows = gen.generate(jsc, rows, Math.max(1, rows / 4), partitions);
      dim = features;
    }
    trainRows = trainRows.setName(data + " train").persist(StorageLevel.MEMORY_ONLY());
    CompactData trainCompact = CompactData.cache(trainRows.rdd());
    CompactData testCompact = CompactData.cache(testRows.rdd());
    StructType schema = new StructType()
        .add("label", DataTypes.DoubleType, false)
        .add("features", SQLDataTypes.VectorType(), false);
    Dataset<Row> frame = spark.createDataFrame(
        trainRows.map(t -> RowFactory.create(t._1(), t._2().asML())), schema)
        .persist(StorageLevel.MEMORY_ONLY());
    frame.count();
    LOG.info("Data {}: {} training rows ({} non-zeros, {} MB compact), {} test rows, {} "
        + "features, {} partitions", data, trainCompact.numRows(), trainCompact.nnz(),
        trainCompact.sizeInBytes() >> 20, testCompact.numRows(), dim,
        trainRows.getNumPartitions());
    return new Data(data, dim, trainRows, trainCompact, testCompact, frame);
  }

  private static JavaRDD<Tuple2<Object, Vector>> readFlights(SparkSession spark, String path) {
    return spark.read().parquet(path).select("label", "features").toJavaRDD()
        .map(r -> new Tuple2<>((Object) r.getDouble(0),
            Vectors.fromML((org.apache.spark.ml.linalg.Vector) r.get(1))));
  }

  /** Re-hashes every index into {@code dim} buckets (MurmurHash3), summing collisions. */
  private static JavaRDD<Tuple2<Object, Vector>> rehash(JavaRDD<Tuple2<Object, Vector>> in,
      int dim) {
    return in.map(t -> {
      org.apache.spark.mllib.linalg.SparseVector x = t._2().toSparse();
      long[] keyed = new long[x.indices().length];
      for (int k = 0; k < keyed.length; k++) {
        int i = Math.floorMod(Murmur3_x86_32.hashInt(x.indices()[k], 42), dim);
        keyed[k] = ((long) i << 32) | k;
      }
      Arrays.sort(keyed);
      int[] idx = new int[keyed.length];
      double[] val = new double[keyed.length];
      int n = 0;
      for (long key : keyed) {
        int i = (int) (key >>> 32);
        double v = x.values()[(int) key];
        if (n > 0 && idx[n - 1] == i) {
          val[n - 1] += v;
        } else {
          idx[n] = i;
          val[n++] = v;
        }
      }
      return new Tuple2<>(t._1(), Vectors.sparse(dim, Arrays.copyOf(idx, n),
          Arrays.copyOf(val, n)));
    });
  }

  // ---------------------------------------------------------------- 1. per iteration

  private void perIteration(Data d) {
    RMSPropOptimizer ours = new RMSPropOptimizer().setSampling(Sampling.PERMUTATION)
        .setConvergenceTol(0.0).setLogEvery(1000);
    double[] t = timePair(ours, d.trainCompact(), d.trainRows(), d.dim(), 1.0);
    double ratio = t[0] / t[1];
    results.add(new Result("1 seconds/iteration, full batch", d.name() + " 2^"
        + log2(d.dim()), "s/iter", "RMSProp (compact)", t[0], "GD + SimpleUpdater", t[1],
        ratio, "ours/GD <= 1.05", ratio <= 1.05 ? "yes" : "no", timingNote()));
  }

  private String timingNote() {
    return iterations + " iterations per run (plus the final-loss pass both make), after a "
        + "2-iteration warm-up of each; ours and GD alternate for " + rounds
        + " rounds; the fastest round of each";
  }

  /**
   * Seconds per iteration {@code {ours, GD}}: after a warm-up of each, the two alternate for
   * {@code rounds} rounds (so that a change of the machine's load hits both), and the fastest
   * round of each counts.
   */
  private double[] timePair(RMSPropOptimizer o, CompactData compact,
      JavaRDD<Tuple2<Object, Vector>> rowsRdd, int dim, double f) {
    o.setMiniBatchFraction(f);
    CompactRMSProp.optimize(o.copy().setNumIterations(2), compact, Vectors.zeros(dim), null);
    GradientDescent.runMiniBatchSGD(rowsRdd.rdd(), new LogisticGradient(), new SimpleUpdater(),
        1.0, 2, 0.0, f, Vectors.zeros(dim), 0.0);
    double ours = Double.POSITIVE_INFINITY;
    double gd = Double.POSITIVE_INFINITY;
    for (int r = 0; r < rounds; r++) {
      OptimizationResult res = CompactRMSProp.optimize(o.copy().setNumIterations(iterations),
          compact, Vectors.zeros(dim), null);
      ours = Math.min(ours, res.seconds() / iterations);
      long t0 = System.nanoTime();
      GradientDescent.runMiniBatchSGD(rowsRdd.rdd(), new LogisticGradient(),
          new SimpleUpdater(), 1.0, iterations, 0.0, f, Vectors.zeros(dim), 0.0);
      gd = Math.min(gd, (System.nanoTime() - t0) / 1e9 / iterations);
      LOG.info("Round {} at fraction {}: ours {} s/iter, GD {} s/iter (best so far)", r + 1, f,
          ours, gd);
    }
    return new double[] {ours, gd};
  }

  // ---------------------------------------------------------------- 2. mini-batch

  private void miniBatch(JavaSparkContext jsc, Data d) {
    int dim = minibatchFeatures;
    JavaRDD<Tuple2<Object, Vector>> big;
    if (d.name().equals("clicks")) {
      big = new ClickDataGenerator(seed, dim, ClickDataGenerator.DEFAULT_ZIPF_EXPONENT)
          .generate(jsc, 0, rows, partitions);
    } else {
      big = rehash(d.trainRows(), dim);
    }
    big = big.setName(d.name() + " 2^" + log2(dim)).persist(StorageLevel.MEMORY_ONLY());
    CompactData compact = CompactData.cache(big.rdd());
    RMSPropOptimizer ours = new RMSPropOptimizer().setSampling(Sampling.PERMUTATION)
        .setConvergenceTol(0.0).setLogEvery(1000);
    double[] t = timePair(ours, compact, big, dim, fraction);
    double oursSec = t[0];
    double gdSec = t[1];
    compact.unpersist();
    big.unpersist(false);
    double ratio = gdSec / oursSec;
    results.add(new Result("2 seconds/iteration, fraction " + fraction, d.name() + " 2^"
        + log2(dim), "s/iter", "RMSProp (permutation)", oursSec, "GD + SimpleUpdater", gdSec,
        ratio, "GD/ours >= 10", ratio >= 10 ? "yes" : "no",
        (d.name().equals("clicks") ? "generated at 2^" + log2(dim)
            : "flights indices re-hashed into 2^" + log2(dim)) + "; " + timingNote()));
  }

  // ---------------------------------------------------------------- 3. time to target

  /** Thrown by the progress hooks to end a run once the target or the budget is reached. */
  private static final class Stop extends RuntimeException {
    private static final long serialVersionUID = 1L;

    Stop() {
      super(null, null, false, false);
    }
  }

  /** Clock of one run that excludes the time spent evaluating the test loss. */
  private final class Progress {
    final long start = System.nanoTime();
    final double goal;
    final Data d;
    long excluded;
    double reachedAt = Double.NaN;
    double bestLoss = Double.POSITIVE_INFINITY;

    Progress(Data d, double goal) {
      this.d = d;
      this.goal = goal;
    }

    double elapsed() {
      return (System.nanoTime() - start - excluded) / 1e9;
    }

    void check(double[] w) {
      double now = elapsed();
      long t0 = System.nanoTime();
      double loss = testLoss(d, w);
      excluded += System.nanoTime() - t0;
      bestLoss = Math.min(bestLoss, loss);
      if (loss <= goal) {
        reachedAt = now;
        throw new Stop();
      }
      if (now > budgetSeconds) {
        throw new Stop();
      }
    }
  }

  private double testLoss(Data d, double[] w) {
    JavaSparkContext jsc = JavaSparkContext.fromSparkContext(
        d.testCompact().partitions().context());
    Broadcast<double[]> bw = jsc.broadcast(w);
    double[] s = CompactTreeSum.lossSum(d.testCompact().partitions(), GlmKernel.LOGISTIC, bw);
    bw.destroy();
    return s[0] / s[1];
  }

  private void timeToTarget(SparkSession spark, Data d) {
    LogisticRegression lr = new LogisticRegression().setFitIntercept(false)
        .setRegParam(regParam).setElasticNetParam(0.0).setStandardization(false)
        .setTol(1e-9).setMaxIter(lbfgsMaxIter);
    long t0 = System.nanoTime();
    LogisticRegressionModel best = lr.fit(d.trainFrame());
    double bestSeconds = (System.nanoTime() - t0) / 1e9;
    int bestIters = best.summary().totalIterations();
    double bestLoss = testLoss(d, best.coefficients().toArray());
    double goal = bestLoss * (1.0 + targetGap);
    LOG.info("L-BFGS reference: test log-loss {} after {} iterations, {} s; goal {}", bestLoss,
        bestIters, bestSeconds, goal);

    double[] lbfgs = lbfgsTimeToGoal(lr, d, goal, bestIters);
    double ours = Double.POSITIVE_INFINITY;
    String oursNote = "";
    for (double step : rmspropSteps) {
      Progress p = new Progress(d, goal);
      int evalEvery = Math.max(1, (int) Math.round(0.1 / fraction));
      RMSPropOptimizer o = new RMSPropOptimizer().setSampling(Sampling.PERMUTATION)
          .setStepSize(step).setMiniBatchFraction(fraction).setNumIterations(1_000_000)
          .setConvergenceTol(0.0).setSeed(seed).setLogEvery(1000).setRegParam(regParam);
      try {
        CompactRMSProp.optimize(o, d.trainCompact(), Vectors.zeros(d.dim()),
            (iter, loss, w) -> {
              if (iter % evalEvery == 0) {
                p.check(w);
              }
            });
      } catch (Stop e) {
        // reached the goal or the budget
      }
      LOG.info("RMSProp lr {}: reached {} at {} s (best test loss {})", step, goal, p.reachedAt,
          p.bestLoss);
      oursNote += String.format(Locale.ROOT, "lr %s: %s; ", step, describe(p));
      if (p.reachedAt < ours) {
        ours = p.reachedAt;
      }
    }
    double sgd = Double.POSITIVE_INFINITY;
    String sgdNote = "";
    for (double step : sgdSteps) {
      Progress p = new Progress(d, goal);
      int evalEvery = 5;
      Updater hooked = new SquaredL2Updater() {
        private static final long serialVersionUID = 1L;

        @Override
        public Tuple2<Vector, Object> compute(Vector weightsOld, Vector gradient,
            double stepSize, int iter, double regParam) {
          Tuple2<Vector, Object> r = super.compute(weightsOld, gradient, stepSize, iter,
              regParam);
          if (iter % evalEvery == 0) {
            p.check(r._1().toArray());
          }
          return r;
        }
      };
      try {
        GradientDescent.runMiniBatchSGD(d.trainRows().rdd(), new LogisticGradient(), hooked,
            step, 1_000_000, regParam, sgdFraction, Vectors.zeros(d.dim()), 0.0);
      } catch (Stop e) {
        // reached the goal or the budget
      }
      LOG.info("SGD step {}: reached {} at {} s (best test loss {})", step, goal, p.reachedAt,
          p.bestLoss);
      sgdNote += String.format(Locale.ROOT, "step %s: %s; ", step, describe(p));
      if (p.reachedAt < sgd) {
        sgd = p.reachedAt;
      }
    }
    String name = d.name() + " 2^" + log2(d.dim());
    String gap = String.format(Locale.ROOT, "%.4f", goal);
    double r1 = ours / lbfgs[0];
    results.add(new Result("3 seconds to test log-loss " + gap, name, "s", "RMSProp", ours,
        "L-BFGS (spark.ml)", lbfgs[0], r1, "ours/L-BFGS <= 0.5", r1 <= 0.5 ? "yes" : "no",
        String.format(Locale.ROOT, "best L-BFGS loss %.5f (%d iterations, %.1f s); "
            + "L-BFGS reaches the goal at maxIter %d; regParam %s; RMSProp fraction %s, %s",
            bestLoss, bestIters, bestSeconds, (int) lbfgs[1], regParam, fraction, oursNote)));
    double r2 = ours / sgd;
    results.add(new Result("3 seconds to test log-loss " + gap, name, "s", "RMSProp", ours,
        "MLlib SGD", sgd, r2, "ours/SGD <= 0.2", r2 <= 0.2 ? "yes" : "no",
        "SGD fraction " + sgdFraction + ", budget " + budgetSeconds + " s per step size; "
            + sgdNote));
  }

  private String describe(Progress p) {
    return Double.isNaN(p.reachedAt)
        ? String.format(Locale.ROOT, "not reached in %.0f s (best %.5f)", budgetSeconds,
            p.bestLoss)
        : String.format(Locale.ROOT, "%.1f s", p.reachedAt);
  }

  /** {seconds, maxIter} of the cheapest L-BFGS fit whose test loss reaches {@code goal}. */
  private double[] lbfgsTimeToGoal(LogisticRegression base, Data d, double goal, int maxIters) {
    int lo = 0;
    int hi = -1;
    double hiSeconds = Double.NaN;
    int k = 4;
    while (hi < 0) {
      k = Math.min(k, maxIters);
      double[] r = lbfgsFit(base, d, k);
      if (r[1] <= goal) {
        hi = k;
        hiSeconds = r[0];
      } else if (k >= maxIters) {
        return new double[] {Double.POSITIVE_INFINITY, maxIters};
      } else {
        lo = k;
        k *= 2;
      }
    }
    while (hi - lo > 1 && hi - lo > hi / 4) {
      int mid = (lo + hi) / 2;
      double[] r = lbfgsFit(base, d, mid);
      if (r[1] <= goal) {
        hi = mid;
        hiSeconds = r[0];
      } else {
        lo = mid;
      }
    }
    return new double[] {hiSeconds, hi};
  }

  private double[] lbfgsFit(LogisticRegression base, Data d, int maxIter) {
    long t0 = System.nanoTime();
    LogisticRegressionModel m = base.copy(new org.apache.spark.ml.param.ParamMap())
        .setMaxIter(maxIter).fit(d.trainFrame());
    double seconds = (System.nanoTime() - t0) / 1e9;
    double loss = testLoss(d, m.coefficients().toArray());
    LOG.info("L-BFGS maxIter {}: {} s, test log-loss {}", maxIter, seconds, loss);
    return new double[] {seconds, loss};
  }

  // ---------------------------------------------------------------- 4. floor

  private void floor(JavaSparkContext jsc, Data d) throws Exception {
    int dim = d.dim();
    double[] w = new double[dim];
    MiniBatchPlan full = new MiniBatchPlan(1.0, seed);
    double fill = SparseGradientSum.DEFAULT_FILL_THRESHOLD;
    int reps = 5;
    List<CsrPartition> parts = d.trainCompact().partitions().collect();
    int threads = Math.min(Runtime.getRuntime().availableProcessors(), parts.size());
    ExecutorService pool = Executors.newFixedThreadPool(threads);
    double[] spark = new double[reps];
    double[] plain = new double[reps];
    try {
      for (int r = 0; r < reps + 1; r++) {
        long t0 = System.nanoTime();
        Broadcast<double[]> bw = jsc.broadcast(w.clone());
        CompactTreeSum.sum(d.trainCompact().partitions(), dim, GlmKernel.LOGISTIC,
            WeightSource.of(bw), full, 1, 2, fill);
        bw.destroy();
        long t1 = System.nanoTime();
        List<Future<SparseGradientSum>> futures = new ArrayList<>();
        for (int p = 0; p < parts.size(); p++) {
          int index = p;
          futures.add(pool.submit(() -> CompactTreeSum.partitionSum(parts.get(index), index,
              dim, GlmKernel.LOGISTIC, w, full, 1, fill)));
        }
        SparseGradientSum total = null;
        for (Future<SparseGradientSum> f : futures) {
          total = total == null ? f.get() : total.merge(f.get());
        }
        long t2 = System.nanoTime();
        if (r > 0) {
          spark[r - 1] = (t1 - t0) / 1e9;
          plain[r - 1] = (t2 - t1) / 1e9;
        }
      }
    } finally {
      pool.shutdown();
    }
    double s = median(spark);
    double p = median(plain);
    results.add(new Result("4 one gradient pass vs plain Java loop", d.name() + " 2^"
        + log2(dim), "s", "Spark pass (compact)", s, "plain Java, " + threads + " threads", p,
        s / p, "<= 2", s / p <= 2 ? "yes" : "no", "median of " + reps
        + " alternating pairs after a warm-up; "
        + d.trainCompact().numRows() + " rows"));
  }

  // ---------------------------------------------------------------- 5. memory

  private void memory() throws IOException, InterruptedException {
    for (int bits : memoryBits) {
      DriverMemoryProbe.Measurement m = DriverMemoryProbe.runInChildJvm(bits, seed);
      double mib = m.peakAboveBaselineBytes() / (1024.0 * 1024.0);
      double stateMib = 8.0 * 4 * (1L << bits) / (1024.0 * 1024.0);
      results.add(new Result("5 driver heap above baseline", "clicks 2^" + bits, "MiB",
          "RMSProp (compact, lazy)", mib, "w + v + snapshot + replica (4 x 8 B x dim)", stateMib,
          mib / 1024.0, "< 1024 MiB at 2^24", bits == 24 ? (mib < 1024 ? "yes" : "no") : "",
          String.format(Locale.ROOT, "baseline %.0f MiB; peak live heap (full GC after every "
              + "iteration); separate JVM, local[2]; %s", m.baselineBytes() / 1048576.0,
              m.note())));
    }
  }

  // ---------------------------------------------------------------- 6. fill

  private void fill() {
    int dim = fillDimension;
    for (double f : new double[] {0.01, 0.05, 0.1, 0.2, 0.3, 0.5, 0.7}) {
      double[] t = FillThresholdProbe.time(dim, f, 4, 5, seed);
      results.add(new Result("6 send + merge 4 partial sums",
          "fill " + f + " of 2^" + log2(dim), "s",
          "sparse", t[0], "dense", t[1], t[0] / t[1], "sparse/dense < 1 below the threshold "
          + SparseGradientSum.DEFAULT_FILL_THRESHOLD, "", "Java serialization round trip and "
          + "in-order merge, best of 5"));
    }
  }

  // ---------------------------------------------------------------- report

  private void write(String loadBefore, String loadAfter, double seconds) throws IOException {
    Path dir = Paths.get(output);
    Files.createDirectories(dir);
    StringBuilder md = new StringBuilder();
    md.append("# Benchmark\n\n");
    md.append(String.format(Locale.ROOT, "Data %s, %d partitions, %d cores, %.0f s in all; "
        + "load average (1, 5, 15 min) %s at the start, %s at the end.%n%n", data, partitions,
        Runtime.getRuntime().availableProcessors(), seconds, loadBefore, loadAfter));
    md.append("| measurement | data | unit | ours | value | baseline | value | ratio | target "
        + "| met | note |\n");
    md.append("|---|---|---|---|---|---|---|---|---|---|---|\n");
    StringBuilder csv = new StringBuilder("measurement,data,unit,ours,ours_value,baseline,"
        + "baseline_value,ratio,target,met,note\n");
    for (Result r : results) {
      md.append(String.format(Locale.ROOT, "| %s | %s | %s | %s | %s | %s | %s | %s | %s | %s "
          + "| %s |%n", r.measurement(), r.data(), r.metric(), r.ours(), num(r.oursValue()),
          r.baseline(), num(r.baselineValue()), num(r.ratio()), r.target(), r.met(),
          r.note().replace("|", "/")));
      csv.append(String.join(",", quote(r.measurement()), quote(r.data()), quote(r.metric()),
          quote(r.ours()), num(r.oursValue()), quote(r.baseline()), num(r.baselineValue()),
          num(r.ratio()), quote(r.target()), quote(r.met()), quote(r.note()))).append('\n');
    }
    Files.writeString(dir.resolve("benchmark.md"), md, StandardCharsets.UTF_8);
    Files.writeString(dir.resolve("benchmark.csv"), csv, StandardCharsets.UTF_8);
    chart(dir.resolve("benchmark.png").toFile());
    System.out.printf(Locale.ROOT, "Benchmark wrote %s%n%s", dir.toAbsolutePath(), md);
  }

  private void chart(File file) throws IOException {
    System.setProperty("java.awt.headless", "true");
    DefaultCategoryDataset ds = new DefaultCategoryDataset();
    for (Result r : results) {
      if (r.metric().equals("MiB") || r.measurement().startsWith("6")) {
        continue;
      }
      String category = r.measurement().substring(0, 1) + " " + r.data() + " vs "
          + r.baseline();
      if (Double.isFinite(r.oursValue()) && r.oursValue() > 0) {
        ds.addValue(r.oursValue(), "RMSProp (ours)", category);
      }
      if (Double.isFinite(r.baselineValue()) && r.baselineValue() > 0) {
        ds.addValue(r.baselineValue(), "baseline", category);
      }
    }
    JFreeChart chart = ChartFactory.createBarChart("RMSProp fast path vs MLlib (" + data + ")",
        null, "seconds (log scale)", ds, PlotOrientation.HORIZONTAL, true, false, false);
    CategoryPlot plot = chart.getCategoryPlot();
    LogAxis axis = new LogAxis("seconds (log scale)");
    axis.setSmallestValue(1e-4);
    plot.setRangeAxis(axis);
    ChartUtils.saveChartAsPNG(file, chart, 1000, 120 + 60 * Math.max(1, ds.getColumnCount()));
  }

  // ---------------------------------------------------------------- helpers

  private void validate() {
    if (!data.equals("flights") && !data.equals("clicks")) {
      throw new ParameterException(spec.commandLine(),
          "--data must be flights or clicks but was " + data);
    }
    for (String m : measure) {
      if (!MEASUREMENTS.contains(m)) {
        throw new ParameterException(spec.commandLine(),
            "--measure must name some of " + MEASUREMENTS + " but had " + m);
      }
    }
    if (!(fraction > 0.0 && fraction <= 1.0)) {
      throw new ParameterException(spec.commandLine(),
          "--fraction must be in (0, 1] but was " + fraction);
    }
    if (iterations < 1 || partitions < 1 || rows < 1 || features < 1) {
      throw new ParameterException(spec.commandLine(),
          "--iterations, --partitions, --rows and --features must be at least 1");
    }
  }

  static SparkConf sparkConf() {
    SparkConf conf = new SparkConf().setAppName("Benchmark");
    if (!conf.contains("spark.master")) {
      conf.setMaster("local[*]");
    }
    if (conf.get("spark.master").startsWith("local")) {
      conf.setIfMissing("spark.driver.host", "127.0.0.1");
      conf.setIfMissing("spark.driver.bindAddress", "127.0.0.1");
    }
    return conf;
  }

  static String loadAverage() {
    try {
      String s = Files.readString(Paths.get("/proc/loadavg")).trim();
      String[] parts = s.split("\\s+");
      return parts[0] + ", " + parts[1] + ", " + parts[2];
    } catch (IOException | RuntimeException e) {
      return String.format(Locale.ROOT, "%.2f",
          java.lang.management.ManagementFactory.getOperatingSystemMXBean()
              .getSystemLoadAverage());
    }
  }

  private static int log2(int n) {
    return 31 - Integer.numberOfLeadingZeros(n);
  }

  private static double median(double[] a) {
    double[] s = a.clone();
    Arrays.sort(s);
    return s[s.length / 2];
  }

  private static String num(double v) {
    if (Double.isNaN(v)) {
      return "";
    }
    if (Double.isInfinite(v)) {
      return "inf";
    }
    return String.format(Locale.ROOT, Math.abs(v) >= 100 ? "%.1f" : "%.4g", v);
  }

  private static String quote(String s) {
    return "\"" + s.replace("\"", "\"\"") + "\"";
  }
}
