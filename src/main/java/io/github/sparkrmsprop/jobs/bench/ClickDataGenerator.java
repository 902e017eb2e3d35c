package io.github.sparkrmsprop.jobs.bench;

import java.io.Serializable;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.stream.IntStream;
import org.apache.spark.api.java.JavaRDD;
import org.apache.spark.api.java.JavaSparkContext;
import org.apache.spark.mllib.linalg.Vector;
import org.apache.spark.mllib.linalg.Vectors;
import org.apache.spark.unsafe.hash.Murmur3_x86_32;
import scala.Tuple2;

/**
 * Seeded click-like data at any scale: each row has one value per categorical field, drawn
 * from a Zipf distribution over that field's values ({@code P(rank k) ~ 1 / k^s}), hashed into
 * {@code numFeatures} buckets with MurmurHash3 (x86, 32 bit, seed 42, the hash Spark's
 * {@code FeatureHasher} uses) of {@code field * 2^32 + value}, with value 1.0. The label is
 * drawn from a hidden logistic model: every (field, value) has a weight drawn from
 * {@code N(0, 0.5^2)} by a hash of the seed, the field and the value, and
 * {@code P(label = 1) = sigmoid(bias + sum of the row's weights)} with bias -1.5 (a click rate
 * of roughly 0.2 to 0.3).
 *
 * <p>Fields and their cardinalities: {@link #CARDINALITIES}, ten fields from 4 values (a
 * device type) to 3 million (a user id), so each row has at most 10 non-zeros (fewer when two
 * fields hash to one bucket, whose values are then summed). Row {@code r} depends only on the
 * seed and {@code r}, not on the partitioning.
 */
public final class ClickDataGenerator implements Serializable {

  private static final long serialVersionUID = 1L;

  /** Values per field. */
  public static final int[] CARDINALITIES =
      {4, 24, 200, 1_000, 10_000, 50_000, 100_000, 500_000, 1_000_000, 3_000_000};
  /** Default Zipf exponent. */
  public static final double DEFAULT_ZIPF_EXPONENT = 1.05;
  /** Intercept of the hidden model. */
  public static final double BIAS = -1.5;

  private final long seed;
  private final int numFeatures;
  private final double zipfExponent;

  /**
   * @param seed the seed of values, weights and labels
   * @param numFeatures hash buckets, in [1, 2^31)
   * @param zipfExponent the exponent {@code s}, in (0, inf)
   */
  public ClickDataGenerator(long seed, int numFeatures, double zipfExponent) {
    if (numFeatures < 1) {
      throw new IllegalArgumentException("numFeatures must be in [1, inf) but was " + numFeatures);
    }
    if (!(zipfExponent > 0.0 && zipfExponent < Double.POSITIVE_INFINITY)) {
      throw new IllegalArgumentException("zipfExponent must be in (0, inf) but was "
          + zipfExponent);
    }
    this.seed = seed;
    this.numFeatures = numFeatures;
    this.zipfExponent = zipfExponent;
  }

  /**
   * Rows number {@code firstRow} to {@code firstRow + rows - 1} over {@code partitions}
   * partitions, in order. Disjoint ranges give disjoint samples, e.g. a training and a test
   * set from one generator.
   */
  public JavaRDD<Tuple2<Object, Vector>> generate(JavaSparkContext jsc, long firstRow,
      long rows, int partitions) {
    List<long[]> ranges = new ArrayList<>();
    for (int p = 0; p < partitions; p++) {
      ranges.add(new long[] {firstRow + rows * p / partitions,
          firstRow + rows * (p + 1) / partitions});
    }
    ClickDataGenerator gen = this;
    return jsc.parallelize(ranges, partitions).flatMap(range -> {
      double[][] cdfs = gen.cdfs();
      List<Tuple2<Object, Vector>> out = new ArrayList<>((int) (range[1] - range[0]));
      for (long r = range[0]; r < range[1]; r++) {
        out.add(gen.row(r, cdfs));
      }
      return out.iterator();
    });
  }

  /** The cumulative Zipf distribution of every field. */
  double[][] cdfs() {
    return Arrays.stream(CARDINALITIES).mapToObj(n -> {
      double[] c = new double[n];
      double total = 0.0;
      for (int k = 0; k < n; k++) {
        total += Math.pow(k + 1, -zipfExponent);
        c[k] = total;
      }
      for (int k = 0; k < n; k++) {
        c[k] /= total;
      }
      return c;
    }).toArray(double[][]::new);
  }

  /** Row number {@code r}. */
  Tuple2<Object, Vector> row(long r, double[][] cdfs) {
    long state = mix(seed ^ mix(r + 0x632BE59BD9B4E019L));
    int fields = CARDINALITIES.length;
    int[] idx = new int[fields];
    double z = BIAS;
    for (int f = 0; f < fields; f++) {
      state = mix(state + 0x9E3779B97F4A7C15L);
      double u = (state >>> 11) * 0x1.0p-53;
      int k = Arrays.binarySearch(cdfs[f], u);
      int value = k >= 0 ? k : Math.min(-k - 1, cdfs[f].length - 1);
      long key = ((long) f << 32) | value;
      idx[f] = Math.floorMod(Murmur3_x86_32.hashLong(key, 42), numFeatures);
      z += 0.5 * gaussian(mix(seed * 31 + key));
    }
    state = mix(state + 0x9E3779B97F4A7C15L);
    double u = (state >>> 11) * 0x1.0p-53;
    double label = u < 1.0 / (1.0 + Math.exp(-z)) ? 1.0 : 0.0;
    int[] sorted = IntStream.of(idx).sorted().toArray();
    int n = 0;
    int[] uniq = new int[fields];
    double[] vals = new double[fields];
    for (int i : sorted) {
      if (n > 0 && uniq[n - 1] == i) {
        vals[n - 1] += 1.0;
      } else {
        uniq[n] = i;
        vals[n++] = 1.0;
      }
    }
    return new Tuple2<>(label, Vectors.sparse(numFeatures, Arrays.copyOf(uniq, n),
        Arrays.copyOf(vals, n)));
  }

  /** A standard normal from a 64-bit hash (Box-Muller on its two halves). */
  private static double gaussian(long h) {
    double u1 = ((h >>> 32) + 1.0) / 4294967297.0;
    double u2 = (h & 0xFFFFFFFFL) / 4294967296.0;
    return Math.sqrt(-2.0 * Math.log(u1)) * Math.cos(2.0 * Math.PI * u2);
  }

  private static long mix(long z) {
    z = (z ^ (z >>> 30)) * 0xBF58476D1CE4E5B9L;
    z = (z ^ (z >>> 27)) * 0x94D049BB133111EBL;
    return z ^ (z >>> 31);
  }
}
