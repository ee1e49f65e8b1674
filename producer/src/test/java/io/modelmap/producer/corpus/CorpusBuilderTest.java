package io.modelmap.producer.corpus;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.modelmap.formats.corpus.Document;
import java.util.List;
import org.junit.jupiter.api.Test;

class CorpusBuilderTest {

  @Test
  void shouldSampleReproduciblyWithCategoriesAndIndices() {
    CorpusBuilder builder = new CorpusBuilder(new CorpusSpec(1024, 256, 40, 7));

    List<CorpusText> first = builder.build(DemoCorpus.documents(3, 42));
    List<CorpusText> second = builder.build(DemoCorpus.documents(3, 42));

    assertThat(first).hasSize(40).isEqualTo(second);
    assertThat(first).extracting(CorpusText::category).contains("prose", "code", "legal", "tables");
    assertThat(first).allSatisfy(t -> assertThat(t.byteLength()).isBetween(256, 1024));
    assertThat(first.get(5).index()).isEqualTo(5);
    assertThat(new CorpusBuilder(new CorpusSpec(1024, 256, 40, 8)).build(DemoCorpus.documents(3, 42)))
        .as("another seed, another sample").isNotEqualTo(first);
  }

  @Test
  void shouldNameTextsByDocumentIdAndChunkPositionCountingDroppedChunks() {
    // 2,500 bytes: chunks of 1,024, 1,024 and 452 bytes; with min 500 the last is dropped
    String text = "é".repeat(1250);
    List<Document> docs = List.of(new Document("pile/00.jsonl:7", text, "Pile-CC"),
        new Document("short", "x".repeat(300), "Github"));

    List<CorpusText> corpus = new CorpusBuilder(new CorpusSpec(1024, 500, 100, 1)).build(docs);

    assertThat(corpus).extracting(CorpusText::textId)
        .containsExactlyInAnyOrder("pile/00.jsonl:7#0", "pile/00.jsonl:7#1");
    assertThat(corpus).extracting(CorpusText::byteLength).containsOnly(1024);
    assertThat(new CorpusBuilder(new CorpusSpec(1024, 256, 100, 1)).build(docs)).extracting(CorpusText::textId)
        .containsExactlyInAnyOrder("pile/00.jsonl:7#0", "pile/00.jsonl:7#1", "pile/00.jsonl:7#2", "short#0");
  }

  @Test
  void shouldKeepTheFirstNOfTheSeededShuffle() {
    List<Document> docs = DemoCorpus.documents(3, 42);
    List<CorpusText> all = new CorpusBuilder(new CorpusSpec(1024, 256, 10_000, 3)).build(docs);
    List<CorpusText> ten = new CorpusBuilder(new CorpusSpec(1024, 256, 10, 3)).build(docs);

    assertThat(ten).extracting(CorpusText::textId).isEqualTo(all.subList(0, 10).stream().map(CorpusText::textId).toList());
  }

  @Test
  void shouldRefuseTwoDocumentsWithOneId() {
    List<Document> docs = List.of(new Document("a", "x".repeat(300), "c"), new Document("a", "y".repeat(300), "c"));
    assertThatThrownBy(() -> new CorpusBuilder(CorpusSpec.paperDefaults()).build(docs))
        .hasMessageContaining("document id 'a' appears twice");
  }

  @Test
  void shouldRefuseSettingsOutsideTheirRange() {
    assertThatThrownBy(() -> new CorpusSpec(1024, 2000, 10, 0)).hasMessageContaining("--min-bytes");
    assertThatThrownBy(() -> new CorpusSpec(2, 1, 10, 0)).hasMessageContaining("--chunk-bytes");
    assertThatThrownBy(() -> new CorpusSpec(1024, 256, 0, 0)).hasMessageContaining("--sample");
  }
}
