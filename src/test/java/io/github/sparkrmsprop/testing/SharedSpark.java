package io.github.sparkrmsprop.testing;

import org.apache.spark.api.java.JavaSparkContext;
import org.apache.spark.sql.SparkSession;

/**
 * The one local SparkSession all test classes share (master {@code local[2]}, bound to
 * 127.0.0.1, no UI). It is created on first use and left running for the rest of the
 * Surefire JVM, so suites do not pay for a new context each; a test must never stop it (if one
 * does, the next call starts a new session rather than failing every later test).
 */
public final class SharedSpark {

  private static SparkSession session;

  private SharedSpark() {
  }

  /** The shared session, created on first call. */
  public static synchronized SparkSession session() {
    if (session == null || session.sparkContext().isStopped()) {
      session = SparkSession.builder()
          .master("local[2]")
          .appName("spark-rmsprop-tests")
          .config("spark.driver.host", "127.0.0.1")
          .config("spark.driver.bindAddress", "127.0.0.1")
          .config("spark.ui.enabled", "false")
          .config("spark.sql.shuffle.partitions", "4")
          .config("spark.default.parallelism", "4")
          .getOrCreate();
    }
    return session;
  }

  /** The shared session's context, for RDD tests. */
  public static JavaSparkContext jsc() {
    return JavaSparkContext.fromSparkContext(session().sparkContext());
  }
}
