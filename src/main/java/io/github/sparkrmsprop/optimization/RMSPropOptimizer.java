package io.github.sparkrmsprop.optimization;

import io.github.sparkrmsprop.update.Checks;
import io.github.sparkrmsprop.update.EpsilonPlacement;
import io.github.sparkrmsprop.update.LearningRateSchedule;
import io.github.sparkrmsprop.update.RMSProp;
import io.github.sparkrmsprop.update.RMSPropConfig;
import io.github.sparkrmsprop.update.RMSPropState;
import java.util.Arrays;
import java.util.Objects;
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
 * RMSProp with its own distributed loop, as an MLlib {@link Optimizer} over
 * {@code RDD[(label, features)]}.
 *
 * <p>Each iteration: broadcast the weights; on the executors, sum the loss and gradient of
 * every example of the mini-batch with the configured MLlib {@link Gradient}, merged in a
 * tree of depth {@code aggregationDepth} in a fixed order ({@link OrderedTreeSum}), so the
 * same data and partitioning give bit-identical weights; on the driver, divide by the
 * number of examples, add the regularization term to the loss, and apply one step of the rule
 * written in {@link RMSProp}. The mini-batch of iteration {@code i} is
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
 * <p>Defaults: gradient {@code LogisticGradient}, stepSize 0.01, numIterations 100,
 * miniBatchFraction 1, convergenceTol 1e-6, regParam 0, elasticNetParam 0, seed 42,
 * aggregationDepth 2, logEvery 10, sampling BERNOULLI, and the rule's defaults from
 * {@link RMSPropConfig}.
 *
 * <p>Memory: the driver holds the weights, a copy of the previous weights, the averaged
 * gradient and the rule's state: four to six dense vectors of the model's size, i.e. 32 to 48
 * bytes per weight. Each task holds the broadcast weights and one dense gradient sum.
 *
 * <p>State ownership: each call to {@code optimize} starts from a fresh {@link RMSPropState};
 * nothing carries over between calls. {@link #copy()} copies the configuration only.
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
  /** Default interval, in iterations, of the INFO progress line. */
  public static final int DEFAULT_LOG_EVERY = 10;

  private Gradient gradient = new LogisticGradient();
  private RMSPropConfig config = RMSPropConfig.defaults();
  private int numIterations = DEFAULT_NUM_ITERATIONS;
  private double miniBatchFraction = 1.0;
  private double convergenceTol = DEFAULT_CONVERGENCE_TOL;
  private long seed = DEFAULT_SEED;
  private int aggregationDepth = DEFAULT_AGGREGATION_DEPTH;
  private int logEvery = DEFAULT_LOG_EVERY;
  private Sampling sampling = Sampling.BERNOULLI;

  /** The loss and its gradient: any MLlib {@link Gradient}. Default LogisticGradient. */
  public RMSPropOptimizer setGradient(Gradient gradient) {
    this.gradient = Objects.requireNonNull(gradient, "gradient");
    return this;
  }

  /** Replaces the whole rule configuration. */
  public RMSPropOptimizer setConfig(RMSPropConfig config) {
    this.config = Objects.requireNonNull(config, "config");
    return this;
  }

  /** Base learning rate, in (0, inf). Default 0.01. */
  public RMSPropOptimizer setStepSize(double stepSize) {
    config = config.toBuilder().learningRate(stepSize).build();
    return this;
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
    config = config.toBuilder().regParam(regParam).build();
    return this;
  }

  /** Elastic-net mixing, in [0, 1]: 0 is L2, 1 is L1. Default 0. */
  public RMSPropOptimizer setElasticNetParam(double alpha) {
    config = config.toBuilder().elasticNetParam(alpha).build();
    return this;
  }

  /** Decay {@code rho} of the moving averages, in [0, 1). Default 0.9. */
  public RMSPropOptimizer setDecay(double decay) {
    config = config.toBuilder().decay(decay).build();
    return this;
  }

  /** Epsilon, in [0, inf). Default 1e-8. */
  public RMSPropOptimizer setEpsilon(double epsilon) {
    config = config.toBuilder().epsilon(epsilon).build();
    return this;
  }

  /** Where epsilon sits in the denominator. Default OUTSIDE_SQRT. */
  public RMSPropOptimizer setEpsilonPlacement(EpsilonPlacement placement) {
    config = config.toBuilder().epsilonPlacement(placement).build();
    return this;
  }

  /** Centered RMSProp. Default false. */
  public RMSPropOptimizer setCentered(boolean centered) {
    config = config.toBuilder().centered(centered).build();
    return this;
  }

  /** Momentum, in [0, 1). Default 0. */
  public RMSPropOptimizer setMomentum(double momentum) {
    config = config.toBuilder().momentum(momentum).build();
    return this;
  }

  /** Initial squared-gradient average, in [0, inf). Default 0. */
  public RMSPropOptimizer setInitialAccumulator(double value) {
    config = config.toBuilder().initialAccumulator(value).build();
    return this;
  }

  /** Learning-rate schedule. Default constant. */
  public RMSPropOptimizer setSchedule(LearningRateSchedule schedule) {
    config = config.toBuilder().schedule(schedule).build();
    return this;
  }

  /** Intercept layout, see {@link RMSPropConfig.Builder#interceptStride}. Default 0. */
  public RMSPropOptimizer setInterceptStride(int stride) {
    config = config.toBuilder().interceptStride(stride).build();
    return this;
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

  public RMSPropConfig getConfig() {
    return config;
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
        .setConfig(config)
        .setNumIterations(numIterations)
        .setMiniBatchFraction(miniBatchFraction)
        .setConvergenceTol(convergenceTol)
        .setSeed(seed)
        .setAggregationDepth(aggregationDepth)
        .setLogEvery(logEvery)
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
    long start = System.nanoTime();
    double[] w = initialWeights.toArray().clone();
    requireFinite(w);
    int dim = w.length;
    RMSProp rule = new RMSProp(config);
    RMSPropState state = rule.newState(dim);
    JavaSparkContext jsc = JavaSparkContext.fromSparkContext(data.context());
    Gradient grad = gradient;
    int depth = aggregationDepth;
    LOG.info("RMSProp: {} weights, {} partitions, {} iterations, miniBatchFraction {}, "
        + "gradient {}, {}", dim, data.getNumPartitions(), numIterations, miniBatchFraction,
        grad.getClass().getSimpleName(), config);

    double[] history = new double[numIterations + 1];
    int recorded = 0;
    int updates = 0;
    StopReason reason = StopReason.MAX_ITERATIONS;
    String message = null;
    double[] previous = new double[dim];
    for (int iter = 1; iter <= numIterations + 1; iter++) {
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
      double loss = sum.loss / sum.count + config.regularization(w);
      history[recorded++] = loss;
      double[] g = sum.gradient;
      for (int i = 0; i < dim; i++) {
        g[i] /= sum.count;
      }
      if (!Double.isFinite(loss) || !allFinite(g)) {
        reason = StopReason.DIVERGED;
        message = divergedMessage(iter, Double.isFinite(loss) ? "gradient" : "loss");
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
        message = divergedMessage(iter, "weights");
        break;
      }
      updates++;
      logProgress(iter, loss, start);

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
      LOG.warn("RMSProp stopped: {}", message);
    }
    LOG.info("RMSProp finished: {} iterations, final loss {}, stopped because {}, {} s",
        updates, recorded == 0 ? Double.NaN : losses[recorded - 1], message,
        String.format("%.3f", seconds));
    return new OptimizationResult(Vectors.dense(w), losses, updates, reason, message, seconds,
        state);
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

  private String divergedMessage(int iter, String what) {
    return "training diverged at iteration " + iter + ": the " + what + " became NaN or "
        + "infinite with stepSize " + config.learningRate() + "; try a smaller step size "
        + "(the last finite weights are kept)";
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
