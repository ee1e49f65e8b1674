package io.modelmap.it;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.catchThrowable;
import static org.awaitility.Awaitility.await;

import io.modelmap.cli.ModelMapCli;
import io.modelmap.cli.runtime.CorpusPublication;
import io.modelmap.cli.runtime.EmbeddedSystem;
import io.modelmap.cli.runtime.InputRefused;
import io.modelmap.cli.transfer.MapExporter;
import io.modelmap.producer.corpus.CorpusText;
import io.modelmap.kafka.KafkaConnection;
import io.modelmap.kafka.Publisher;
import io.modelmap.kafka.TopicReader;
import io.modelmap.schemas.avro.DeadLetter;
import io.modelmap.schemas.avro.TextChunk;
import io.modelmap.schemas.key.CompositeKey;
import java.io.ByteArrayOutputStream;
import java.io.OutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.stream.IntStream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Issue 26, operations: the corpus a rerun compares with is what the aggregator accepted, not what was
 * sent. Valid Avro records under the corpus id that the aggregator dead-letters (a text whose byte length
 * is not its content's, a new text at a column another text holds, a record under the wrong key, a
 * text claiming another corpus size) used to be counted by the CLI, so publishing the same corpus again
 * (what {@code demo --data-dir D} does on every run) failed: "corpus 'c' is already published and
 * differs: it holds 24 texts, the new corpus 20". Registering a model on the corpus and exporting it
 * count the accepted texts too (before: a score task and a column of L for each refused record).
 */
class CorpusRerunIT {
  private static final String CORPUS = "c";
  private static final int TEXTS = 20;

  @TempDir
  Path dir;

  @Test
  void shouldTakeTheSameCorpusAgainWhenTheAggregatorRefusedRecordsUnderItsId() throws Exception {
    PrintStream quiet = new PrintStream(OutputStream.nullOutputStream());
    try (EmbeddedSystem system = EmbeddedSystem.start(dir.resolve("system"), quiet, 0)) {
      KafkaConnection connection = system.connection();
      List<CorpusText> corpus = IntStream.range(0, TEXTS)
          .mapToObj(i -> CorpusText.of("t" + i, i, "text number " + i + " of the corpus", i % 2 == 0 ? "prose" : "code"))
          .toList();
      new CorpusPublication(connection, quiet).publish(CORPUS, corpus);

      List<TextChunk> refused = List.of(
          chunk("bad-length", 3, TEXTS, "", 127), // empty content claiming 127 bytes
          chunk("squatter", 5, TEXTS, "takes the column of t5", 22),
          chunk("other-size", 7, TEXTS + 1, "claims a corpus of 21", 21));
      try (Publisher publisher = new Publisher(connection)) {
        for (TextChunk text : refused) {
          publisher.send(connection.topics().corpusTexts(), CompositeKey.of(CORPUS, text.getTextId()), text);
        }
        publisher.send(connection.topics().corpusTexts(), CompositeKey.of(CORPUS, "not-its-key"),
            chunk("wrong-key", 9, TEXTS, "keyed as another text", 21));
        publisher.flush();
      }
      await("the aggregator refused all four").atMost(Duration.ofMinutes(1)).pollInterval(Duration.ofMillis(500))
          .until(() -> deadLetters(connection).size() == 4);
      assertThat(deadLetters(connection)).extracting(DeadLetter::getErrorClass).containsExactlyInAnyOrder(
          "byte-length-mismatch", "conflicting-text", "conflicting-text", "key-mismatch");

      ByteArrayOutputStream printed = new ByteArrayOutputStream();
      new CorpusPublication(connection, new PrintStream(printed, true, StandardCharsets.UTF_8)).publish(CORPUS, corpus);

      assertThat(printed.toString(StandardCharsets.UTF_8))
          .contains("already published with exactly these texts; nothing to do")
          .contains("4 records under this id were refused by the aggregator: see corpus-texts-dlq");
      List<CorpusText> another = IntStream.range(0, TEXTS)
          .mapToObj(i -> CorpusText.of("t" + i, i, "another text " + i, "prose")).toList();
      assertThat(catchThrowable(() -> new CorpusPublication(connection, quiet).publish(CORPUS, another)))
          .as("a different corpus under the id is still refused").isInstanceOf(InputRefused.class)
          .hasMessageContaining("corpus 'c' is already published and differs: text 0 differs");
      assertThat(catchThrowable(() -> new CorpusPublication(connection, quiet).publish(CORPUS, corpus.subList(0, 19))))
          .as("so is a corpus with a text less").isInstanceOf(InputRefused.class)
          .hasMessageContaining("it holds 20 texts, the new corpus 19");

      int exit = ModelMapCli.commandLine().execute("register", "--bootstrap-servers", connection.bootstrapServers(),
          "--schema-registry-url", connection.schemaRegistryUrl(), "--model-id", "acme/m", "--source-uri", "file:/m",
          "--corpus-id", CORPUS, "--texts-per-task", "7");
      assertThat(exit).isZero();
      List<String> tasked = new ArrayList<>();
      new TopicReader(connection).readAll(connection.topics().scoreTasks(), (k, task) -> tasked.addAll(task.getTextIds()));
      List<String> accepted = corpus.stream().map(CorpusText::textId).toList();
      assertThat(tasked).as("register fans out the accepted texts only").containsExactlyElementsOf(accepted);
      new MapExporter(connection).export(dir.resolve("out"), CORPUS);
      assertThat(ExportedCsv.rows(dir.resolve("out").resolve("texts.csv"))).as("export writes the accepted texts only")
          .extracting(row -> row[0]).containsExactlyElementsOf(accepted);
    }
  }

  private static TextChunk chunk(String id, int index, int corpusSize, String text, int byteLength) {
    return TextChunk.newBuilder().setCorpusId(CORPUS).setTextId(id).setIndex(index).setCorpusSize(corpusSize)
        .setText(text).setCategory("prose").setByteLength(byteLength).build();
  }

  private static List<DeadLetter> deadLetters(KafkaConnection connection) {
    List<DeadLetter> letters = new ArrayList<>();
    new TopicReader(connection).readAll(connection.topics().deadLetters(connection.topics().corpusTexts().name()),
        (k, v) -> letters.add(v));
    return letters;
  }
}
