package io.modelmap.formats.benchmark;

import java.nio.charset.StandardCharsets;
import com.github.luben.zstd.ZstdOutputStream;
import static org.assertj.core.api.Assertions.assertThat;

import io.modelmap.schemas.avro.McItem;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class ItemFilesTest {
  @TempDir
  Path dir;

  @Test
  void readsTheHarnessShapesAndReportsBadRowsByLine() throws Exception {
    Path file = dir.resolve("items.jsonl");
    Files.writeString(file, String.join("\n",
        "{\"id\": \"q1\", \"question\": \"2+2?\", \"choices\": [\"3\", \"4\"], \"answer\": 1, \"subject\": \"math\"}",
        "{\"id\": \"q2\", \"question\": \"Sky?\", \"choices\": {\"text\": [\"red\", \"blue\"], \"label\": [\"A\", \"B\"]},"
            + " \"answerKey\": \"B\"}",
        "",
        "{\"query\": \"One choice\", \"choices\": [\"only\"], \"gold\": 0}",
        "not json",
        "{\"id\": \"q1\", \"question\": \"again\", \"choices\": [\"a\", \"b\"], \"answer\": 0}",
        "{\"id\": \"q5\", \"question\": \"gold?\", \"choices\": [\"a\", \"b\"], \"answer\": 2}",
        "{\"query\": \"No id\", \"choices\": [\"a\", \"b\", \"c\"], \"gold\": \"C\"}"));

    ParsedItems parsed = ItemFiles.read(file, "bench");

    assertThat(parsed.items()).extracting(i -> i.getItemId().toString()).containsExactly("q1", "q2", "6");
    McItem second = parsed.items().get(1);
    assertThat(second.getGoldIndex()).isEqualTo(1);
    assertThat(second.getChoices()).hasSize(2);
    assertThat(parsed.items().get(0).getSubject()).hasToString("math");
    assertThat(parsed.items().get(2).getGoldIndex()).isEqualTo(2);
    assertThat(parsed.problems()).hasSize(4)
        .anySatisfy(p -> assertThat(p).startsWith("items.jsonl line 4:").contains("1 choice"))
        .anySatisfy(p -> assertThat(p).startsWith("items.jsonl line 5:").contains("not JSON"))
        .anySatisfy(p -> assertThat(p).startsWith("items.jsonl line 6:").contains("repeats item id q1"))
        .anySatisfy(p -> assertThat(p).startsWith("items.jsonl line 7:").contains("gold index 2"));
  }

  @Test
  void readsCsvWithLetterColumnsAndLetterAnswers() throws Exception {
    Path file = dir.resolve("items.csv");
    Files.writeString(file, String.join("\n",
        "item_id,question,A,B,C,D,answer,subject",
        "x1,\"Pick, one\",a,b,c,d,C,s1",
        "x2,Three only,a,b,c,,0,",
        "x3,Bad gold,a,b,,,3,s2",
        ""));

    ParsedItems parsed = ItemFiles.read(file, "bench");

    assertThat(parsed.items()).extracting(i -> i.getItemId().toString()).containsExactly("x1", "x2");
    assertThat(parsed.items().get(0).getGoldIndex()).isEqualTo(2);
    assertThat(parsed.items().get(0).getQuestion()).hasToString("Pick, one");
    assertThat(parsed.items().get(1).getChoices()).hasSize(3);
    assertThat(parsed.problems()).singleElement().asString().startsWith("items.csv line 4:");
  }

  @Test
  void readsZstdJsonlWithNonAsciiIdsAndNamesTheLineOfABadRow() throws Exception {
    Path file = dir.resolve("mmlu-pro.jsonl.zst");
    try (java.io.OutputStream out = new ZstdOutputStream(Files.newOutputStream(file))) {
      out.write(String.join("\n",
          "{\"id\": \"Größe 1, \\\"q\\\"\", \"question\": \"Wie groß?\", \"choices\": [\"klein\", \"groß\"], \"answer\": \"B\"}",
          "{\"id\": \"q2\", \"question\": \"Only one?\", \"choices\": [\"a\", \"b\", \"c\"], \"answer\": 5}",
          "").getBytes(StandardCharsets.UTF_8));
    }

    ParsedItems parsed = ItemFiles.read(file, "mmlu-pro");

    assertThat(parsed.items()).singleElement().satisfies(i -> {
      assertThat(i.getItemId()).hasToString("Größe 1, \"q\"");
      assertThat(i.getGoldIndex()).isEqualTo(1); // "B" is the second choice
      assertThat(i.getBenchmarkId()).hasToString("mmlu-pro");
    });
    assertThat(parsed.problems()).containsExactly("mmlu-pro.jsonl.zst line 2: gold index 5 is outside its 3 choices"
        + " (0-based); row skipped");
  }
}
