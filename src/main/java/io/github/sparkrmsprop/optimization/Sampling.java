package io.github.sparkrmsprop.optimization;

/**
 * How {@link RMSPropOptimizer} draws its mini-batches, and with it which loop it runs.
 */
public enum Sampling {
  /**
   * {@code data.sample(false, miniBatchFraction, seed + i)} at iteration {@code i}, the draw of
   * MLlib's {@code GradientDescent}: same rows, same weights to the last bit. Every iteration
   * scans every row. Works with any MLlib {@code Gradient}. The default.
   */
  BERNOULLI,
  /**
   * The sparse fast path ({@link CompactRMSProp}): the data is cached as per-partition CSR
   * arrays, each partition walks a seeded permutation of its rows in slices (one epoch visits
   * every row exactly once, an iteration costs O(batch)), gradients are summed sparsely when
   * they touch few coordinates, and the driver steps only the touched coordinates when that is
   * exact. Needs a binary {@code LogisticGradient} or a {@code LeastSquaresGradient}. With
   * miniBatchFraction 1 it gives the weights of {@link #BERNOULLI} to 1e-12; with a smaller
   * fraction it draws other rows than {@code GradientDescent}.
   */
  PERMUTATION
}
