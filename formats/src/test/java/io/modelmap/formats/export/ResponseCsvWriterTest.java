package io.modelmap.formats.export;

import static org.assertj.core.api.Assertions.assertThat;

import io.modelmap.math.responses.Lineage;
import io.modelmap.schemas.avro.ResponseSimilarity;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class ResponseCsvWriterTest {
  @TempDir
  Path dir;

  @Test
  void shouldWriteOneRowPerPairInTheOrderGiven() throws IOException {
    Path file = dir.resolve("response-similarity.csv");
    ResponseSimilarity pair = ResponseSimilarity.newBuilder().setModelA("Qwen/Qwen2.5-0.5B-Instruct")
        .setModelB("meta-llama/Llama-3.2-1B-Instruct").setPrompts(2).setRouge1F(0.5).setRouge2F(0.25).setRougeLF(0.375)
        .setBleu(0.125).setSums(List.of(1L, 2L)).build();

    ResponseCsvWriter.writeSimilarity(file, List.of(pair));

    // a record without METEOR (written before it was added) leaves its cell empty
    assertThat(Files.readString(file)).isEqualTo("""
        model_a,model_b,prompts,rouge1_f,rouge2_f,rougeL_f,bleu,meteor
        Qwen/Qwen2.5-0.5B-Instruct,meta-llama/Llama-3.2-1B-Instruct,2,0.5,0.25,0.375,0.125,
        """);
  }

  @Test
  void shouldWriteMeteorBesideRougeAndBleu() throws IOException {
    Path file = dir.resolve("response-similarity.csv");
    ResponseSimilarity pair = ResponseSimilarity.newBuilder().setModelA("a/m").setModelB("b/m").setPrompts(2)
        .setRouge1F(0.5).setRouge2F(0.25).setRougeLF(0.375).setBleu(0.125).setMeteor(0.625).setMeteorPrompts(2)
        .setSums(List.of(1L, 2L)).build();

    ResponseCsvWriter.writeSimilarity(file, List.of(pair));

    assertThat(Files.readString(file)).endsWith("a/m,b/m,2,0.5,0.25,0.375,0.125,0.625\n");
  }

  @Test
  void shouldJoinLineageListsWithSemicolons() throws IOException {
    Path file = dir.resolve("lineage.csv");

    ResponseCsvWriter.writeLineage(file, List.of(new Lineage.Entry("a/m", List.of("b/m", "c/m"), List.of("b/m"),
        List.of("b/m")), new Lineage.Entry("b/m", List.of(), List.of(), List.of())));

    assertThat(Files.readString(file)).isEqualTo("""
        model_id,kl_neighbors,response_neighbors,agreeing
        a/m,b/m;c/m,b/m,b/m
        b/m,,,
        """);
  }
}
