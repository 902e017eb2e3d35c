package io.github.sparkrmsprop.optimization;

import io.github.sparkrmsprop.checkpoint.Checkpoint;
import io.github.sparkrmsprop.checkpoint.CheckpointStore;
import io.github.sparkrmsprop.update.Checks;
import io.github.sparkrmsprop.update.CommonConfig;
import io.github.sparkrmsprop.update.EpsilonPlacement;
import io.github.sparkrmsprop.update.LearningRateSchedule;
import io.github.sparkrmsprop.update.RMSProp;
import io.github.sparkrmsprop.update.RMSPropConfig;
import io.github.sparkrmsprop.update.UpdateRule;
import io.github.sparkrmsprop.update.UpdateState;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Objects;
import java.util.function.UnaryOperator;
import org.apache.spark.api.java.JavaSparkContext;
import org.apache.spark.broadcast.Broadcast;
import org.apache.spark.mllib.linalg.Vector;
import org.apache.spark.mllib.linalg.Vectors;
import org.apache.spark.mllib.optimization.Gradient;
import org.apache.spark.mllib.optimization.LogisticGradient;
import org.apache.spark.mllib.optimization.Optimizer;
import org.apache.spark.rdd.RDD;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import scala.Tuple2;

/**
 * A distributed first-order loop, as an MLlib {@link Optimizer} over
 * {@code RDD[(label, features)]}, running RMSProp by default or any other {@link UpdateRule}
 * ({@code SGD}, {@code AdaGrad}, {@code Adam}) given to {@link #setUpdateRule}.
 *
 * <p>Each iteration: broadcast the weights; on the executors, sum the loss and gradient of
 * every example of the mini-batch with the configured MLlib {@link Gradient}, merged in a
 * tree of depth {@code aggregationDepth} in a fixed order ({@link OrderedTreeSum}), so the
 * same data and partitioning give bit-identical weights; on the driver, divide by the
 * number of examples, add the regularization term to the loss, and apply one step of the rule
 * (for the default, the one written in {@link RMSProp}). Rows whose label is a
 * {@link WeightedLabel} (which need a {@link WeightedGradient}) count with their weight: the
 * sums are divided by the mini-batch's total weight, which is its number of rows when every
 * label is a plain {@code Double}. The mini-batch of iteration {@code i} is
 * {@code data.sample(false, miniBatchFraction, seed + i)}, the draw MLlib's
 * {@code GradientDescent} makes with its fixed seed 42, so both see the same examples; with
 * fraction 1 the whole data set is used. Sparse features stay sparse: the gradients read
 * them through MLlib's sparse-aware BLAS.
 *
 * <p>{@link #setSampling setSampling(PERMUTATION)} switches to the sparse fast path of
 * {@link CompactRMSProp} (binary logistic and least squares only): compact cached rows,
 * permutation mini-batches of O(batch) cost, sparse gradient sums and lazy driver steps.
 * It is opt-in because its mini-batches differ from {@code GradientDescent}'s; with
 * miniBatchFraction 1 both paths give the same weights to 1e-12.
 *
 * <p>Stopping: after {@code numIterations} updates and one more pass that records the loss
 * of the final weights, as {@code GradientDescent} does ({@link StopReason#MAX_ITERATIONS}); when
 * {@code ||w_new - w_old|| < convergenceTol * max(||w_new||, 1)}, the test of
 * {@code GradientDescent} ({@link StopReason#CONVERGED}); or when the loss, the gradient or the
 * new weights are not finite ({@link StopReason#DIVERGED}, keeping the last finite weights).
 * {@link #optimize} throws on divergence; {@link #optimizeWithResult} returns it as a value.
 *
 * <p>Rules: the rule is one immutable value holding all its hyperparameters.
 * {@link #setUpdateRule} replaces it whole, its learning rate and regularization included, so
 * call the shared setters ({@link #setStepSize}, {@link #setRegParam},
 * {@link #setElasticNetParam}, {@link #setSchedule}, {@link #setInterceptStride}) after it;
 * they change the current rule, whatever it is. The RMSProp setters ({@link #setDecay},
 * {@link #setEpsilon}, {@link #setEpsilonPlacement}, {@link #setCentered}, {@link #setMomentum},
 * {@link #setInitialAccumulator}) and {@link #getConfig()} apply only while the rule is
 * RMSProp and throw {@link IllegalStateException} otherwise; configure another rule through
 * its own config (e.g. {@code AdamConfig}) before handing it over.
 *
 * <p>Defaults: gradient {@code LogisticGradient}, rule RMSProp with the defaults of
 * {@link RMSPropConfig} (stepSize 0.01), numIterations 100, miniBatchFraction 1,
 * convergenceTol 1e-6, regParam 0, elasticNetParam 0, seed 42, aggregationDepth 2,
 * logEvery 10, sampling BERNOULLI.
 *
 * <p>Memory: the driver holds the weights, a copy of the previous weights, the averaged
 * gradient and the rule's state: three dense vectors of the model's size plus the state's
 * (none for SGD, one for AdaGrad, one to three for RMSProp, two or three for Adam), i.e. 24
 * to 48 bytes per weight. Each task holds the broadcast weights and one dense gradient sum.
 *
 * <p>State ownership: each call to {@code optimize} starts from a fresh state of the rule
 * ({@link UpdateRule#newState}); nothing carries over between calls. {@link #copy()} copies
 * the configuration only, and shares the immutable rule.
 */
public class RMSPropOptimizer implements Optimizer {

  private static final long serialVersionUID = 1L;
  private static final Logger LOG = LoggerFactory.getLogger(RMSPropOptimizer.class);

  /** Default number of iterations. */
  public static final int DEFAULT_NUM_ITERATIONS = 100;
  /** Default convergence tolerance on the relative change of the weights. */
  public static final double DEFAULT_CONVERGENCE_TOL = 1e-6;
  /** Default seed of the mini-batch draws, the one MLlib's GradientDescent uses. */
  public static final long DEFAULT_SEED = 42L;
  /** Default depth of the aggregation tree. */
  public static final int DEFAULT_AGGREGATION_DEPTH = 2;
  /** How many of the newest checkpoints are kept in the checkpoint directory. */
  public static final int CHECKPOINTS_KEPT = 2;
  private static final String WEIGHTS = "weights";
  private static final String LOSSES = "lossHistory";

  /** Default interval, in iterations, of the INFO progress line. */
  public static final int DEFAULT_LOG_EVERY = 10;

  private Gradient gradient = new LogisticGradient();
  private UpdateRule<?> rule = new RMSProp(RMSPropConfig.defaults());
  private int numIterations = DEFAULT_NUM_ITERATIONS;
  private double miniBatchFraction = 1.0;
  private double convergenceTol = DEFAULT_CONVERGENCE_TOL;
  private long seed = DEFAULT_SEED;
  private int aggregationDepth = DEFAULT_AGGREGATION_DEPTH;
  private int logEvery = DEFAULT_LOG_EVERY;
  private String checkpointDir;
  private int checkpointInterval = 0;
  private boolean resume = false;
  private Sampling sampling = Sampling.BERNOULLI;

  /** The loss and its gradient: any MLlib {@link Gradient}. Default LogisticGradient. */
  public RMSPropOptimizer setGradient(Gradient gradient) {
    this.gradient = Objects.requireNonNull(gradient, "gradient");
    return this;
  }

  /**
   * Replaces the update rule with {@code rule}, all its hyperparameters included (learning
   * rate, schedule, regularization, intercept layout). Default RMSProp with its defaults.
   */
  public RMSPropOptimizer setUpdateRule(UpdateRule<?> rule) {
    this.rule = Objects.requireNonNull(rule, "rule");
    return this;
  }

  /** Makes the rule RMSProp with {@code config}, replacing the whole rule. */
  public RMSPropOptimizer setConfig(RMSPropConfig config) {
    return setUpdateRule(new RMSProp(Objects.requireNonNull(config, "config")));
  }

  /** Base learning rate of the current rule, in (0, inf). Default 0.01 (RMSProp's). */
  public RMSPropOptimizer setStepSize(double stepSize) {
    return changeCommon(c -> c.withLearningRate(stepSize));
  }

  /** Number of iterations, in [1, inf). Default 100. */
  public RMSPropOptimizer setNumIterations(int numIterations) {
    Checks.atLeast("numIterations", numIterations, 1);
    this.numIterations = numIterations;
    return this;
  }

  /** Fraction of the data in each mini-batch, in (0, 1]. Default 1. */
  public RMSPropOptimizer setMiniBatchFraction(double fraction) {
    Checks.inOpenClosed("miniBatchFraction", fraction, 0.0, 1.0);
    this.miniBatchFraction = fraction;
    return this;
  }

  /** Relative weight-change tolerance, in [0, inf); 0 never stops early. Default 1e-6. */
  public RMSPropOptimizer setConvergenceTol(double tol) {
    Checks.nonNegative("convergenceTol", tol);
    this.convergenceTol = tol;
    return this;
  }

  /** Regularization strength, in [0, inf). Default 0. */
  public RMSPropOptimizer setRegParam(double regParam) {
    return changeCommon(c -> c.withRegParam(regParam));
  }

  /** Elastic-net mixing, in [0, 1]: 0 is L2, 1 is L1. Default 0. */
  public RMSPropOptimizer setElasticNetParam(double alpha) {
    return changeCommon(c -> c.withElasticNetParam(alpha));
  }

  /** Decay {@code rho} of the moving averages, in [0, 1). Default 0.9.RMSProp only. */
  public RMSPropOptimizer setDecay(double decay) {
    return setConfig(rmspropConfig("setDecay").toBuilder().decay(decay).build());
  }

  /** Epsilon, in [0, inf). Default 1e-8.RMSProp only. */
  public RMSPropOptimizer setEpsilon(double epsilon) {
    return setConfig(rmspropConfig("setEpsilon").toBuilder().epsilon(epsilon).build());
  }

  /** Where epsilon sits in the denominator. Default OUTSIDE_SQRT.RMSProp only. */
  public RMSPropOptimizer setEpsilonPlacement(EpsilonPlacement placement) {
    return setConfig(rmspropConfig("setEpsilonPlacement").toBuilder()
        .epsilonPlacement(placement).build());
  }

  /** Centered RMSProp. Default false.RMSProp only. */
  public RMSPropOptimizer setCentered(boolean centered) {
    return setConfig(rmspropConfig("setCentered").toBuilder().centered(centered).build());
  }

  /** Momentum, in [0, 1). Default 0.RMSProp only. */
  public RMSPropOptimizer setMomentum(double momentum) {
    return setConfig(rmspropConfig("setMomentum").toBuilder().momentum(momentum).build());
  }

  /** Initial squared-gradient average, in [0, inf). Default 0.RMSProp only. */
  public RMSPropOptimizer setInitialAccumulator(double value) {
    return setConfig(rmspropConfig("setInitialAccumulator").toBuilder()
        .initialAccumulator(value).build());
  }

  /** Learning-rate schedule. Default constant. */
  public RMSPropOptimizer setSchedule(LearningRateSchedule schedule) {
    return changeCommon(c -> c.withSchedule(schedule));
  }

  /** Intercept layout, see {@link CommonConfig}. Default 0, no intercept. */
  public RMSPropOptimizer setInterceptStride(int stride) {
    return changeCommon(c -> c.withInterceptStride(stride));
  }

  /** Seed of the mini-batch draws. Default 42. */
  public RMSPropOptimizer setSeed(long seed) {
    this.seed = seed;
    return this;
  }

  /** Depth of the aggregation tree, in [1, inf). Default 2. */
  public RMSPropOptimizer setAggregationDepth(int depth) {
    Checks.atLeast("aggregationDepth", depth, 1);
    this.aggregationDepth = depth;
    return this;
  }

  /** Interval in iterations of the INFO progress line, in [1, inf). Default 10. */
  public RMSPropOptimizer setLogEvery(int every) {
    Checks.atLeast("logEvery", every, 1);
    this.logEvery = every;
    return this;
  }

  public Gradient getGradient() {
    return gradient;
  }

  /** The update rule. */
  public UpdateRule<?> getUpdateRule() {
    return rule;
  }

  /**
   * The RMSProp configuration.
   *
   * @throws IllegalStateException when the rule is not RMSProp; see {@link #getUpdateRule()}
   */
  public RMSPropConfig getConfig() {
    return rmspropConfig("getConfig");
  }

  public int getNumIterations() {
    return numIterations;
  }

  public double getMiniBatchFraction() {
    return miniBatchFraction;
  }

  public double getConvergenceTol() {
    return convergenceTol;
  }

  public long getSeed() {
    return seed;
  }

  public int getAggregationDepth() {
    return aggregationDepth;
  }

  /**
   * Directory, on any Hadoop file system, for checkpoints of the run (see
   * {@link CheckpointStore}); null for none. Default null.
   */
  public RMSPropOptimizer setCheckpointDir(String dir) {
    this.checkpointDir = dir;
    return this;
  }

  /**
   * Write a checkpoint after every {@code n} updates, in [0, inf); 0 writes none. Needs a
   * checkpoint directory. Default 0.
   */
  public RMSPropOptimizer setCheckpointInterval(int n) {
    Checks.atLeast("checkpointInterval", n, 0);
    this.checkpointInterval = n;
    return this;
  }

  /**
   * Start from the newest checkpoint in the checkpoint directory when there is one. The
   * checkpoint must come from a run with the same loss, update rule and hyperparameters,
   * model size, mini-batch fraction and seed, or training is refused with what differs; the
   * number of iterations may grow. Default false.
   */
  public RMSPropOptimizer setResume(boolean resume) {
    this.resume = resume;
    return this;
  }

  public String getCheckpointDir() {
    return checkpointDir;
  }

  public int getCheckpointInterval() {
    return checkpointInterval;
  }

  public boolean getResume() {
    return resume;
  }

  public int getLogEvery() {
    return logEvery;
  }

  /**
   * How mini-batches are drawn, and with it which loop runs: {@link Sampling#BERNOULLI}
   * (MLlib's draw, any gradient) or {@link Sampling#PERMUTATION} (the sparse fast path of
   * {@link CompactRMSProp}, binary logistic or least squares only). Default BERNOULLI.
   */
  public RMSPropOptimizer setSampling(Sampling sampling) {
    this.sampling = Objects.requireNonNull(sampling, "sampling");
    return this;
  }

  public Sampling getSampling() {
    return sampling;
  }

  /** A new optimizer with the same configuration (the gradient object is shared). */
  public RMSPropOptimizer copy() {
    return new RMSPropOptimizer()
        .setGradient(gradient)
        .setUpdateRule(rule)
        .setNumIterations(numIterations)
        .setMiniBatchFraction(miniBatchFraction)
        .setConvergenceTol(convergenceTol)
        .setSeed(seed)
        .setAggregationDepth(aggregationDepth)
        .setLogEvery(logEvery)
        .setCheckpointDir(checkpointDir)
        .setCheckpointInterval(checkpointInterval)
        .setResume(resume)
        .setSampling(sampling);
  }

  /**
   * Trains and returns the final weights.
   *
   * @throws IllegalStateException when training diverged, naming the iteration
   */
  @Override
  public Vector optimize(RDD<Tuple2<Object, Vector>> data, Vector initialWeights) {
    OptimizationResult result = optimizeWithResult(data, initialWeights);
    if (result.stopReason() == StopReason.DIVERGED) {
      throw new IllegalStateException(result.message());
    }
    return result.weights();
  }

  /** Trains and returns the weights with the loss history and why it stopped. */
  public OptimizationResult optimizeWithResult(RDD<Tuple2<Object, Vector>> data,
      Vector initialWeights) {
    if (sampling == Sampling.PERMUTATION) {
      return CompactRMSProp.optimize(this, data, initialWeights);
    }
    return run(rule, data, initialWeights);
  }

  private <S extends UpdateState> OptimizationResult run(UpdateRule<S> rule,
      RDD<Tuple2<Object, Vector>> data, Vector initialWeights) {
    long start = System.nanoTime();
    double[] w = initialWeights.toArray().clone();
    requireFinite(w);
    int dim = w.length;
    S state = rule.newState(dim);
    JavaSparkContext jsc = JavaSparkContext.fromSparkContext(data.context());
    Gradient grad = gradient;
    int depth = aggregationDepth;
    String name = rule.name();
    LOG.info("{}: {} weights, {} partitions, {} iterations, miniBatchFraction {}, "
        + "gradient {}, {}", name, dim, data.getNumPartitions(), numIterations,
        miniBatchFraction, grad.getClass().getSimpleName(), rule);

    double[] history = new double[numIterations + 1];
    int recorded = 0;
    int updates = 0;
    int firstIteration = 1;
    CheckpointStore store = checkpointStore(data);
    Map<String, String> description = describeRun(rule, dim);
    Checkpoint saved = resume && store != null ? store.readLatest() : null;
    if (saved != null) {
      String difference = saved.differenceFrom(description);
      if (difference != null) {
        throw new IllegalArgumentException("cannot resume from the checkpoint of iteration "
            + saved.iteration() + " in " + checkpointDir + ": " + difference);
      }
      Map<String, double[]> arrays = new LinkedHashMap<>(saved.arrays());
      double[] savedWeights = arrays.remove(WEIGHTS);
      double[] savedLosses = arrays.remove(LOSSES);
      if (savedWeights == null || savedLosses == null
          || savedLosses.length > history.length) {
        throw new IllegalArgumentException("the checkpoint of iteration " + saved.iteration()
            + " in " + checkpointDir + " lacks the weights or the loss history, or has more "
            + "losses than numIterations + 1 = " + history.length);
      }
      state.restore(arrays, saved.steps());
      System.arraycopy(savedWeights, 0, w, 0, dim);
      System.arraycopy(savedLosses, 0, history, 0, savedLosses.length);
      recorded = savedLosses.length;
      updates = (int) state.steps();
      firstIteration = (int) saved.iteration() + 1;
      LOG.info("Resumed from the checkpoint of iteration {} ({} updates) in {}",
          saved.iteration(), updates, checkpointDir);
    } else if (resume) {
      LOG.info("No checkpoint in {}; starting from the first iteration", checkpointDir);
    }
    StopReason reason = StopReason.MAX_ITERATIONS;
    String message = null;
    double[] previous = new double[dim];
    for (int iter = firstIteration; iter <= numIterations + 1; iter++) {
      Broadcast<Vector> bc = jsc.broadcast(Vectors.dense(w.clone()));
      RDD<Tuple2<Object, Vector>> batch = miniBatchFraction < 1.0
          ? data.sample(false, miniBatchFraction, seed + iter) : data;
      GradientSum sum = OrderedTreeSum.sum(batch.toJavaRDD(), dim, grad, bc, depth);
      bc.destroy();

      if (sum.count == 0) {
        LOG.warn("Iteration {}: the mini-batch is empty (miniBatchFraction {}); no update made",
            iter, miniBatchFraction);
        continue;
      }
      if (!(sum.weightSum > 0.0)) {
        LOG.warn("Iteration {}: the mini-batch's instance weights sum to {}; no update made",
            iter, sum.weightSum);
        continue;
      }
      double loss = sum.loss / sum.weightSum + rule.regularization(w);
      history[recorded++] = loss;
      double[] g = sum.gradient;
      for (int i = 0; i < dim; i++) {
        g[i] /= sum.weightSum;
      }
      if (!Double.isFinite(loss) || !allFinite(g)) {
        reason = StopReason.DIVERGED;
        message = divergedMessage(rule, iter, Double.isFinite(loss) ? "gradient" : "loss");
        break;
      }
      if (iter == numIterations + 1) {
        break;
      }

      System.arraycopy(w, 0, previous, 0, dim);
      rule.step(w, g, state);
      if (!allFinite(w)) {
        System.arraycopy(previous, 0, w, 0, dim);
        reason = StopReason.DIVERGED;
        message = divergedMessage(rule, iter, "weights");
        break;
      }
      updates++;
      logProgress(iter, loss, start);
      if (store != null && checkpointInterval > 0 && updates % checkpointInterval == 0) {
        Map<String, double[]> arrays = new LinkedHashMap<>();
        arrays.put(WEIGHTS, w.clone());
        arrays.put(LOSSES, Arrays.copyOf(history, recorded));
        state.copy().arrays().forEach(arrays::put);
        store.write(new Checkpoint(iter, state.steps(), description, arrays));
      }

      if (convergenceTol > 0.0 && updates > 1 && converged(previous, w)) {
        reason = StopReason.CONVERGED;
        break;
      }
    }

    double seconds = (System.nanoTime() - start) / 1e9;
    if (message == null) {
      message = reason == StopReason.CONVERGED
          ? "converged after " + updates + " iterations (tolerance " + convergenceTol + ")"
          : "ran the maximum of " + numIterations + " iterations";
    }
    double[] losses = Arrays.copyOf(history, recorded);
    if (reason == StopReason.DIVERGED) {
      LOG.warn("{} stopped: {}", name, message);
    }
    LOG.info("{} finished: {} iterations, final loss {}, stopped because {}, {} s",
        name, updates, recorded == 0 ? Double.NaN : losses[recorded - 1], message,
        String.format("%.3f", seconds));
    return new OptimizationResult(Vectors.dense(w), losses, updates, reason, message, seconds,
        state);
  }

  private CheckpointStore checkpointStore(RDD<?> data) {
    if (checkpointDir == null) {
      if (checkpointInterval > 0 || resume) {
        throw new IllegalArgumentException("checkpointInterval " + checkpointInterval
            + " and resume " + resume + " need a checkpoint directory (setCheckpointDir)");
      }
      return null;
    }
    return new CheckpointStore(checkpointDir, data.context().hadoopConfiguration(),
        CHECKPOINTS_KEPT);
  }

  /** What a checkpoint must share with this run to be resumed by it. */
  private Map<String, String> describeRun(UpdateRule<?> rule, int dim) {
    Map<String, String> run = new LinkedHashMap<>();
    run.put("numWeights", Integer.toString(dim));
    run.put("gradient", gradient.getClass().getName());
    run.put("updateRule", rule.toString());
    run.put("miniBatchFraction", Double.toString(miniBatchFraction));
    run.put("seed", Long.toString(seed));
    return run;
  }

  private void logProgress(int iter, double loss, long start) {
    if (iter % logEvery == 0 || iter == 1) {
      LOG.info("Iteration {}: loss {}, {} s", iter, loss,
          String.format("%.2f", (System.nanoTime() - start) / 1e9));
    } else if (LOG.isDebugEnabled()) {
      LOG.debug("Iteration {}: loss {}", iter, loss);
    }
  }

  private boolean converged(double[] previous, double[] current) {
    double diff = 0.0;
    double norm = 0.0;
    for (int i = 0; i < current.length; i++) {
      double d = current[i] - previous[i];
      diff += d * d;
      norm += current[i] * current[i];
    }
    return Math.sqrt(diff) < convergenceTol * Math.max(Math.sqrt(norm), 1.0);
  }

  private RMSPropOptimizer changeCommon(UnaryOperator<CommonConfig> change) {
    rule = rule.withCommon(change.apply(rule.common()));
    return this;
  }

  private RMSPropConfig rmspropConfig(String caller) {
    if (!(rule instanceof RMSProp)) {
      throw new IllegalStateException(caller + " applies to RMSProp but the update rule is "
          + rule.name() + "; configure that rule through its own config and setUpdateRule");
    }
    return ((RMSProp) rule).config();
  }

  private static String divergedMessage(UpdateRule<?> rule, int iter, String what) {
    return "training diverged at iteration " + iter + ": the " + what + " became NaN or "
        + "infinite with " + rule.name() + " and stepSize " + rule.common().learningRate()
        + "; try a smaller step size (the last finite weights are kept)";
  }

  private static boolean allFinite(double[] a) {
    for (double x : a) {
      if (!Double.isFinite(x)) {
        return false;
      }
    }
    return true;
  }

  private static void requireFinite(double[] w) {
    for (int i = 0; i < w.length; i++) {
      if (!Double.isFinite(w[i])) {
        throw new IllegalArgumentException(
            "initial weight " + i + " must be finite but was " + w[i]);
      }
    }
  }
}
