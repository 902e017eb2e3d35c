package io.github.sparkrmsprop.ml.classification;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.github.sparkrmsprop.ml.TestData;
import java.io.File;
import java.nio.file.Path;
import java.util.Arrays;
import org.apache.spark.ml.param.ParamMap;
import org.apache.spark.sql.Dataset;
import org.apache.spark.sql.Row;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The estimator's checkpointDir, checkpointInterval and resume params. */
class RMSPropCheckpointParamsTest {

  @TempDir
  Path dir;

  @Test
  void aFitResumedFromItsCheckpointEqualsAStraightFit() {
    Dataset<Row> data = TestData.classes(150, 4, 2, 7L, false).cache();
    RMSPropLogisticRegression straight = new RMSPropLogisticRegression().setMaxIter(12)
        .setStepSize(0.05).setMomentum(0.5).setTol(0.0);

    RMSPropLogisticRegressionModel all = straight.fit(data);
    ((RMSPropLogisticRegression) straight.copy(new ParamMap()))
        .setMaxIter(6).setCheckpointDir(dir.toString()).setCheckpointInterval(3).fit(data);
    String[] written = new File(dir.toString()).list((d, n) -> n.startsWith("checkpoint-"));
    RMSPropLogisticRegressionModel resumed = straight.setCheckpointDir(dir.toString())
        .setResume(true).fit(data);

    Arrays.sort(written);
    assertEquals("[checkpoint-0000000003, checkpoint-0000000006]", Arrays.toString(written));
    assertArrayEquals(all.coefficients().toArray(), resumed.coefficients().toArray(), 0.0);
    assertEquals(all.intercept(), resumed.intercept(), 0.0);
    assertEquals(12, resumed.summary().totalIterations());
  }

  @Test
  void checkpointIntervalZeroIsRefusedWithItsRange() {
    IllegalArgumentException e = assertThrows(IllegalArgumentException.class,
        () -> new RMSPropLogisticRegression().setCheckpointInterval(0));

    assertTrue(e.getMessage().contains("checkpointInterval must be -1 (never) or in [1, inf) "
        + "but was 0"), e.getMessage());
  }
}
