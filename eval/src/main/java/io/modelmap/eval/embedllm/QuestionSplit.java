package io.modelmap.eval.embedllm;

import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Random;

/**
 * EmbedLLM's question split: the questions shuffled with the seed, then the first 80 % train, the next
 * 10 % validation and the rest test (the boundaries rounded down, so test gets the remainder).
 *
 * @param train question indices for training
 * @param validation question indices for choosing KNN's k
 * @param test question indices every accuracy is reported on
 */
public record QuestionSplit(List<Integer> train, List<Integer> validation, List<Integer> test) {
  public QuestionSplit {
    train = List.copyOf(train);
    validation = List.copyOf(validation);
    test = List.copyOf(test);
  }

  /** Questions 0 … {@code questions} − 1, shuffled by {@code Collections.shuffle} with {@code new Random(seed)}. */
  public static QuestionSplit shuffled(int questions, long seed) {
    List<Integer> order = new ArrayList<>();
    for (int q = 0; q < questions; q++) {
      order.add(q);
    }
    Collections.shuffle(order, new Random(seed));
    int trainEnd = (int) (0.8 * order.size());
    int validationEnd = (int) (0.9 * order.size());
    return new QuestionSplit(order.subList(0, trainEnd), order.subList(trainEnd, validationEnd),
        order.subList(validationEnd, order.size()));
  }
}
