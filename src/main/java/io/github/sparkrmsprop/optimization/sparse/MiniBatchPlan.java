package io.github.sparkrmsprop.optimization.sparse;

import java.io.Serializable;

/**
 * Which rows of a partition form the mini-batch of an iteration, without scanning the
 * partition: the rows are visited in a seeded pseudo-random permutation, cut into
 * {@code S = max(1, round(1 / fraction))} consecutive slices of (nearly) equal size.
 * Iteration {@code t} (1, 2, ...) takes slice {@code (t - 1) mod S} of epoch
 * {@code (t - 1) div S}; each epoch has its own permutation. So one epoch of {@code S}
 * iterations visits every row of every partition exactly once, an iteration costs
 * O(rows in its slice), and the batches depend only on the seed, the partition index and the
 * partition's row count (not on timing or on which executor runs the task).
 *
 * <p>With fraction 1 there is a single slice holding every row in stored order (no
 * permutation), so a full-batch pass adds the rows in the same order as a plain scan.
 *
 * <p>The permutation is a 4-round Feistel network over the smallest power of four
 * {@code >= rows}, restricted to {@code [0, rows)} by cycle walking (a value outside the range is
 * permuted again until it falls inside): a bijection computed in O(1) expected time per
 * position, with no array of the partition's size.
 *
 * <p>The batch sizes differ from {@code fraction * rows} by the rounding of {@code S}: e.g.
 * fraction 0.3 gives {@code S = 3}, batches of a third. {@code RDD.sample} instead draws
 * each row independently, so its batch sizes vary randomly and rows repeat or go unseen.
 */
public final class MiniBatchPlan implements Serializable {

  private static final long serialVersionUID = 1L;

  private final int slices;
  private final long seed;

  /**
   * @param fraction the share of each partition per batch, in (0, 1]
   * @param seed the seed of the permutations
   */
  public MiniBatchPlan(double fraction, long seed) {
    if (!(fraction > 0.0 && fraction <= 1.0)) {
      throw new IllegalArgumentException("fraction must be in (0, 1] but was " + fraction);
    }
    this.slices = (int) Math.max(1L, Math.min(Integer.MAX_VALUE, Math.round(1.0 / fraction)));
    this.seed = seed;
  }

  /** Iterations per epoch, {@code S}. */
  public int slicesPerEpoch() {
    return slices;
  }

  /** First position (inclusive) in the permutation of the batch of {@code iteration}. */
  int from(int iteration, int rows) {
    return (int) ((long) ((iteration - 1) % slices) * rows / slices);
  }

  /** Last position (exclusive) in the permutation of the batch of {@code iteration}. */
  int to(int iteration, int rows) {
    return (int) ((long) ((iteration - 1) % slices + 1) * rows / slices);
  }

  /** The permutation of a partition's rows for the epoch of {@code iteration}. */
  RowPermutation permutation(int partition, int iteration, int rows) {
    if (slices == 1) {
      return RowPermutation.identity(rows);
    }
    long epoch = (iteration - 1) / slices;
    long key = mix(mix(seed) ^ (partition * 0xC2B2AE3D27D4EB4FL) ^ (epoch * 0x165667B19E3779F9L));
    return new RowPermutation(rows, key == 0L ? 1L : key);
  }

  /** SplitMix64's finalizer. */
  static long mix(long z) {
    z = (z ^ (z >>> 30)) * 0xBF58476D1CE4E5B9L;
    z = (z ^ (z >>> 27)) * 0x94D049BB133111EBL;
    return z ^ (z >>> 31);
  }

  /** A bijection of {@code [0, rows)}; see the class doc. */
  static final class RowPermutation {

    private final int rows;
    private final long key;
    private final int halfBits;
    private final long halfMask;

    private RowPermutation(int rows, long key) {
      this.rows = rows;
      this.key = key;
      int bits = Math.max(2, 64 - Long.numberOfLeadingZeros(Math.max(1, rows - 1)));
      bits += bits & 1;
      this.halfBits = bits / 2;
      this.halfMask = (1L << halfBits) - 1;
    }

    static RowPermutation identity(int rows) {
      return new RowPermutation(rows, 0L);
    }

    /** The row at position {@code p} in {@code [0, rows)}; key 0 is the identity. */
    int row(int p) {
      if (key == 0L) {
        return p;
      }
      long x = p;
      do {
        x = feistel(x);
      } while (x >= rows);
      return (int) x;
    }

    private long feistel(long x) {
      long left = x >>> halfBits;
      long right = x & halfMask;
      for (int round = 0; round < 4; round++) {
        long next = left ^ (mix(right ^ key ^ (round * 0x9E3779B97F4A7C15L)) & halfMask);
        left = right;
        right = next;
      }
      return (left << halfBits) | right;
    }
  }
}
