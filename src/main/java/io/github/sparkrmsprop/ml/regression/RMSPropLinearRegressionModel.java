package io.github.sparkrmsprop.ml.regression;

import com.fasterxml.jackson.databind.JsonNode;
import io.github.sparkrmsprop.ml.param.RMSPropParams;
import io.github.sparkrmsprop.ml.param.RMSPropSharedParams;
import io.github.sparkrmsprop.ml.util.ModelIO;
import io.github.sparkrmsprop.ml.util.PendingUid;
import io.github.sparkrmsprop.ml.util.RMSPropTrainingSummary;
import io.github.sparkrmsprop.ml.util.SchemaChecks;
import java.util.Arrays;
import java.util.List;
import org.apache.spark.ml.linalg.DenseVector;
import org.apache.spark.ml.linalg.SQLDataTypes;
import org.apache.spark.ml.linalg.SparseVector;
import org.apache.spark.ml.linalg.Vector;
import org.apache.spark.ml.param.ParamMap;
import org.apache.spark.ml.regression.RegressionModel;
import org.apache.spark.ml.util.MLReader;
import org.apache.spark.ml.util.MLWritable;
import org.apache.spark.ml.util.MLWriter;
import org.apache.spark.sql.Row;
import org.apache.spark.sql.RowFactory;
import org.apache.spark.sql.types.DataTypes;
import org.apache.spark.sql.types.StructType;

/**
 * The model of {@link RMSPropLinearRegression}: predicts {@code w . x + b}. Saved in
 * spark.ml's layout ({@code metadata/} JSON, {@code data/} Parquet with intercept,
 * coefficients) and loaded by {@link #read()}, also from inside a saved
 * {@code PipelineModel}. The training summary is not saved.
 */
public class RMSPropLinearRegressionModel
    extends RegressionModel<Vector, RMSPropLinearRegressionModel>
    implements RMSPropParams, MLWritable {

  private static final long serialVersionUID = 1L;

  /** Set on the first call of uid(), made by Spark's constructors; see PendingUid. */
  private String uid;
  private final RMSPropSharedParams shared;
  private final DenseVector coefficients;
  private final double intercept;
  private transient RMSPropTrainingSummary summary;

  RMSPropLinearRegressionModel(String uid, DenseVector coefficients, double intercept) {
    this(PendingUid.set(uid), coefficients, intercept);
  }

  private RMSPropLinearRegressionModel(Void pendingUid, DenseVector coefficients,
      double intercept) {
    this.shared = new RMSPropSharedParams(this);
    setDefault(shared.defaults());
    this.coefficients = coefficients;
    this.intercept = intercept;
  }

  static RMSPropLinearRegressionModel fromWeights(String uid, double[] w, int numFeatures,
      boolean fitIntercept) {
    return new RMSPropLinearRegressionModel(uid,
        new DenseVector(Arrays.copyOf(w, numFeatures)), fitIntercept ? w[numFeatures] : 0.0);
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

  public Vector coefficients() {
    return coefficients;
  }

  public double intercept() {
    return intercept;
  }

  @Override
  public int numFeatures() {
    return coefficients.size();
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
  public double predict(Vector features) {
    double y = intercept;
    double[] c = coefficients.values();
    if (features instanceof SparseVector) {
      SparseVector sv = (SparseVector) features;
      int[] idx = sv.indices();
      double[] val = sv.values();
      for (int i = 0; i < idx.length; i++) {
        y += val[i] * c[idx[i]];
      }
    } else {
      double[] val = features.toArray();
      for (int j = 0; j < c.length; j++) {
        y += val[j] * c[j];
      }
    }
    return y;
  }

  @Override
  public StructType transformSchema(StructType schema) {
    SchemaChecks.requireVector(schema, getFeaturesCol(), "featuresCol", uid);
    return super.transformSchema(schema);
  }

  @Override
  public RMSPropLinearRegressionModel copy(ParamMap extra) {
    RMSPropLinearRegressionModel copy = copyValues(
        new RMSPropLinearRegressionModel(uid, coefficients, intercept), extra);
    copy.summary = summary;
    return copy.setParent(parent());
  }

  @Override
  public MLWriter write() {
    return new Writer(this);
  }

  /** The reader, found by {@code PipelineModel.load} through the saved class name. */
  public static MLReader<RMSPropLinearRegressionModel> read() {
    return new Reader();
  }

  public static RMSPropLinearRegressionModel load(String path) {
    return read().load(path);
  }

  @Override
  public String toString() {
    return "RMSPropLinearRegressionModel: uid=" + uid + ", numFeatures=" + numFeatures();
  }

  private static final class Writer extends MLWriter {

    private final RMSPropLinearRegressionModel model;

    Writer(RMSPropLinearRegressionModel model) {
      this.model = model;
    }

    @Override
    public void saveImpl(String path) {
      ModelIO.saveMetadata(model, path, sparkSession());
      StructType schema = new StructType()
          .add("intercept", DataTypes.DoubleType)
          .add("coefficients", SQLDataTypes.VectorType());
      Row row = RowFactory.create(model.intercept, model.coefficients);
      sparkSession().createDataFrame(List.of(row), schema).coalesce(1).write()
          .parquet(path + "/data");
    }
  }

  private static final class Reader extends MLReader<RMSPropLinearRegressionModel> {

    @Override
    public RMSPropLinearRegressionModel load(String path) {
      JsonNode metadata = ModelIO.loadMetadata(path, sparkSession(),
          RMSPropLinearRegressionModel.class);
      Row data = sparkSession().read().parquet(path + "/data").first();
      Vector coefficients = data.getAs("coefficients");
      RMSPropLinearRegressionModel model = new RMSPropLinearRegressionModel(
          metadata.get("uid").asText(), coefficients.toDense(),
          data.<Double>getAs("intercept"));
      ModelIO.setParams(model, metadata);
      return model;
    }
  }
}
