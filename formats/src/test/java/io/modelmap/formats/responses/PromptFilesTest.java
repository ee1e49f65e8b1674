package io.modelmap.formats.responses;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.github.luben.zstd.ZstdOutputStream;
import io.modelmap.formats.BadInputFile;
import io.modelmap.formats.FilePosition;
import io.modelmap.schemas.avro.PromptText;
import java.io.IOException;
import java.io.OutputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class PromptFilesTest {
  @TempDir
  Path dir;

  @Test
  void shouldReadZstdJsonlPromptsWithNonAsciiIdsAndText() throws IOException {
    Path file = dir.resolve("prompts.jsonl.zst");
    try (OutputStream out = new ZstdOutputStream(Files.newOutputStream(file))) {
      out.write(("{\"prompt_id\": \"wildchat/Größe 1, \\\"q\\\"\", \"prompt\": \"Wie groß ist der Eiffelturm? 😀\"}\n"
          + "\n"
          + "{\"prompt_id\": \"mmlu-pro/70\", \"prompt\": \"Answer with one letter.\\nQ: 2+2?\"}\n")
          .getBytes(StandardCharsets.UTF_8));
    }

    List<PromptText> prompts = PromptFiles.read(file);

    assertThat(prompts).extracting(p -> p.getPromptId().toString() + " | " + p.getText())
        .containsExactly("wildchat/Größe 1, \"q\" | Wie groß ist der Eiffelturm? 😀",
            "mmlu-pro/70 | Answer with one letter.\nQ: 2+2?");
  }

  @Test
  void shouldRefuseAPromptWithoutTextNamingFileLineAndField() throws IOException {
    Path file = Files.writeString(dir.resolve("prompts.jsonl"),
        "{\"prompt_id\": \"a\", \"prompt\": \"x\"}\n{\"prompt_id\": \"b\", \"prompt\": 7}\n");

    assertThatThrownBy(() -> PromptFiles.read(file)).isInstanceOf(BadInputFile.class)
        .hasMessage("prompts.jsonl line 2, field prompt: missing or not a string; each line needs prompt_id and prompt")
        .extracting(e -> ((BadInputFile) e).position()).isEqualTo(new FilePosition("prompts.jsonl", 2, "prompt"));
  }

  @Test
  void shouldRefuseARepeatedPromptId() throws IOException {
    Path file = Files.writeString(dir.resolve("prompts.jsonl"),
        "{\"prompt_id\": \"a\", \"prompt\": \"x\"}\n{\"prompt_id\": \"a\", \"prompt\": \"y\"}\n");

    assertThatThrownBy(() -> PromptFiles.read(file))
        .hasMessage("prompts.jsonl line 2, field prompt_id: a appears twice; give each prompt one id");
  }
}
