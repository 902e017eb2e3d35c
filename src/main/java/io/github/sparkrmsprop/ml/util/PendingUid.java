package io.github.sparkrmsprop.ml.util;

import java.util.Objects;

/**
 * Hands a stage its uid before its superclass constructor runs. spark.ml's Scala base classes
 * create their {@code Param}s (featuresCol, thresholds, ...) in their constructors and call
 * {@code uid()} to name the parent; a Java subclass cannot assign a field before that. So a
 * stage's constructor stores the uid here ({@code this(PendingUid.set(uid), ...)}) and its
 * {@code uid()} takes it on first call, on the same thread.
 */
public final class PendingUid {

  private static final ThreadLocal<String> NEXT = new ThreadLocal<>();

  private PendingUid() {
  }

  /** Stores {@code uid} for the constructor about to run; returns null to fit a call. */
  public static Void set(String uid) {
    NEXT.set(Objects.requireNonNull(uid, "uid"));
    return null;
  }

  /** Takes the stored uid. */
  public static String take() {
    String uid = NEXT.get();
    NEXT.remove();
    if (uid == null) {
      throw new IllegalStateException("no pending uid: construct stages through their "
          + "public constructors");
    }
    return uid;
  }
}
