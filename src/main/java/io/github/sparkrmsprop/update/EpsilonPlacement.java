package io.github.sparkrmsprop.update;

/** Where epsilon enters RMSProp's denominator. */
public enum EpsilonPlacement {
  /** {@code sqrt(D) + eps}, as PyTorch's {@code torch.optim.RMSprop} (the default). */
  OUTSIDE_SQRT,
  /** {@code sqrt(D + eps)}, as Keras and TensorFlow's RMSProp. */
  INSIDE_SQRT
}
