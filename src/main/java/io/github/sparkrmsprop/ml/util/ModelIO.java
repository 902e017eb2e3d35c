package io.github.sparkrmsprop.ml.util;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.util.List;
import java.util.Map;
import org.apache.hadoop.fs.Path;
import org.apache.spark.ml.param.Param;
import org.apache.spark.ml.param.ParamPair;
import org.apache.spark.ml.param.Params;
import org.apache.spark.sql.Dataset;
import org.apache.spark.sql.Row;
import org.apache.spark.sql.RowFactory;
import org.apache.spark.sql.SparkSession;
import org.apache.spark.sql.types.DataTypes;
import org.apache.spark.sql.types.StructType;
import scala.jdk.javaapi.CollectionConverters;

/**
 * Saving and loading models in spark.ml's layout, through public APIs only: under the model's
 * directory, {@code metadata/} is a text file of one JSON object ({@code class},
 * {@code timestamp}, {@code sparkVersion}, {@code uid}, {@code paramMap},
 * {@code defaultParamMap}, each parameter value in its {@code Param.jsonEncode} form), and
 * {@code data/} is Parquet written by the model. This is what {@code PipelineModel.load}
 * reads for a stage's class name before calling that class's static {@code read()}.
 */
public final class ModelIO {

  private static final ObjectMapper JSON = new ObjectMapper();

  private ModelIO() {
  }

  /** Writes {@code path/metadata} for {@code instance}. */
  public static void saveMetadata(Params instance, String path, SparkSession spark) {
    ObjectNode root = JSON.createObjectNode();
    root.put("class", instance.getClass().getName());
    root.put("timestamp", System.currentTimeMillis());
    root.put("sparkVersion", spark.version());
    root.put("uid", instance.uid());
    root.set("paramMap", encode(instance.extractParamMap().toSeq(), instance, false));
    root.set("defaultParamMap", encode(instance.extractParamMap().toSeq(), instance, true));
    StructType schema = new StructType().add("value", DataTypes.StringType);
    List<Row> text = List.of(RowFactory.create(root.toString()));
    spark.createDataFrame(text, schema).coalesce(1).write()
        .text(new Path(path, "metadata").toString());
  }

  /**
   * Reads {@code path/metadata}, checks its class is {@code expected} and returns it.
   *
   * @throws IllegalArgumentException when the saved class is another one
   */
  public static JsonNode loadMetadata(String path, SparkSession spark, Class<?> expected) {
    Dataset<Row> text = spark.read().text(new Path(path, "metadata").toString());
    JsonNode metadata;
    try {
      metadata = JSON.readTree(text.first().getString(0));
    } catch (IOException e) {
      throw new UncheckedIOException("cannot parse the metadata under " + path, e);
    }
    String saved = metadata.path("class").asText();
    if (!saved.equals(expected.getName())) {
      throw new IllegalArgumentException("the model under " + path + " is a " + saved
          + ", not a " + expected.getName());
    }
    return metadata;
  }

  /** Sets on {@code instance} the parameter values and defaults saved in {@code metadata}. */
  @SuppressWarnings({"unchecked", "rawtypes"})
  public static void setParams(Params instance, JsonNode metadata) {
    for (String section : new String[] {"defaultParamMap", "paramMap"}) {
      for (Map.Entry<String, JsonNode> e : metadata.path(section).properties()) {
        Param param = instance.getParam(e.getKey());
        Object value = param.jsonDecode(e.getValue().toString());
        if (section.equals("paramMap")) {
          instance.set(param, value);
        } else {
          instance.setDefault(param, value);
        }
      }
    }
  }

  private static ObjectNode encode(scala.collection.immutable.Seq<ParamPair<?>> pairs,
      Params instance, boolean defaults) {
    ObjectNode node = JSON.createObjectNode();
    for (ParamPair<?> pair : CollectionConverters.asJava(pairs)) {
      @SuppressWarnings("unchecked")
      Param<Object> param = (Param<Object>) pair.param();
      boolean wanted = defaults ? instance.hasDefault(param) : instance.isSet(param);
      if (!wanted) {
        continue;
      }
      Object value = defaults ? instance.getDefault(param).get() : pair.value();
      try {
        node.set(param.name(), JSON.readTree(param.jsonEncode(value)));
      } catch (IOException e) {
        throw new UncheckedIOException("cannot encode parameter " + param.name(), e);
      }
    }
    return node;
  }
}
