package io.modelmap.eval.cpp;

import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/** The CPP paper's Table 4 MSE (CPP-0, CPP-2) for its twelve large models, under the CPP data's names. */
public final class PaperTable4 {
  private static final Map<String, double[]> MSE = table();

  private PaperTable4() {}

  /** Model name → {CPP-0 MSE, CPP-2 MSE}, in the paper's order. */
  public static Map<String, double[]> mse() {
    return MSE;
  }

  /** The paper's models that {@code present} holds, in the paper's order. */
  public static List<String> modelsIn(List<String> present) {
    return MSE.keySet().stream().filter(present::contains).toList();
  }

  /** The paper's mean MSE in {@code column} (0: CPP-0, 1: CPP-2) over the listed models it has (NaN if none). */
  public static double mean(int column, List<String> models) {
    return models.stream().filter(MSE::containsKey).mapToDouble(m -> MSE.get(m)[column]).average().orElse(Double.NaN);
  }

  private static Map<String, double[]> table() {
    Map<String, double[]> t = new LinkedHashMap<>();
    t.put("LLama-2-70B", new double[] {1.34e-2, 1.79e-2});
    t.put("Llama 3 70B", new double[] {5.63e-2, 1.7e-2});
    t.put("LLaMA-65B", new double[] {1.73e-2, 1.88e-2});
    t.put("Luminous Supreme-70B", new double[] {6.06e-2, 1.45e-2});
    t.put("Pythia-12B", new double[] {2.19e-2, 1.57e-2});
    t.put("Yi-9b", new double[] {3.20e-2, 0.9e-2});
    t.put("Baichuan 2-13B-Base", new double[] {2.70e-2, 1.0e-2});
    t.put("Qwen-14B", new double[] {1.05e-2, 3.1e-2});
    t.put("TigerBot-70b", new double[] {8.02e-2, 4.4e-2});
    t.put("Gemma-7b", new double[] {4.94e-2, 10.2e-2});
    t.put("Falcon-180B", new double[] {5.00e-2, 3.2e-2});
    t.put("Gopher - 280B", new double[] {14.48e-2, 10.87e-2});
    return Collections.unmodifiableMap(t);
  }
}
