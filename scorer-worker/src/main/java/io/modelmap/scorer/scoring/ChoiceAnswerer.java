package io.modelmap.scorer.scoring;

import io.modelmap.schemas.avro.McAnswer;
import io.modelmap.schemas.avro.McItem;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;

/**
 * Answers multiple-choice items as lm-evaluation-harness does: each choice is scored as the
 * continuation {@code " " + choice} after the question; {@code acc} picks the highest sum,
 * {@code acc_norm} the highest sum per UTF-8 byte of the continuation. Ties go to the first choice.
 */
public final class ChoiceAnswerer {
  static final String DELIMITER = " ";

  private final TextScorer scorer;

  public ChoiceAnswerer(TextScorer scorer) {
    this.scorer = scorer;
  }

  public List<McAnswer> answer(List<McItem> items) {
    List<String> contexts = new ArrayList<>();
    List<String> continuations = new ArrayList<>();
    for (McItem item : items) {
      for (CharSequence choice : item.getChoices()) {
        contexts.add(item.getQuestion().toString());
        continuations.add(DELIMITER + choice);
      }
    }
    double[] logLikelihoods = scorer.scoreContinuations(contexts, continuations);
    List<McAnswer> answers = new ArrayList<>(items.size());
    int at = 0;
    for (McItem item : items) {
      int k = item.getChoices().size();
      List<Double> perChoice = new ArrayList<>(k);
      double[] perByte = new double[k];
      for (int c = 0; c < k; c++) {
        perChoice.add(logLikelihoods[at + c]);
        perByte[c] = logLikelihoods[at + c] / continuations.get(at + c).getBytes(StandardCharsets.UTF_8).length;
      }
      at += k;
      answers.add(McAnswer.newBuilder().setItemId(item.getItemId())
          .setChosenIndex(argmax(perChoice.stream().mapToDouble(Double::doubleValue).toArray()))
          .setChosenIndexNorm(argmax(perByte)).setChoiceLogLikelihoods(perChoice).build());
    }
    return answers;
  }

  static int argmax(double[] values) {
    int best = 0;
    for (int i = 1; i < values.length; i++) {
      if (values[i] > values[best]) {
        best = i;
      }
    }
    return best;
  }
}
