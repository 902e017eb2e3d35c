package io.github.sparkrmsprop.optimization.sparse;

import java.io.Serializable;
import org.apache.spark.broadcast.Broadcast;

/**
 * How a task obtains the weights of the current iteration: a plain broadcast of the whole
 * vector ({@link #of(Broadcast)}), or an executor-side replica kept current by small deltas
 * ({@link WeightReplicas}). Implementations are serialized into every task.
 */
@FunctionalInterface
public interface WeightSource extends Serializable {

  /** The weights, read-only; called on the executor. */
  double[] weights();

  /** The whole vector in one broadcast. */
  static WeightSource of(Broadcast<double[]> broadcast) {
    return broadcast::value;
  }
}
