package io.modelmap.eval.bench;

import io.modelmap.formats.responses.ResponseFiles;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Random;

/**
 * Many models' responses made from few real ones, for the response benchmark at large K: synthetic model
 * m answers each prompt with real model (m mod K)'s response, each word dropped with probability 0.1 and
 * each adjacent pair swapped with probability 0.05 (seeded by m), so responses keep real lengths and
 * vocabulary but no two are equal.
 */
public final class SyntheticResponses {
  private SyntheticResponses() {}

  public static List<ResponseFiles.Response> of(List<ResponseFiles.Response> real, int models, int prompts) {
    Map<String, Map<String, String>> byPrompt = new LinkedHashMap<>();
    real.forEach(r -> byPrompt.computeIfAbsent(r.promptId(), p -> new LinkedHashMap<>()).put(r.modelId(), r.text()));
    List<ResponseFiles.Response> out = new ArrayList<>();
    int taken = 0;
    for (Map.Entry<String, Map<String, String>> prompt : byPrompt.entrySet()) {
      if (taken++ == prompts) {
        break;
      }
      List<String> texts = new ArrayList<>(prompt.getValue().values());
      for (int m = 0; m < models; m++) {
        Random random = new Random(31L * m + prompt.getKey().hashCode());
        out.add(new ResponseFiles.Response("synthetic/model-" + m, prompt.getKey(),
            perturbed(texts.get(m % texts.size()), random)));
      }
    }
    return out;
  }

  private static String perturbed(String text, Random random) {
    List<String> words = new ArrayList<>();
    for (String w : text.split(" ")) {
      if (random.nextDouble() >= 0.1) {
        words.add(w);
      }
    }
    for (int i = 0; i + 1 < words.size(); i++) {
      if (random.nextDouble() < 0.05) {
        String w = words.get(i);
        words.set(i, words.get(i + 1));
        words.set(i + 1, w);
      }
    }
    return String.join(" ", words);
  }
}
