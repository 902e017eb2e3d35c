package io.github.sparkrmsprop.optimization.sparse;

import java.io.Serializable;
import java.util.ArrayList;
import java.util.Iterator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import org.apache.spark.api.java.JavaSparkContext;
import org.apache.spark.broadcast.Broadcast;

/**
 * Ships the weights to the executors in O(changed coordinates) per iteration instead of
 * O(dim): each executor JVM keeps a replica of the weights per run, and the driver broadcasts
 * a full snapshot only now and then, and otherwise only the new values of the coordinates an
 * iteration changed (a delta).
 *
 * <p>Protocol: every publication increments a version. A task receives a {@link Handle}: the
 * run's id, the version it needs, the last snapshot's broadcast and version, and the delta
 * broadcasts since that snapshot. The executor's replica (one per run id, created from the
 * snapshot on first use) applies the deltas it has not seen, under a lock, then tasks read it
 * without one: the loop is synchronous, so no task of the next version runs while one of the
 * current version reads. An executor that joins late, or whose replica is from an older
 * snapshot, starts again from the snapshot. A new snapshot is taken when the deltas since the
 * last one hold more than {@code dim / 4} entries, or when the caller publishes a full vector.
 *
 * <p>Memory: one replica of {@code 8 * dim} bytes per run per executor JVM (with local masters,
 * in the driver's JVM), the snapshot broadcast, and the deltas since it (at most about
 * {@code 3 * dim} bytes). Each executor keeps the replicas of its two most recent runs;
 * {@link Publisher#close()} drops the driver JVM's replica, and an executor's replica of a
 * finished run stays until two newer runs replace it (known shortcoming: there is no
 * cluster-wide release).
 */
public final class WeightReplicas {

  private static final int MAX_RUNS_PER_JVM = 2;
  private static final Map<String, Replica> REPLICAS = new LinkedHashMap<>(4, 0.75f, true);

  private WeightReplicas() {
  }

  /** New values of some coordinates. */
  static final class Delta implements Serializable {
    private static final long serialVersionUID = 1L;
    final int[] indices;
    final double[] values;

    Delta(int[] indices, double[] values) {
      this.indices = indices;
      this.values = values;
    }
  }

  private static final class Replica {
    double[] w;
    int version;
    int snapshotVersion;
  }

  /** What a task needs to reach one version of the weights. */
  public static final class Handle implements WeightSource {
    private static final long serialVersionUID = 1L;
    private final String runId;
    private final int version;
    private final int snapshotVersion;
    private final Broadcast<double[]> snapshot;
    private final List<Broadcast<Delta>> deltas;

    private Handle(String runId, int version, int snapshotVersion, Broadcast<double[]> snapshot,
        List<Broadcast<Delta>> deltas) {
      this.runId = runId;
      this.version = version;
      this.snapshotVersion = snapshotVersion;
      this.snapshot = snapshot;
      this.deltas = deltas;
    }

    @Override
    public double[] weights() {
      Replica r;
      synchronized (REPLICAS) {
        r = REPLICAS.computeIfAbsent(runId, k -> new Replica());
        Iterator<String> oldest = REPLICAS.keySet().iterator();
        while (REPLICAS.size() > MAX_RUNS_PER_JVM) {
          oldest.next();
          oldest.remove();
        }
      }
      synchronized (r) {
        if (r.w == null || r.snapshotVersion != snapshotVersion || r.version > version) {
          r.w = snapshot.value().clone();
          r.version = snapshotVersion;
          r.snapshotVersion = snapshotVersion;
        }
        while (r.version < version) {
          Delta d = deltas.get(r.version - snapshotVersion).value();
          for (int k = 0; k < d.indices.length; k++) {
            r.w[d.indices[k]] = d.values[k];
          }
          r.version++;
        }
        return r.w;
      }
    }
  }

  /** The driver's side: publishes versions of one run's weights. Not thread-safe. */
  public static final class Publisher implements AutoCloseable {
    private final String runId = UUID.randomUUID().toString();
    private final JavaSparkContext jsc;
    private final int dim;
    private int version;
    private int snapshotVersion;
    private Broadcast<double[]> snapshot;
    private final List<Broadcast<Delta>> deltas = new ArrayList<>();
    private long deltaEntries;

    /** A publisher whose first version is {@code w}. */
    public Publisher(JavaSparkContext jsc, double[] w) {
      this.jsc = jsc;
      this.dim = w.length;
      publishFull(w);
    }

    /** Publishes all of {@code w} as the next version (a new snapshot). */
    public void publishFull(double[] w) {
      dropBroadcasts();
      snapshot = jsc.broadcast(w.clone());
      snapshotVersion = ++version;
    }

    /** Publishes {@code w}, of which only the listed coordinates changed, as the next version. */
    public void publishChanged(double[] w, int[] indices, int count) {
      if (deltaEntries + count > dim / 4) {
        publishFull(w);
        return;
      }
      int[] idx = java.util.Arrays.copyOf(indices, count);
      double[] val = new double[count];
      for (int k = 0; k < count; k++) {
        val[k] = w[idx[k]];
      }
      deltas.add(jsc.broadcast(new Delta(idx, val)));
      deltaEntries += count;
      version++;
    }

    /** The handle of the latest version. */
    public Handle handle() {
      return new Handle(runId, version, snapshotVersion, snapshot, new ArrayList<>(deltas));
    }

    /** Destroys the broadcasts and drops this JVM's replica of the run. */
    @Override
    public void close() {
      dropBroadcasts();
      synchronized (REPLICAS) {
        REPLICAS.remove(runId);
      }
    }

    private void dropBroadcasts() {
      if (snapshot != null) {
        snapshot.destroy();
        snapshot = null;
      }
      for (Broadcast<Delta> d : deltas) {
        d.destroy();
      }
      deltas.clear();
      deltaEntries = 0;
    }
  }
}
