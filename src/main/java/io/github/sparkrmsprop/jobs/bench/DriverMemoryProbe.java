package io.github.sparkrmsprop.jobs.bench;

import com.sun.management.GarbageCollectionNotificationInfo;
import io.github.sparkrmsprop.optimization.CompactRMSProp;
import io.github.sparkrmsprop.optimization.OptimizationResult;
import io.github.sparkrmsprop.optimization.RMSPropOptimizer;
import io.github.sparkrmsprop.optimization.Sampling;
import io.github.sparkrmsprop.optimization.sparse.CompactData;
import java.io.BufferedReader;
import java.io.File;
import java.io.IOException;
import java.io.InputStreamReader;
import java.lang.management.GarbageCollectorMXBean;
import java.lang.management.ManagementFactory;
import java.lang.management.MemoryPoolMXBean;
import java.lang.management.MemoryType;
import java.lang.management.MemoryUsage;
import java.nio.charset.StandardCharsets;
import java.nio.file.Paths;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Random;
import java.util.Set;
import java.util.concurrent.atomic.AtomicLong;
import javax.management.NotificationEmitter;
import javax.management.openmbean.CompositeData;
import org.apache.spark.SparkConf;
import org.apache.spark.api.java.JavaSparkContext;
import org.apache.spark.mllib.linalg.Vectors;
import org.apache.spark.sql.SparkSession;

/**
 * Measures the driver's heap while the sparse fast path trains at one model size, in a JVM of
 * its own (so that sizes do not share a heap): {@code local[2]}, generated click data with
 * {@code 2^bits} buckets (100,000 rows), 30 iterations at miniBatchFraction 0.01, random
 * non-zero initial weights (so that the broadcast copy does not compress to nothing).
 *
 * <p>Method: after the data is cached and the initial weights exist (the caller's input), a full
 * GC; the heap then in use is the baseline. The peak is the largest heap in use after a full
 * GC forced after every iteration and once at the end with the result still referenced: the
 * live set, which holds everything a training run keeps across iterations (weights, state,
 * the lazy step array, the snapshot broadcast with its serialized pieces, the replica). It
 * misses garbage and short-lived buffers inside a pass. For comparison the line also gives the
 * largest heap in use after any collection the JVM ran by itself ({@code afterAnyGc}, from GC
 * notifications over the heap pools), which counts old-generation garbage not yet collected.
 * The executors of {@code local[2]} share this JVM, so their replica and task buffers are
 * counted too: an upper bound for a driver with remote executors.
 *
 * <p>Prints one line
 * {@code DRIVER_MEMORY baseline=<bytes> peak=<bytes> afterAnyGc=<bytes> iterations=<n>}.
 */
public final class DriverMemoryProbe {

  /** Rows of the generated data. */
  static final long ROWS = 100_000;

  /** What a child JVM reported. */
  public record Measurement(long baselineBytes, long peakBytes, String note) {

    public long peakAboveBaselineBytes() {
      return peakBytes - baselineBytes;
    }
  }

  private DriverMemoryProbe() {
  }

  /** Runs the probe for {@code 2^bits} weights and prints its line. */
  public static void main(String[] args) {
    int bits = Integer.parseInt(args[0]);
    long seed = Long.parseLong(args[1]);
    int dim = 1 << bits;
    SparkConf conf = new SparkConf().setAppName("DriverMemoryProbe").setMaster("local[2]")
        .set("spark.driver.host", "127.0.0.1").set("spark.driver.bindAddress", "127.0.0.1")
        .set("spark.ui.enabled", "false");
    SparkSession spark = SparkSession.builder().config(conf).getOrCreate();
    try {
      JavaSparkContext jsc = JavaSparkContext.fromSparkContext(spark.sparkContext());
      CompactData data = CompactData.cache(new ClickDataGenerator(seed, dim,
          ClickDataGenerator.DEFAULT_ZIPF_EXPONENT).generate(jsc, 0, ROWS, 2).rdd());
      double[] start = new Random(seed).doubles(dim, -1e-3, 1e-3).toArray();
      AtomicLong peak = new AtomicLong();
      AtomicLong peakAfterAnyGc = new AtomicLong();
      System.gc();
      long baseline = heapUsed();
      watchCollections(peakAfterAnyGc);

      RMSPropOptimizer o = new RMSPropOptimizer().setSampling(Sampling.PERMUTATION)
          .setMiniBatchFraction(0.01).setNumIterations(30).setConvergenceTol(0.0);
      OptimizationResult r = CompactRMSProp.optimize(o, data, Vectors.dense(start),
          (iter, loss, w) -> {
            System.gc();
            peak.accumulateAndGet(heapUsed(), Math::max);
          });
      System.gc();
      peak.accumulateAndGet(heapUsed(), Math::max);
      System.out.printf(Locale.ROOT,
          "DRIVER_MEMORY baseline=%d peak=%d afterAnyGc=%d iterations=%d%n",
          baseline, peak.get(), peakAfterAnyGc.get(), r.iterations());
    } finally {
      spark.stop();
    }
  }

  /** Starts a JVM with this one's classpath and options; runs the probe; reads its line. */
  static Measurement runInChildJvm(int bits, long seed) throws IOException,
      InterruptedException {
    String java = Paths.get(System.getProperty("java.home"), "bin", "java").toString();
    String classpath = System.getProperty("java.class.path");
    try {
      String own = new File(DriverMemoryProbe.class.getProtectionDomain().getCodeSource()
          .getLocation().toURI()).getPath();
      classpath = classpath + File.pathSeparator + own;
    } catch (Exception e) {
      // the classpath of this JVM alone
    }
    List<String> cmd = new ArrayList<>();
    cmd.add(java);
    cmd.add("-Xmx4g");
    for (String a : ManagementFactory.getRuntimeMXBean().getInputArguments()) {
      if (a.startsWith("--add-") || a.startsWith("-XX:+IgnoreUnrecognized")
          || a.startsWith("-Djdk.reflect") || a.startsWith("-Dio.netty")
          || a.startsWith("-Dlog4j") || a.startsWith("-Djava.io.tmpdir")) {
        cmd.add(a);
      }
    }
    cmd.add("-cp");
    cmd.add(classpath);
    cmd.add(DriverMemoryProbe.class.getName());
    cmd.add(Integer.toString(bits));
    cmd.add(Long.toString(seed));
    ProcessBuilder pb = new ProcessBuilder(cmd).redirectError(ProcessBuilder.Redirect.INHERIT);
    pb.environment().put("SPARK_LOCAL_IP", "127.0.0.1");
    Process process = pb.start();
    String line = null;
    try (BufferedReader out = new BufferedReader(
        new InputStreamReader(process.getInputStream(), StandardCharsets.UTF_8))) {
      for (String l = out.readLine(); l != null; l = out.readLine()) {
        if (l.startsWith("DRIVER_MEMORY ")) {
          line = l;
        }
      }
    }
    int code = process.waitFor();
    if (line == null || code != 0) {
      throw new IllegalStateException("the memory probe for 2^" + bits + " exited with " + code
          + " without a DRIVER_MEMORY line");
    }
    long baseline = Long.parseLong(line.replaceAll(".*baseline=(\\d+).*", "$1"));
    long peakBytes = Long.parseLong(line.replaceAll(".*peak=(\\d+).*", "$1"));
    long anyGc = Long.parseLong(line.replaceAll(".*afterAnyGc=(\\d+).*", "$1"));
    return new Measurement(baseline, peakBytes, String.format(Locale.ROOT,
        "-Xmx4g, %d rows, 30 iterations; after any GC %.0f MiB above baseline", ROWS,
        (anyGc - baseline) / 1048576.0));
  }

  private static long heapUsed() {
    return ManagementFactory.getMemoryMXBean().getHeapMemoryUsage().getUsed();
  }

  private static void watchCollections(AtomicLong peak) {
    Set<String> heapPools = new HashSet<>();
    for (MemoryPoolMXBean pool : ManagementFactory.getMemoryPoolMXBeans()) {
      if (pool.getType() == MemoryType.HEAP) {
        heapPools.add(pool.getName());
      }
    }
    for (GarbageCollectorMXBean gc : ManagementFactory.getGarbageCollectorMXBeans()) {
      if (gc instanceof NotificationEmitter) {
        ((NotificationEmitter) gc).addNotificationListener((n, handback) -> {
          if (GarbageCollectionNotificationInfo.GARBAGE_COLLECTION_NOTIFICATION
              .equals(n.getType())) {
            GarbageCollectionNotificationInfo info =
                GarbageCollectionNotificationInfo.from((CompositeData) n.getUserData());
            long used = 0;
            for (Map.Entry<String, MemoryUsage> e
                : info.getGcInfo().getMemoryUsageAfterGc().entrySet()) {
              if (heapPools.contains(e.getKey())) {
                used += e.getValue().getUsed();
              }
            }
            peak.accumulateAndGet(used, Math::max);
          }
        }, null, null);
      }
    }
  }
}
