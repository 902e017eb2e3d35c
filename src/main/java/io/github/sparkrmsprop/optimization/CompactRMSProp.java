package io.github.sparkrmsprop.optimization;

import io.github.sparkrmsprop.optimization.sparse.CompactData;
import io.github.sparkrmsprop.optimization.sparse.CompactTreeSum;
import io.github.sparkrmsprop.optimization.sparse.GlmKernel;
import io.github.sparkrmsprop.optimization.sparse.MiniBatchPlan;
import io.github.sparkrmsprop.optimization.sparse.SparseGradientSum;
import io.github.sparkrmsprop.optimization.sparse.WeightReplicas;
import io.github.sparkrmsprop.update.LazyRMSProp;
import io.github.sparkrmsprop.update.RMSProp;
import io.github.sparkrmsprop.update.RMSPropConfig;
import io.github.sparkrmsprop.update.RMSPropState;
import java.util.Arrays;
import org.apache.spark.api.java.JavaSparkContext;
import org.apache.spark.mllib.linalg.Vector;
import org.apache.spark.mllib.linalg.Vectors;
import org.apache.spark.rdd.RDD;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import scala.Tuple2;

/**
 * The sparse fast path of {@link RMSPropOptimizer} ({@link Sampling#PERMUTATION}): the same
 * loop, stopping rules, loss history and result as the generic path, over {@link CompactData}.
 *
 * <p>Each iteration: the tasks obtain the current weights ({@link WeightReplicas}: after a
 * sparse step only the changed coordinates are broadcast, to executor-side replicas); each
 * partition sums the loss and gradient of its
 * slice of a seeded row permutation ({@link MiniBatchPlan}) with a {@link GlmKernel}, sparse
 * when it touches at most {@code fillThreshold * dim} coordinates
 * ({@link SparseGradientSum}); the sums are merged in a fixed-order tree
 * ({@link CompactTreeSum}); the driver divides by the row count and steps.
 *
 * <p>Driver step: when the gradient arrived sparse and {@link LazyRMSProp#isExact} holds
 * (regParam 0, momentum 0; centered is fine), only the touched coordinates are updated, the
 * decay of {@code v} (and {@code m}) of the others being deferred until they are next touched
 * or the run ends; the convergence test then uses the change of the touched weights and a
 * running {@code ||w||^2} (recomputed exactly at every dense step). Otherwise the dense rule
 * steps every coordinate (O(dim)).
 *
 * <p>Full batch (fraction 1): rows are summed in stored order with MLlib's arithmetic, in the
 * tree of {@link OrderedTreeSum}, so the weights equal {@link Sampling#BERNOULLI}'s to 1e-12
 * (bit-identical for sparse input; the only differences can come from the lazy decay's
 * {@code pow}).
 *
 * <p>Memory, driver: weights, {@code v} (and {@code m} if centered), a dense gradient only
 * when the sum arrives dense, the lazy rule's int per coordinate, and the last snapshot
 * broadcast of the weights: at 2^24 weights about 128 MB per double vector. Executors: one
 * weight replica per JVM, and per task a hash table of O(batch non-zeros) or, above the fill
 * threshold, one dense gradient. With a local master the replica lives in the driver's JVM.
 *
 * <p>Cost per iteration, sparse steps: O(batch non-zeros) in the tasks, O(touched) on the
 * driver and in the delta broadcast, plus a full snapshot broadcast (O(dim)) each time the
 * deltas since the last one reach {@code dim / 4} entries, and the fixed cost of one Spark
 * job.
 */
public final class CompactRMSProp {

  private static final Logger LOG = LoggerFactory.getLogger(CompactRMSProp.class);

  private CompactRMSProp() {
  }

  /** The kernel for the optimizer's gradient, or an exception saying why there is none. */
  static GlmKernel kernelFor(RMSPropOptimizer settings) {
    return GlmKernel.of(settings.getGradient()).orElseThrow(() -> new IllegalArgumentException(
        "Sampling.PERMUTATION needs a binary LogisticGradient or a LeastSquaresGradient but "
            + "the gradient is " + settings.getGradient().getClass().getName()
            + "; use Sampling.BERNOULLI for other gradients"));
  }

  /** Caches {@code data} compactly, runs, and unpersists the compact copy. */
  static OptimizationResult optimize(RMSPropOptimizer settings,
      RDD<Tuple2<Object, Vector>> data, Vector initialWeights) {
    kernelFor(settings);
    CompactData compact = CompactData.cache(data);
    try {
      return optimize(settings, compact, initialWeights, null);
    } finally {
      compact.unpersist();
    }
  }

  /**
   * Trains on already cached compact data with the settings of {@code settings} (its sampling
   * setting is ignored: this is the permutation path).
   *
   * @param listener called after each update, or null
   */
  public static OptimizationResult optimize(RMSPropOptimizer settings, CompactData data,
      Vector initialWeights, IterationListener listener) {
    return optimize(settings, data, initialWeights, listener,
        SparseGradientSum.DEFAULT_FILL_THRESHOLD);
  }

  /** As {@link #optimize(RMSPropOptimizer, CompactData, Vector, IterationListener)}. */
  public static OptimizationResult optimize(RMSPropOptimizer settings, CompactData data,
      Vector initialWeights, IterationListener listener, double fillThreshold) {
    long start = System.nanoTime();
    if (settings.getCheckpointDir() != null || settings.getResume()
        || settings.getCheckpointInterval() > 0) {
      throw new IllegalArgumentException("checkpoints are written by the BERNOULLI sampling "
          + "path only; the PERMUTATION path does not save its sampler position yet");
    }
    GlmKernel kernel = kernelFor(settings);
    double[] w = initialWeights.toArray().clone();
    int dim = w.length;
    for (int i = 0; i < dim; i++) {
      if (!Double.isFinite(w[i])) {
        throw new IllegalArgumentException(
            "initial weight " + i + " must be finite but was " + w[i]);
      }
    }
    if (data.minDimension() > dim) {
      throw new IllegalArgumentException("the data has feature index "
          + (data.minDimension() - 1) + " but there are only " + dim + " weights");
    }
    RMSPropConfig config = settings.getConfig();
    RMSProp rule = new RMSProp(config);
    RMSPropState state = rule.newState(dim);
    LazyRMSProp lazy = LazyRMSProp.isExact(config) ? new LazyRMSProp(rule, dim) : null;
    int numIterations = settings.getNumIterations();
    double fraction = settings.getMiniBatchFraction();
    double tol = settings.getConvergenceTol();
    MiniBatchPlan plan = new MiniBatchPlan(fraction, settings.getSeed());
    JavaSparkContext jsc = JavaSparkContext.fromSparkContext(data.partitions().context());
    LOG.info("RMSProp (compact): {} rows, {} non-zeros, {} weights, {} partitions, "
        + "{} iterations, miniBatchFraction {} ({} batches per epoch), kernel {}, lazy {}, {}",
        data.numRows(), data.nnz(), dim, data.partitions().getNumPartitions(), numIterations,
        fraction, plan.slicesPerEpoch(), kernel, lazy != null, config);

    double[] history = new double[numIterations + 1];
    int recorded = 0;
    int updates = 0;
    StopReason reason = StopReason.MAX_ITERATIONS;
    String message = null;
    double[] previous = lazy == null ? new double[dim] : null;
    double normSq = lazy == null ? 0.0 : squaredNorm(w);
    WeightReplicas.Publisher publisher = new WeightReplicas.Publisher(jsc, w);
    try {
      for (int iter = 1; iter <= numIterations + 1; iter++) {
        SparseGradientSum sum = CompactTreeSum.sum(data.partitions(), dim, kernel,
            publisher.handle(), plan, iter, settings.getAggregationDepth(), fillThreshold);

        if (sum.count() == 0) {
          LOG.warn("Iteration {}: the mini-batch is empty (miniBatchFraction {}); no update made",
              iter, fraction);
          continue;
        }
        double loss = sum.loss() / sum.count() + config.regularization(w);
        history[recorded++] = loss;
        boolean sparseStep = lazy != null && sum.isSparse();
        double[] g;
        int[] idx = null;
        int nnz;
        if (sparseStep) {
          idx = sum.sparseIndices();
          g = sum.sparseValues();
          nnz = sum.storedEntries();
        } else {
          g = sum.toDenseArray();
          nnz = dim;
        }
        boolean finite = Double.isFinite(loss);
        for (int k = 0; k < nnz; k++) {
          g[k] /= sum.count();
          finite &= Double.isFinite(g[k]);
        }
        if (!finite) {
          reason = StopReason.DIVERGED;
          message = diverged(iter,
              Double.isFinite(loss) ? "gradient" : "loss", config);
          break;
        }
        if (iter == numIterations + 1) {
          break;
        }

        boolean converged;
        if (sparseStep) {
          double[] old = new double[nnz];
          for (int k = 0; k < nnz; k++) {
            old[k] = w[idx[k]];
          }
          lazy.stepSparse(w, idx, g, nnz, state);
          double diffSq = 0.0;
          boolean ok = true;
          for (int k = 0; k < nnz; k++) {
            double now = w[idx[k]];
            ok &= Double.isFinite(now);
            diffSq += (now - old[k]) * (now - old[k]);
            normSq += now * now - old[k] * old[k];
          }
          if (!ok) {
            for (int k = 0; k < nnz; k++) {
              w[idx[k]] = old[k];
            }
            reason = StopReason.DIVERGED;
            message = diverged(iter, "weights", config);
            break;
          }
          converged = Math.sqrt(diffSq) < tol * Math.max(Math.sqrt(Math.max(normSq, 0.0)), 1.0);
          publisher.publishChanged(w, idx, nnz);
        } else {
          double[] before = previous != null ? previous : new double[dim];
          System.arraycopy(w, 0, before, 0, dim);
          if (lazy != null) {
            lazy.stepDense(w, g, state);
          } else {
            rule.step(w, g, state);
          }
          if (!allFinite(w)) {
            System.arraycopy(before, 0, w, 0, dim);
            reason = StopReason.DIVERGED;
            message = diverged(iter, "weights", config);
            break;
          }
          normSq = squaredNorm(w);
          converged = distance(before, w) < tol * Math.max(Math.sqrt(normSq), 1.0);
          publisher.publishFull(w);
        }
        updates++;
        if (iter % settings.getLogEvery() == 0 || iter == 1) {
          LOG.info("Iteration {}: loss {}, {} gradient entries, {} s", iter, loss, nnz,
              String.format("%.2f", (System.nanoTime() - start) / 1e9));
        }
        if (listener != null) {
          listener.onIteration(updates, loss, w);
        }
        if (tol > 0.0 && updates > 1 && converged) {
          reason = StopReason.CONVERGED;
          break;
        }
      }
    } finally {
      publisher.close();
    }
    if (lazy != null) {
      lazy.flush(state);
    }

    double seconds = (System.nanoTime() - start) / 1e9;
    if (message == null) {
      message = reason == StopReason.CONVERGED
          ? "converged after " + updates + " iterations (tolerance " + tol + ")"
          : "ran the maximum of " + numIterations + " iterations";
    }
    double[] losses = Arrays.copyOf(history, recorded);
    if (reason == StopReason.DIVERGED) {
      LOG.warn("RMSProp stopped: {}", message);
    }
    LOG.info("RMSProp (compact) finished: {} iterations, final loss {}, stopped because {}, "
        + "{} s", updates, recorded == 0 ? Double.NaN : losses[recorded - 1], message,
        String.format("%.3f", seconds));
    return new OptimizationResult(Vectors.dense(w), losses, updates, reason, message, seconds,
        state);
  }

  private static String diverged(int iter, String what, RMSPropConfig config) {
    return "training diverged at iteration " + iter + ": the " + what + " became NaN or "
        + "infinite with stepSize " + config.learningRate() + "; try a smaller step size "
        + "(the last finite weights are kept)";
  }

  private static double squaredNorm(double[] w) {
    double s = 0.0;
    for (double x : w) {
      s += x * x;
    }
    return s;
  }

  private static double distance(double[] a, double[] b) {
    double s = 0.0;
    for (int i = 0; i < a.length; i++) {
      double d = b[i] - a[i];
      s += d * d;
    }
    return Math.sqrt(s);
  }

  private static boolean allFinite(double[] a) {
    for (double x : a) {
      if (!Double.isFinite(x)) {
        return false;
      }
    }
    return true;
  }
}
