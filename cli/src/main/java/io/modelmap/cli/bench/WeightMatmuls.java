package io.modelmap.cli.bench;

import java.io.IOException;
import java.util.Map;
import java.util.TreeSet;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * The multiply-adds of the weight matmuls one token goes through, counted from a checkpoint's tensor
 * shapes: rows × columns of every 2-D tensor except the token tables (rows = the vocabulary: the input
 * embedding is a lookup and the output head is the logits, counted apart) and learned position tables
 * (a lookup). A tensor of an expert ({@code .experts.<e>.}) counts k/E of itself: each token passes
 * through k of its layer's E experts. Routers and shared experts are ordinary tensors.
 *
 * @param logitsWidth the token table's columns: the width the logits are computed from
 * @param parameters elements of every tensor, 1-D and tables included
 */
record WeightMatmuls(double macsPerToken, long parameters, int logitsWidth) {
  private static final Pattern POSITIONS = Pattern.compile("(^|\\.)(wpe|embed_positions|position_embeddings)\\.weight$");
  private static final Pattern EXPERT = Pattern.compile("\\.experts\\.(\\d+)\\.");

  static WeightMatmuls of(Map<String, long[]> shapes, int vocab, int expertsPerToken) throws IOException {
    TreeSet<Integer> experts = new TreeSet<>();
    shapes.keySet().forEach(name -> {
      Matcher m = EXPERT.matcher(name);
      if (m.find()) {
        experts.add(Integer.parseInt(m.group(1)));
      }
    });
    if (!experts.isEmpty() && expertsPerToken <= 0) {
      throw new IOException("the checkpoint has " + experts.size() + " experts per layer and config.json no"
          + " num_experts_per_tok");
    }
    double expertShare = experts.isEmpty() ? 0 : (double) expertsPerToken / experts.size();
    double dense = 0;
    double routed = 0;
    long parameters = 0;
    int logitsWidth = 0;
    for (Map.Entry<String, long[]> e : shapes.entrySet()) {
      long[] shape = e.getValue();
      long elements = 1;
      for (long d : shape) {
        elements *= d;
      }
      parameters += elements;
      if (shape.length != 2 || POSITIONS.matcher(e.getKey()).find()) {
        continue;
      }
      if (shape[0] == vocab) {
        logitsWidth = (int) shape[1];
      } else if (EXPERT.matcher(e.getKey()).find()) {
        routed += elements;
      } else {
        dense += elements;
      }
    }
    if (logitsWidth == 0) {
      throw new IOException("the checkpoint has no [vocab_size × width] token table (vocab_size " + vocab + ")");
    }
    return new WeightMatmuls(dense + expertShare * routed, parameters, logitsWidth);
  }
}
