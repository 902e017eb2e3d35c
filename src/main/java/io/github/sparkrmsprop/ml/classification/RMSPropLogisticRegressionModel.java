package io.github.sparkrmsprop.ml.classification;

import com.fasterxml.jackson.databind.JsonNode;
import io.github.sparkrmsprop.ml.param.RMSPropParams;
import io.github.sparkrmsprop.ml.param.RMSPropSharedParams;
import io.github.sparkrmsprop.ml.param.RangeCheck;
import io.github.sparkrmsprop.ml.util.ModelIO;
import io.github.sparkrmsprop.ml.util.PendingUid;
import io.github.sparkrmsprop.ml.util.RMSPropTrainingSummary;
import io.github.sparkrmsprop.ml.util.SchemaChecks;
import java.util.List;
import org.apache.spark.ml.classification.ProbabilisticClassificationModel;
import org.apache.spark.ml.linalg.DenseMatrix;
import org.apache.spark.ml.linalg.DenseVector;
import org.apache.spark.ml.linalg.Matrix;
import org.apache.spark.ml.linalg.SQLDataTypes;
import org.apache.spark.ml.linalg.SparseVector;
import org.apache.spark.ml.linalg.Vector;
import org.apache.spark.ml.linalg.Vectors;
import org.apache.spark.ml.param.DoubleArrayParam;
import org.apache.spark.ml.param.DoubleParam;
import org.apache.spark.ml.param.ParamMap;
import org.apache.spark.ml.param.Params;
import org.apache.spark.ml.util.Identifiable;
import org.apache.spark.ml.util.MLReader;
import org.apache.spark.ml.util.MLWritable;
import org.apache.spark.ml.util.MLWriter;
import org.apache.spark.sql.Row;
import org.apache.spark.sql.RowFactory;
import org.apache.spark.sql.types.DataTypes;
import org.apache.spark.sql.types.StructType;

/**
 * The model of {@link RMSPropLogisticRegression}: a binary model holds one coefficient vector
 * and an intercept ({@link #coefficients()}, {@link #intercept()}); a multinomial one holds a
 * {@code K x numFeatures} matrix and {@code K} intercepts whose row and entry 0 are zero, the
 * pivot class ({@link #coefficientMatrix()}, {@link #interceptVector()}).
 *
 * <p>Raw prediction: binary {@code [-m, m]} with {@code m = w . x + b}; multinomial the
 * {@code K} margins. Probability: the sigmoid of {@code m} or the softmax of the margins.
 * Prediction: with {@code thresholds} set, spark.ml's rule (largest {@code p_k / t_k});
 * otherwise binary predicts 1 when {@code P(1) > threshold}, multinomial the largest margin.
 *
 * <p>Saved in spark.ml's layout ({@code metadata/} JSON, {@code data/} Parquet with
 * numClasses, numFeatures, interceptVector, coefficientMatrix, isMultinomial) and loaded by
 * {@link #read()}, also from inside a saved {@code PipelineModel}. The training summary is
 * not saved.
 */
public class RMSPropLogisticRegressionModel
    extends ProbabilisticClassificationModel<Vector, RMSPropLogisticRegressionModel>
    implements RMSPropParams, MLWritable {

  private static final long serialVersionUID = 1L;

  /** Default binary threshold. */
  static final double DEFAULT_THRESHOLD = 0.5;

  /** Set on the first call of uid(), made by Spark's constructors; see PendingUid. */
  private String uid;
  private final RMSPropSharedParams shared;
  private final DoubleParam threshold;
  private final DenseMatrix coefficientMatrix;
  private final DenseVector interceptVector;
  private final int numClasses;
  private final boolean multinomial;
  private transient RMSPropTrainingSummary summary;

  RMSPropLogisticRegressionModel(String uid, DenseMatrix coefficientMatrix,
      DenseVector interceptVector, int numClasses, boolean multinomial) {
    this(PendingUid.set(uid), coefficientMatrix, interceptVector, numClasses, multinomial);
  }

  private RMSPropLogisticRegressionModel(Void pendingUid, DenseMatrix coefficientMatrix,
      DenseVector interceptVector, int numClasses, boolean multinomial) {
    this.shared = new RMSPropSharedParams(this);
    this.threshold = thresholdParam(this);
    setDefault(shared.defaults());
    setDefault(threshold, DEFAULT_THRESHOLD);
    this.coefficientMatrix = coefficientMatrix;
    this.interceptVector = interceptVector;
    this.numClasses = numClasses;
    this.multinomial = multinomial;
  }

  static DoubleParam thresholdParam(Identifiable parent) {
    return new DoubleParam(parent, "threshold", "binary threshold on the probability of "
        + "class 1, in [0, 1]: predict 1 when P(1) > threshold. Default " + DEFAULT_THRESHOLD
        + ".", RangeCheck.closed("threshold", 0, 1));
  }

  /** The binary threshold of {@code p}: from {@code thresholds} (t0, t1) when those are set. */
  static double threshold(Params p, DoubleArrayParam thresholds, DoubleParam threshold) {
    if (p.isSet(thresholds)) {
      double[] t = p.getOrDefault(thresholds);
      if (t.length == 2) {
        return 1.0 / (1.0 + t[0] / t[1]);
      }
    }
    return (Double) p.getOrDefault(threshold);
  }

  /** Builds the model from weights in the pivoted layout of the gradient. */
  static RMSPropLogisticRegressionModel fromWeights(String uid, double[] w, int numFeatures,
      int numClasses, boolean fitIntercept) {
    int stride = numFeatures + (fitIntercept ? 1 : 0);
    boolean multinomial = numClasses > 2;
    int rows = multinomial ? numClasses : 1;
    int first = multinomial ? 1 : 0;
    double[] coef = new double[rows * numFeatures];
    double[] intercepts = new double[rows];
    for (int r = first; r < rows; r++) {
      int offset = (r - first) * stride;
      System.arraycopy(w, offset, coef, r * numFeatures, numFeatures);
      intercepts[r] = fitIntercept ? w[offset + numFeatures] : 0.0;
    }
    return new RMSPropLogisticRegressionModel(uid,
        new DenseMatrix(rows, numFeatures, coef, true), new DenseVector(intercepts),
        numClasses, multinomial);
  }

  @Override
  public RMSPropSharedParams sharedParams() {
    return shared;
  }

  @Override
  public String uid() {
    if (uid == null) {
      uid = PendingUid.take();
    }
    return uid;
  }

  @Override
  public int numClasses() {
    return numClasses;
  }

  @Override
  public int numFeatures() {
    return coefficientMatrix.numCols();
  }

  public boolean isMultinomial() {
    return multinomial;
  }

  /** The coefficients of a binary model. */
  public Vector coefficients() {
    requireBinary("coefficients", "coefficientMatrix");
    return Vectors.dense(rowOf(0));
  }

  /** The intercept of a binary model. */
  public double intercept() {
    requireBinary("intercept", "interceptVector");
    return interceptVector.apply(0);
  }

  /** {@code 1 x numFeatures} for binary, {@code K x numFeatures} (row 0 zero) otherwise. */
  public Matrix coefficientMatrix() {
    return coefficientMatrix;
  }

  /** One intercept for binary, {@code K} (entry 0 zero) otherwise. */
  public Vector interceptVector() {
    return interceptVector;
  }

  public boolean hasSummary() {
    return summary != null;
  }

  /** The training summary; only on a model fresh from {@code fit}. */
  public RMSPropTrainingSummary summary() {
    if (summary == null) {
      throw new IllegalStateException("no training summary: " + uid + " was not trained in "
          + "this session (summaries are not saved)");
    }
    return summary;
  }

  void setSummary(RMSPropTrainingSummary summary) {
    this.summary = summary;
  }

  @Override
  public Vector predictRaw(Vector features) {
    if (!multinomial) {
      double m = margin(features, 0);
      return Vectors.dense(-m, m);
    }
    double[] raw = new double[numClasses];
    for (int k = 0; k < numClasses; k++) {
      raw[k] = margin(features, k);
    }
    return Vectors.dense(raw);
  }

  @Override
  public Vector raw2probabilityInPlace(Vector rawPrediction) {
    double[] v = ((DenseVector) rawPrediction).values();
    if (!multinomial) {
      double p1 = sigmoid(v[1]);
      v[0] = 1.0 - p1;
      v[1] = p1;
      return rawPrediction;
    }
    double max = Double.NEGATIVE_INFINITY;
    for (double x : v) {
      max = Math.max(max, x);
    }
    double sum = 0.0;
    for (int k = 0; k < v.length; k++) {
      v[k] = Math.exp(v[k] - max);
      sum += v[k];
    }
    for (int k = 0; k < v.length; k++) {
      v[k] /= sum;
    }
    return rawPrediction;
  }

  @Override
  public double raw2prediction(Vector rawPrediction) {
    if (multinomial || isDefined(thresholds())) {
      return super.raw2prediction(rawPrediction);
    }
    double t = getThreshold();
    double rawThreshold = Math.log(t / (1.0 - t));
    return rawPrediction.apply(1) > rawThreshold ? 1.0 : 0.0;
  }

  @Override
  public double probability2prediction(Vector probability) {
    if (multinomial || isDefined(thresholds())) {
      return super.probability2prediction(probability);
    }
    return probability.apply(1) > getThreshold() ? 1.0 : 0.0;
  }

  @Override
  public StructType transformSchema(StructType schema) {
    SchemaChecks.requireVector(schema, getFeaturesCol(), "featuresCol", uid);
    return super.transformSchema(schema);
  }

  /**
   * Spark's own, restated: Java sees two inherited versions with different generic return
   * types (ProbabilisticClassificationModel's and ClassificationModel's) and needs one.
   */
  @Override
  @SuppressWarnings({"rawtypes", "unchecked"})
  public scala.Tuple3 findSummaryModel() {
    return super.findSummaryModel();
  }

  @Override
  public RMSPropLogisticRegressionModel copy(ParamMap extra) {
    RMSPropLogisticRegressionModel copy = copyValues(new RMSPropLogisticRegressionModel(uid,
        coefficientMatrix, interceptVector, numClasses, multinomial), extra);
    copy.summary = summary;
    return copy.setParent(parent());
  }

  /** Binary threshold; see {@link RMSPropLogisticRegression#setThreshold}. */
  public RMSPropLogisticRegressionModel setThreshold(double value) {
    if (isSet(thresholds())) {
      clear(thresholds());
    }
    return (RMSPropLogisticRegressionModel) set(threshold, value);
  }

  public double getThreshold() {
    return threshold(this, thresholds(), threshold);
  }

  @Override
  public RMSPropLogisticRegressionModel setThresholds(double[] value) {
    if (isSet(threshold)) {
      clear(threshold);
    }
    return (RMSPropLogisticRegressionModel) set(thresholds(), value);
  }

  public DoubleParam threshold() {
    return threshold;
  }

  @Override
  public MLWriter write() {
    return new Writer(this);
  }

  /** The reader, found by {@code PipelineModel.load} through the saved class name. */
  public static MLReader<RMSPropLogisticRegressionModel> read() {
    return new Reader();
  }

  public static RMSPropLogisticRegressionModel load(String path) {
    return read().load(path);
  }

  @Override
  public String toString() {
    return "RMSPropLogisticRegressionModel: uid=" + uid + ", numClasses=" + numClasses
        + ", numFeatures=" + numFeatures();
  }

  private double margin(Vector x, int row) {
    double m = interceptVector.apply(row);
    double[] c = coefficientMatrix.values();
    int d = coefficientMatrix.numCols();
    int offset = row * d;
    if (x instanceof SparseVector) {
      SparseVector sv = (SparseVector) x;
      int[] idx = sv.indices();
      double[] val = sv.values();
      for (int i = 0; i < idx.length; i++) {
        m += val[i] * c[offset + idx[i]];
      }
    } else {
      double[] val = x.toArray();
      for (int j = 0; j < d; j++) {
        m += val[j] * c[offset + j];
      }
    }
    return m;
  }

  private double[] rowOf(int r) {
    int d = coefficientMatrix.numCols();
    double[] out = new double[d];
    System.arraycopy(coefficientMatrix.values(), r * d, out, 0, d);
    return out;
  }

  private void requireBinary(String what, String instead) {
    if (multinomial) {
      throw new IllegalStateException("a multinomial model (" + numClasses + " classes) has "
          + "no single " + what + "; use " + instead);
    }
  }

  private static double sigmoid(double m) {
    return m >= 0 ? 1.0 / (1.0 + Math.exp(-m)) : Math.exp(m) / (1.0 + Math.exp(m));
  }

  private static final class Writer extends MLWriter {

    private final RMSPropLogisticRegressionModel model;

    Writer(RMSPropLogisticRegressionModel model) {
      this.model = model;
    }

    @Override
    public void saveImpl(String path) {
      ModelIO.saveMetadata(model, path, sparkSession());
      StructType schema = new StructType()
          .add("numClasses", DataTypes.IntegerType)
          .add("numFeatures", DataTypes.IntegerType)
          .add("interceptVector", SQLDataTypes.VectorType())
          .add("coefficientMatrix", SQLDataTypes.MatrixType())
          .add("isMultinomial", DataTypes.BooleanType);
      Row row = RowFactory.create(model.numClasses, model.numFeatures(), model.interceptVector,
          model.coefficientMatrix, model.multinomial);
      sparkSession().createDataFrame(List.of(row), schema).coalesce(1).write()
          .parquet(path + "/data");
    }
  }

  private static final class Reader extends MLReader<RMSPropLogisticRegressionModel> {

    @Override
    public RMSPropLogisticRegressionModel load(String path) {
      JsonNode metadata = ModelIO.loadMetadata(path, sparkSession(),
          RMSPropLogisticRegressionModel.class);
      Row data = sparkSession().read().parquet(path + "/data").first();
      Matrix coef = data.getAs("coefficientMatrix");
      Vector intercepts = data.getAs("interceptVector");
      RMSPropLogisticRegressionModel model = new RMSPropLogisticRegressionModel(
          metadata.get("uid").asText(), coef.toDense(), intercepts.toDense(),
          data.<Integer>getAs("numClasses"), data.<Boolean>getAs("isMultinomial"));
      ModelIO.setParams(model, metadata);
      return model;
    }
  }
}
