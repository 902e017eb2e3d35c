package io.github.sparkrmsprop.optimization.sparse;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;

import java.util.Arrays;
import org.junit.jupiter.api.Test;

/** Permutation mini-batches: coverage per epoch, determinism, sizes. */
class MiniBatchPlanTest {

  @Test
  void oneEpochVisitsEveryRowExactlyOnce() {
    for (int rows : new int[] {0, 1, 2, 7, 1003, 4096, 4097}) {
      MiniBatchPlan plan = new MiniBatchPlan(0.1, 42L);
      int[] seen = new int[rows];

      for (int iter = 1; iter <= plan.slicesPerEpoch(); iter++) {
        MiniBatchPlan.RowPermutation perm = plan.permutation(3, iter, rows);
        for (int p = plan.from(iter, rows); p < plan.to(iter, rows); p++) {
          seen[perm.row(p)]++;
        }
      }

      int[] once = new int[rows];
      Arrays.fill(once, 1);
      assertArrayEquals(once, seen, "rows " + rows);
      assertEquals(10, plan.slicesPerEpoch());
    }
  }

  @Test
  void epochsAndPartitionsHaveTheirOwnOrderAndTheSameSeedRepeatsIt() {
    MiniBatchPlan plan = new MiniBatchPlan(0.25, 7L);

    int[] epoch1 = order(plan, 0, 1, 500);
    int[] epoch2 = order(plan, 0, 5, 500);
    int[] otherPartition = order(plan, 1, 1, 500);
    int[] again = order(new MiniBatchPlan(0.25, 7L), 0, 1, 500);

    assertArrayEquals(epoch1, again);
    assertFalse(Arrays.equals(epoch1, epoch2));
    assertFalse(Arrays.equals(epoch1, otherPartition));
  }

  @Test
  void fullBatchKeepsTheStoredOrder() {
    MiniBatchPlan plan = new MiniBatchPlan(1.0, 1L);

    int[] order = order(plan, 2, 9, 50);

    for (int r = 0; r < 50; r++) {
      assertEquals(r, order[r]);
    }
    assertEquals(0, plan.from(9, 50));
    assertEquals(50, plan.to(9, 50));
  }

  private static int[] order(MiniBatchPlan plan, int partition, int iteration, int rows) {
    MiniBatchPlan.RowPermutation perm = plan.permutation(partition, iteration, rows);
    int[] out = new int[rows];
    for (int p = 0; p < rows; p++) {
      out[p] = perm.row(p);
    }
    return out;
  }
}
