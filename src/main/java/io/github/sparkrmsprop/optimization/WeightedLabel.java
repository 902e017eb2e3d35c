package io.github.sparkrmsprop.optimization;

import java.io.Serializable;

/**
 * The label of one row together with its instance weight, for the label slot of the rows
 * {@link RMSPropOptimizer} trains on. Such rows need a {@link WeightedGradient}.
 */
public final class WeightedLabel implements Serializable {

  private static final long serialVersionUID = 1L;

  private final double label;
  private final double weight;

  /** A label with its weight; the caller checks the weight is finite and non-negative. */
  public WeightedLabel(double label, double weight) {
    this.label = label;
    this.weight = weight;
  }

  public double label() {
    return label;
  }

  public double weight() {
    return weight;
  }

  @Override
  public String toString() {
    return "(" + label + ", weight " + weight + ")";
  }
}
