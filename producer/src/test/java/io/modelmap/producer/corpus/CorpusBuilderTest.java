package io.modelmap.producer.corpus;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;
import org.junit.jupiter.api.Test;

class CorpusBuilderTest {

  @Test
  void shouldSampleReproduciblyWithCategoriesAndIndices() {
    List<Document> docs = DemoCorpus.documents(3, 42);
    CorpusBuilder builder = new CorpusBuilder(Utf8Chunker.paperDefaults());

    List<CorpusText> first = builder.build(docs, 40, 7);
    List<CorpusText> second = builder.build(DemoCorpus.documents(3, 42), 40, 7);

    assertThat(first).hasSize(40).isEqualTo(second);
    assertThat(first).extracting(CorpusText::category).contains("prose", "code", "legal", "tables");
    assertThat(first).allSatisfy(t -> assertThat(t.byteLength()).isBetween(256, 1024));
    assertThat(first.get(5).index()).isEqualTo(5);
    assertThat(first.get(5).textId()).isEqualTo("t00005");
  }
}
