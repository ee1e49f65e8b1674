package io.modelmap.producer.corpus;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.charset.StandardCharsets;
import java.util.List;
import org.junit.jupiter.api.Test;

class Utf8ChunkerTest {

  @Test
  void shouldNeverCutAMultiByteCharacter() {
    String text = "é".repeat(700); // 1,400 bytes of 2-byte characters
    List<String> chunks = new Utf8Chunker(1023, 0).chunks(text);

    assertThat(chunks).hasSize(2);
    assertThat(chunks.get(0).getBytes(StandardCharsets.UTF_8)).hasSize(1022);
    assertThat(String.join("", chunks)).isEqualTo(text);
  }

  @Test
  void shouldDropChunksUnderTheMinimum() {
    String text = "a".repeat(1024 + 255);

    assertThat(Utf8Chunker.paperDefaults().chunks(text)).containsExactly("a".repeat(1024));
  }

  @Test
  void shouldKeepFourByteCharactersWhole() {
    String text = "x" + "😀".repeat(300);
    for (String chunk : new Utf8Chunker(1024, 0).chunks(text)) {
      assertThat(chunk.getBytes(StandardCharsets.UTF_8).length).isLessThanOrEqualTo(1024);
      assertThat(chunk).doesNotContain("\uFFFD");
    }
  }
}
