package io.modelmap.math.responses;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.InputStreamReader;
import java.io.Reader;
import java.nio.charset.StandardCharsets;
import java.util.List;
import org.apache.commons.csv.CSVFormat;
import org.apache.commons.csv.CSVRecord;
import org.junit.jupiter.api.Test;

class NltkPorterStemmerTest {
  @Test
  void followsPortersStepsOnThePapersExamples() {
    // Porter (1980), steps 1a to 5b: one example each
    assertThat(List.of("caresses", "ponies", "cats", "agreed", "plastered", "motoring", "conflated", "hopping",
        "falling", "filing", "relational", "hopefulness", "formalize", "adjustment", "adoption", "controll"))
        .map(NltkPorterStemmer::stem)
        .containsExactly("caress", "poni", "cat", "agre", "plaster", "motor", "conflat", "hop", "fall", "file",
            "relat", "hope", "formal", "adjust", "adopt", "control");
  }

  @Test
  void appliesNltksExtensions() {
    // the irregular pool; ies/ied in four letters; y -> i only after a consonant that is not the first letter;
    // words of two letters kept
    assertThat(List.of("skies", "dying", "news", "dies", "tied", "cried", "enjoy", "happy", "by", "is"))
        .map(NltkPorterStemmer::stem)
        .containsExactly("sky", "die", "news", "die", "tie", "cri", "enjoy", "happi", "by", "is");
  }

  @Test
  void givesNltksStemForEveryWordOfTheReferenceResponses() throws Exception {
    // src/test/python/reference_rouge_bleu.py: NLTK 3.8's PorterStemmer() (NLTK_EXTENSIONS) on 3,259 words
    try (Reader in = new InputStreamReader(getClass().getResourceAsStream("/data/responses/nltk-porter-stems.csv"),
        StandardCharsets.UTF_8)) {
      List<CSVRecord> rows = CSVFormat.RFC4180.builder().setHeader().setSkipHeaderRecord(true).get().parse(in)
          .getRecords();
      assertThat(rows).hasSizeGreaterThan(3000);
      for (CSVRecord row : rows) {
        assertThat(NltkPorterStemmer.stem(row.get("word"))).as(row.get("word")).isEqualTo(row.get("nltk_stem"));
      }
    }
  }
}
