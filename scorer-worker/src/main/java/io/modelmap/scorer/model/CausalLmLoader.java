package io.modelmap.scorer.model;

import ai.djl.Device;
import ai.djl.ndarray.types.DataType;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Locale;

/**
 * Loads a causal LM from a Hugging Face directory, choosing the implementation by {@code model_type};
 * a folder with a traced {@code torchscript.pt} and no safetensors loads as TorchScript.
 */
public final class CausalLmLoader {
  private static final ObjectMapper JSON = new ObjectMapper();

  private CausalLmLoader() {}

  /** The family class of each {@code model_type} this loader implements (GPT-2 has its own, {@link Gpt2Model}). */
  private static final Map<String, DecoderFamily> FAMILIES = families();

  private static Map<String, DecoderFamily> families() {
    Map<String, DecoderFamily> families = new LinkedHashMap<>();
    LlamaFamily llama = new LlamaFamily();
    for (String type : List.of("llama", "mistral", "qwen2", "qwen3", "granite", "mixtral", "qwen2_moe")) {
      families.put(type, llama);
    }
    NeoxFamily neox = new NeoxFamily();
    families.put("gpt_neox", neox);
    GemmaFamily gemma = new GemmaFamily();
    for (String type : List.of("gemma", "gemma2", "gemma3_text")) {
      families.put(type, gemma);
    }
    GptJFamily gptj = new GptJFamily();
    families.put("gptj", gptj);
    families.put("codegen", gptj);
    LearnedPositionFamily learned = new LearnedPositionFamily();
    families.put("gpt_neo", learned);
    families.put("gpt_bigcode", learned);
    OptFamily opt = new OptFamily();
    families.put("opt", opt);
    families.put("xglm", opt);
    families.put("bloom", new BloomFamily());
    families.put("mpt", new MptFamily());
    families.put("falcon", new FalconFamily());
    families.put("phi", new PhiFamily());
    families.put("phi3", new Phi3Family());
    StableLmFamily stableLm = new StableLmFamily();
    families.put("stablelm", stableLm);
    families.put("starcoder2", stableLm);
    OlmoFamily olmo = new OlmoFamily();
    families.put("olmo", olmo);
    families.put("olmo2", olmo);
    families.put("deepseek_v2", new DeepSeekV2Family());
    return families;
  }

  /** The {@code model_type}s this loader implements. */
  static final List<String> SUPPORTED = supported();

  private static List<String> supported() {
    List<String> types = new ArrayList<>(List.of("gpt2"));
    types.addAll(FAMILIES.keySet());
    return List.copyOf(types);
  }

  /** The {@code model_type}s this loader implements (what the Hub watcher registers by default). */
  public static List<String> supportedModelTypes() {
    return SUPPORTED;
  }

  /** State-space and recurrent models: no attention, so none of the families applies. */
  private static final List<String> RECURRENT = List.of("rwkv", "rwkv5", "rwkv6", "rwkv7", "mamba", "mamba2",
      "recurrent_gemma", "xlstm", "falcon_mamba", "jamba", "zamba", "zamba2");

  /**
   * Why a model with this config.json cannot be scored, in one line naming its model_type, what is
   * supported and the TorchScript route; null when its model_type is supported.
   */
  public static String refusal(JsonNode config) {
    String type = config.path("model_type").asText("");
    if (SUPPORTED.contains(type)) {
      return null;
    }
    String supported = "supported: " + String.join(", ", SUPPORTED) + "; or trace the model to TorchScript ("
        + TorchScriptLm.FILE_NAME + ") to score it as it is";
    if (type.isEmpty()) {
      return "config.json names no model_type; " + supported;
    }
    if (RECURRENT.contains(type)) {
      return "model_type '" + type + "' is a recurrent model, not a transformer decoder; " + supported;
    }
    if (config.has("auto_map")) {
      return "model_type '" + type + "' needs trust_remote_code (its modeling code ships with the checkpoint)"
          + " and the scorer never runs a checkpoint's code; " + supported;
    }
    return "model_type '" + type + "' is not supported; " + supported;
  }

  /** The dtypes weights can be scored in; log-softmax is always float32. */
  public static final List<String> DTYPES = List.of("float32", "float16", "bfloat16");

  /** Loads in float32. */
  public static CausalLm load(Path dir, Device device) throws IOException {
    return load(dir, device, "float32");
  }

  /**
   * Loads with weights in {@code dtype}: float32, float16, or bfloat16 (held as float32, see
   * {@link #dataType}); TorchScript keeps its traced dtype.
   */
  public static CausalLm load(Path dir, Device device, String dtype) throws IOException {
    Path configFile = dir.resolve("config.json");
    if (!Files.isRegularFile(configFile)) {
      throw new IOException(dir + " has no config.json; expected a Hugging Face model directory");
    }
    JsonNode config = JSON.readTree(configFile.toFile());
    if (isTorchScript(dir)) {
      return TorchScriptLm.load(dir, config, device);
    }
    String refusal = refusal(config);
    if (refusal != null) {
      throw new IOException(dir + ": " + refusal);
    }
    String type = config.path("model_type").asText("");
    DataType weights = dataType(dtype);
    CheckpointTensors tensors = CheckpointTensors.open(dir);
    StartToken start = StartToken.of(dir, config).orElse(null);
    if (type.equals("gpt2")) {
      Gpt2Config gpt2 = Gpt2Config.from(config);
      return Gpt2Model.load(start == null ? gpt2 : gpt2.withBosTokenId(start.id()), tensors, device, weights);
    }
    DecoderFamily family = FAMILIES.get(type);
    HfConfig fields = new HfConfig(config, configFile.toString(), start);
    return TransformerLm.load(type, tensors, device, weights, family.basePrefix(),
        (manager, map) -> family.build(fields, manager, map));
  }

  /** Whether the folder holds a traced model and no safetensors weights (which are preferred). */
  public static boolean isTorchScript(Path dir) {
    return Files.isRegularFile(dir.resolve(TorchScriptLm.FILE_NAME))
        && !Files.isRegularFile(dir.resolve("model.safetensors"))
        && !Files.isRegularFile(dir.resolve("model.safetensors.index.json"));
  }

  /**
   * The dtype the weights are held in. DJL 0.35 cannot hold bfloat16 tensors (creating one aborts the
   * JVM), so bfloat16 weights are widened to float32, which represents them exactly: the same
   * numbers, twice the memory. (float16 is no substitute: its range is far narrower.)
   */
  static DataType dataType(String dtype) {
    return switch (dtype.toLowerCase(Locale.ROOT)) {
      case "float32", "fp32", "bfloat16", "bf16" -> DataType.FLOAT32;
      case "float16", "fp16", "half" -> DataType.FLOAT16;
      default -> throw new IllegalArgumentException("dtype '" + dtype + "' is not supported; use one of " + DTYPES);
    };
  }
}
