package io.modelmap.formats.responses;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.github.luben.zstd.ZstdOutputStream;
import io.modelmap.formats.BadInputFile;
import java.io.IOException;
import java.io.OutputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.zip.GZIPOutputStream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class ResponseFilesTest {
  @TempDir
  Path dir;

  @Test
  void readsGzippedJsonlWithRealIdsAndText() throws IOException {
    Path file = dir.resolve("responses.jsonl.gz");
    try (OutputStream out = new GZIPOutputStream(Files.newOutputStream(file))) {
      out.write(("{\"model_id\": \"meta-llama/Llama-3.2-1B\", \"prompt_id\": 70, \"response\": \"Die Größe: \\\"B\\\"\"}\n"
          + "\n{\"model_id\": \"acme/mix 50%\", \"prompt_id\": \"70\", \"response\": \"(B)\"}\n")
          .getBytes(StandardCharsets.UTF_8));
    }
    List<ResponseFiles.Response> r = ResponseFiles.read(List.of(file));
    assertThat(r).containsExactly(new ResponseFiles.Response("meta-llama/Llama-3.2-1B", "70", "Die Größe: \"B\""),
        new ResponseFiles.Response("acme/mix 50%", "70", "(B)"));
  }

  @Test
  void aSecondResponseToOnePromptNamesBothLines() throws IOException {
    Path file = Files.writeString(dir.resolve("r.jsonl"), "{\"model_id\": \"a/m\", \"prompt_id\": \"1\", \"response\": \"x\"}\n"
        + "{\"model_id\": \"a/m\", \"prompt_id\": \"1\", \"response\": \"y\"}\n");
    assertThatThrownBy(() -> ResponseFiles.read(List.of(file))).hasMessage("r.jsonl line 2: a/m already answered"
        + " prompt 1 at r.jsonl line 1; give each model one response per prompt");
  }

  @Test
  void aMissingFieldNamesItsLine() throws IOException {
    Path file = Files.writeString(dir.resolve("r.jsonl"), "{\"model_id\": \"a/m\", \"prompt_id\": \"1\"}\n");
    assertThatThrownBy(() -> ResponseFiles.read(List.of(file)))
        .hasMessage("r.jsonl line 1: field response: missing or not a string");
  }

  @Test
  void readsZstdJsonlAcrossFilesAndRefusesABadModelIdNamingFileLineAndField() throws IOException {
    Path good = dir.resolve("wildchat.jsonl.zst");
    try (OutputStream out = new ZstdOutputStream(Files.newOutputStream(good))) {
      out.write("{\"model_id\": \"Qwen/Qwen2.5-0.5B-Instruct\", \"prompt_id\": \"p 1, \\\"x\\\"\", \"response\": \"Ja — 😀\"}\n"
          .getBytes(StandardCharsets.UTF_8));
    }
    Path bad = Files.writeString(dir.resolve("more.jsonl"), "{\"model_id\": \"acme/m\", \"prompt_id\": \"1\", \"response\": \"a\"}\n"
        + "{\"model_id\": \"\", \"prompt_id\": \"1\", \"response\": \"b\"}\n");

    assertThat(ResponseFiles.read(List.of(good))).containsExactly(
        new ResponseFiles.Response("Qwen/Qwen2.5-0.5B-Instruct", "p 1, \"x\"", "Ja — 😀"));
    assertThatThrownBy(() -> ResponseFiles.read(List.of(good, bad))).isInstanceOf(BadInputFile.class)
        .hasMessageStartingWith("more.jsonl line 2, field model_id: model id is empty");
  }
}
