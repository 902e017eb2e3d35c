package io.github.sparkrmsprop.optimization.sparse;

import java.util.Collections;
import java.util.List;
import org.apache.spark.api.java.JavaRDD;
import org.apache.spark.mllib.linalg.Vector;
import org.apache.spark.rdd.RDD;
import org.apache.spark.storage.StorageLevel;
import scala.Tuple2;

/**
 * A training set cached as one {@link CsrPartition} per partition: the compact form the
 * sparse fast path of {@code RMSPropOptimizer} reads. Building it is one pass over the input
 * (which is not cached by this class); the partitioning, and with it the mini-batches and the
 * merge order, is the input's.
 *
 * <p>Ownership: the caller that builds it owns the cached RDD and calls {@link #unpersist()}
 * when done; the optimizer builds and unpersists its own copy when given a plain RDD.
 */
public final class CompactData {

  private final JavaRDD<CsrPartition> partitions;
  private final long numRows;
  private final long nnz;
  private final long bytes;
  private final int maxIndexPlusOne;

  private CompactData(JavaRDD<CsrPartition> partitions, long numRows, long nnz, long bytes,
      int maxIndexPlusOne) {
    this.partitions = partitions;
    this.numRows = numRows;
    this.nnz = nnz;
    this.bytes = bytes;
    this.maxIndexPlusOne = maxIndexPlusOne;
  }

  /** Converts and caches {@code rows} at MEMORY_ONLY (deserialized arrays). */
  public static CompactData cache(RDD<Tuple2<Object, Vector>> rows) {
    return cache(rows, StorageLevel.MEMORY_ONLY());
  }

  /** Converts and caches {@code rows} at the given level, materializing it at once. */
  public static CompactData cache(RDD<Tuple2<Object, Vector>> rows, StorageLevel level) {
    JavaRDD<CsrPartition> csr = rows.toJavaRDD()
        .mapPartitions(it -> Collections.singletonList(CsrPartition.fromRows(it)).iterator(),
            true)
        .setName("CompactData(" + rows.name() + ")")
        .persist(level);
    List<long[]> stats = csr.map(p -> new long[] {p.numRows(), p.nnz(), p.sizeInBytes(),
        p.maxIndexPlusOne()}).collect();
    long rowsTotal = 0;
    long nnzTotal = 0;
    long bytesTotal = 0;
    int maxIndex = 0;
    for (long[] s : stats) {
      rowsTotal += s[0];
      nnzTotal += s[1];
      bytesTotal += s[2];
      maxIndex = (int) Math.max(maxIndex, s[3]);
    }
    return new CompactData(csr, rowsTotal, nnzTotal, bytesTotal, maxIndex);
  }

  /** The cached partitions. */
  public JavaRDD<CsrPartition> partitions() {
    return partitions;
  }

  public long numRows() {
    return numRows;
  }

  /** Stored (index, value) entries over all rows. */
  public long nnz() {
    return nnz;
  }

  /** Bytes held by the arrays of all partitions. */
  public long sizeInBytes() {
    return bytes;
  }

  /** The largest feature index seen plus one: a lower bound on the model size. */
  public int minDimension() {
    return maxIndexPlusOne;
  }

  /** Drops the cached partitions. */
  public void unpersist() {
    partitions.unpersist(false);
  }
}
