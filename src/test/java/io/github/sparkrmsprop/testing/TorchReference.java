package io.github.sparkrmsprop.testing;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;

/**
 * One reference trajectory written by {@code scripts/torch_reference.py} (PyTorch's
 * optimizers in float64) under {@code src/test/resources/reference/torch/}, with the small
 * problem it ran on and the loss and gradient of that problem computed here.
 */
public final class TorchReference {

  public final JsonNode json;
  public final double[][] x;
  public final double[] y;
  public final boolean logistic;

  private TorchReference(JsonNode json) {
    this.json = json;
    this.x = matrix(json.get("X"));
    this.y = vector(json.get("y"));
    this.logistic = json.get("problem").asText().equals("logistic");
  }

  /** Loads {@code reference/torch/NAME.json} from the test classpath. */
  public static TorchReference load(String name) {
    String path = "/reference/torch/" + name + ".json";
    try (InputStream in = TorchReference.class.getResourceAsStream(path)) {
      if (in == null) {
        throw new IllegalStateException("missing test resource " + path
            + "; regenerate with /usr/bin/python3 scripts/torch_reference.py");
      }
      return new TorchReference(new ObjectMapper().readTree(in));
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  public double hyper(String key) {
    return json.get("hyper").get(key).asDouble();
  }

  public boolean hyperFlag(String key) {
    return json.get("hyper").get(key).asBoolean();
  }

  public double[] w0() {
    return vector(json.get("w0"));
  }

  public int steps() {
    return json.get("steps").asInt();
  }

  /** Entry {@code k} (0-based) of the trajectory: the state after step {@code k + 1}. */
  public JsonNode step(int k) {
    return json.get("trajectory").get(k);
  }

  /** Mean loss of the problem at {@code w}: squared or logistic, as MLlib's gradients. */
  public double loss(double[] w) {
    double sum = 0.0;
    for (int r = 0; r < x.length; r++) {
      double z = dot(x[r], w);
      if (logistic) {
        sum += (z > 0 ? z + Math.log1p(Math.exp(-z)) : Math.log1p(Math.exp(z))) - y[r] * z;
      } else {
        double e = z - y[r];
        sum += 0.5 * e * e;
      }
    }
    return sum / x.length;
  }

  /** Gradient of {@link #loss} at {@code w}. */
  public double[] gradient(double[] w) {
    double[] g = new double[w.length];
    for (int r = 0; r < x.length; r++) {
      double z = dot(x[r], w);
      double multiplier = logistic ? 1.0 / (1.0 + Math.exp(-z)) - y[r] : z - y[r];
      for (int j = 0; j < w.length; j++) {
        g[j] += multiplier * x[r][j];
      }
    }
    for (int j = 0; j < w.length; j++) {
      g[j] /= x.length;
    }
    return g;
  }

  public static double[] vector(JsonNode node) {
    double[] v = new double[node.size()];
    for (int i = 0; i < v.length; i++) {
      v[i] = node.get(i).asDouble();
    }
    return v;
  }

  private static double[][] matrix(JsonNode node) {
    double[][] m = new double[node.size()][];
    for (int i = 0; i < m.length; i++) {
      m[i] = vector(node.get(i));
    }
    return m;
  }

  private static double dot(double[] a, double[] b) {
    double s = 0.0;
    for (int i = 0; i < a.length; i++) {
      s += a[i] * b[i];
    }
    return s;
  }
}
