package io.github.sparkrmsprop.optimization.sparse;

import java.util.Arrays;

/**
 * Sums values by int index in an open-addressing hash table (linear probing, load at most
 * 1/2), for gradients that touch far fewer coordinates than the model has. Each index's values
 * are added in the order {@link #add} receives them, starting from 0.0, exactly as
 * {@code dense[index] += value} would add them, so both give the same bits.
 */
final class IndexAccumulator {

  private static final int EMPTY = -1;

  private int[] keys;
  private double[] sums;
  private int size;
  private int mask;

  /** A table sized for about {@code expected} distinct indices. */
  IndexAccumulator(int expected) {
    int capacity = Integer.highestOneBit(Math.max(16, expected) * 2 - 1) << 1;
    keys = new int[capacity];
    Arrays.fill(keys, EMPTY);
    sums = new double[capacity];
    mask = capacity - 1;
  }

  void add(int index, double value) {
    int slot = slot(index);
    while (keys[slot] != index) {
      if (keys[slot] == EMPTY) {
        keys[slot] = index;
        if (++size * 2 > keys.length) {
          grow();
          slot = slot(index);
          while (keys[slot] != index) {
            slot = (slot + 1) & mask;
          }
        }
        break;
      }
      slot = (slot + 1) & mask;
    }
    sums[slot] += value;
  }

  int size() {
    return size;
  }

  /** Writes the distinct indices in ascending order and their sums into the two arrays. */
  void drainSorted(int[] indices, double[] values) {
    int n = 0;
    for (int s = 0; s < keys.length; s++) {
      if (keys[s] != EMPTY) {
        indices[n++] = keys[s];
      }
    }
    Arrays.sort(indices, 0, n);
    for (int k = 0; k < n; k++) {
      values[k] = sums[find(indices[k])];
    }
  }

  private int find(int index) {
    int slot = slot(index);
    while (keys[slot] != index) {
      slot = (slot + 1) & mask;
    }
    return slot;
  }

  private int slot(int index) {
    return (index * 0x9E3779B9 >>> 7) & mask;
  }

  private void grow() {
    int[] oldKeys = keys;
    double[] oldSums = sums;
    keys = new int[oldKeys.length * 2];
    Arrays.fill(keys, EMPTY);
    sums = new double[keys.length];
    mask = keys.length - 1;
    for (int s = 0; s < oldKeys.length; s++) {
      if (oldKeys[s] != EMPTY) {
        int slot = slot(oldKeys[s]);
        while (keys[slot] != EMPTY) {
          slot = (slot + 1) & mask;
        }
        keys[slot] = oldKeys[s];
        sums[slot] = oldSums[s];
      }
    }
  }
}
