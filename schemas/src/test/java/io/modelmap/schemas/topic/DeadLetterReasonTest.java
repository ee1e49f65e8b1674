package io.modelmap.schemas.topic;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.lang.reflect.RecordComponent;
import java.util.Arrays;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import java.util.stream.Collectors;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;

class DeadLetterReasonTest {

  /** The strings dead letters carried before the enum existed (grepped from the validators, the restore and the worker). */
  private static final List<String> WRITTEN_BEFORE = List.of("undecodable", "null-value", "invalid", "invalid-id",
      "key-mismatch", "missing-corpus", "empty", "oversize", "duplicate-text", "non-finite", "positive-log-likelihood",
      "no-tokens", "unknown-text", "index-out-of-range", "empty-text", "byte-length-mismatch", "conflicting-text",
      "missing-id", "too-few-choices", "gold-out-of-range", "conflicting-item", "missing-benchmark", "duplicate-item",
      "negative-choice", "bad-log-likelihood", "choice-out-of-range", "unknown-item", "non-finite-score",
      "implausible-score", "negative-shots", "duplicate-prompt", "source-refused", "failed-after-retries");
  /** Reasons added since, each with the rule that writes it. */
  private static final List<String> ADDED_SINCE = List.of("unregistered-model", // MatrixProcessor, issue 26
      // the shards' loop topic, issue 31: ShardExchangeValidator, then ShardExchanges
      "unexpected-kind", "shard-out-of-range", "wrong-home-shard", "row-length-mismatch", "unknown-corpus",
      "unknown-model");

  @Test
  void shouldWriteExactlyTheReasonStringsDeadLettersCarriedBefore() {
    assertThat(Arrays.stream(DeadLetterReason.values()).map(DeadLetterReason::code))
        .containsExactlyInAnyOrderElementsOf(java.util.stream.Stream.concat(WRITTEN_BEFORE.stream(), ADDED_SINCE.stream())
            .toList());
  }

  @Test
  void shouldFindEachReasonByItsCodeAndNothingElse() {
    assertThat(DeadLetterReason.ofCode("oversize")).contains(DeadLetterReason.OVERSIZE);
    assertThat(DeadLetterReason.ofCode("byte-length-mismatch")).contains(DeadLetterReason.BYTE_LENGTH_MISMATCH);
    assertThat(DeadLetterReason.ofCode("OVERSIZE")).isEmpty();
    assertThat(DeadLetterReason.ofCode("NullPointerException")).isEmpty();
  }

  @Test
  void shouldNameOversizeOnCorpusTextsWithItsValidator() {
    assertThat(DeadLetterReason.OVERSIZE.topics()).contains("corpus-texts", "text-scores", "mc-answers", "model-responses");
    assertThat(DeadLetterReason.OVERSIZE.checkedBy()).contains("TextChunkValidator");
  }

  @Test
  void shouldNameOnlyTopicsThatExist() throws ReflectiveOperationException {
    TopicNames defaults = TopicNames.defaults();
    Set<String> topics = new HashSet<>();
    for (RecordComponent component : TopicNames.class.getRecordComponents()) {
      topics.add((String) component.getAccessor().invoke(defaults));
    }
    for (DeadLetterReason reason : DeadLetterReason.values()) {
      assertThat(reason.topics()).as(reason.code()).isNotEmpty()
          .allSatisfy(topic -> assertThat(topic.equals("<store>-changelog")
              || topic.equals(DeadLetterReason.SHARD_EXCHANGE_TOPIC) || topics.contains(topic))
              .as("%s names topic %s", reason.code(), topic).isTrue());
    }
  }

  @Test
  void shouldNameCheckingClassesThatExistInTheSourceTree() throws IOException {
    Path root = RepositoryRoot.find();
    Set<String> classes;
    try (Stream<Path> files = Stream.of("aggregator", "scorer-worker")
        .map(module -> root.resolve(module).resolve("src/main/java"))
        .flatMap(RepositoryRoot::walk)) {
      classes = files.map(path -> path.getFileName().toString())
          .filter(name -> name.endsWith(".java"))
          .map(name -> name.substring(0, name.length() - ".java".length()))
          .collect(Collectors.toSet());
    }
    for (DeadLetterReason reason : DeadLetterReason.values()) {
      assertThat(reason.checkedBy()).as(reason.code()).isNotEmpty().allSatisfy(name ->
          assertThat(classes).as("%s is checked by %s", reason.code(), name).contains(name));
    }
    assertThat(Files.isDirectory(root.resolve("aggregator/src/main/java"))).isTrue();
  }
}
