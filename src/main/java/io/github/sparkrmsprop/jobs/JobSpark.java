package io.github.sparkrmsprop.jobs;

import org.apache.spark.SparkConf;
import org.apache.spark.sql.SparkSession;

/**
 * The Spark session of a job: the running one when there is one (a test, a notebook), else a
 * new one. A new session uses the master given by {@code spark.master} (spark-submit's
 * {@code --master}) or {@code local[*]} when none is set; with a local master the driver binds
 * to 127.0.0.1 unless {@code spark.driver.host} or {@code spark.driver.bindAddress} say
 * otherwise.
 *
 * <p>Ownership: {@link #close()} stops the session only when this object created it, so a job
 * run inside a test never stops the test's shared session.
 */
final class JobSpark implements AutoCloseable {

  private final SparkSession session;
  private final boolean createdHere;

  private JobSpark(SparkSession session, boolean createdHere) {
    this.session = session;
    this.createdHere = createdHere;
  }

  /** The running default session, or a new one named {@code appName}. */
  static JobSpark getOrCreate(String appName) {
    boolean existed = SparkSession.getDefaultSession().isDefined()
        || SparkSession.getActiveSession().isDefined();
    SparkSession session = SparkSession.builder().config(sparkConf(appName)).getOrCreate();
    return new JobSpark(session, !existed);
  }

  /** Settings of a new session: local[*] when no master is set, loopback for local masters. */
  static SparkConf sparkConf(String appName) {
    SparkConf conf = new SparkConf().setAppName(appName);
    if (!conf.contains("spark.master")) {
      conf.setMaster("local[*]");
    }
    if (conf.get("spark.master").startsWith("local")) {
      conf.setIfMissing("spark.driver.host", "127.0.0.1");
      conf.setIfMissing("spark.driver.bindAddress", "127.0.0.1");
    }
    return conf;
  }

  SparkSession session() {
    return session;
  }

  @Override
  public void close() {
    if (createdHere) {
      session.stop();
    }
  }
}
