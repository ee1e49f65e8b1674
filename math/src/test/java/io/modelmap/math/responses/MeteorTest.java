package io.modelmap.math.responses;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

import java.io.InputStreamReader;
import java.io.Reader;
import java.nio.charset.StandardCharsets;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.apache.commons.csv.CSVFormat;
import org.apache.commons.csv.CSVRecord;
import org.junit.jupiter.api.Test;

class MeteorTest {
  @Test
  void penalisesFragmentationOfAPerfectUnigramMatch() {
    // every word matches (P = R = F = 1); walking the hypothesis from its end, each word takes the last free
    // equal reference word: (0,1) (1,4) (2,5) (3,0) (4,3) (5,2), so 5 chunks of 6 matches
    List<String> hypothesis = List.of("the", "cat", "sat", "on", "the", "mat");
    List<String> reference = List.of("on", "the", "mat", "the", "cat", "sat");
    assertThat(Meteor.of(hypothesis, reference, Synonyms.NONE))
        .isCloseTo(1 - 0.5 * Math.pow(5.0 / 6, 3), within(1e-15));
    assertThat(Meteor.of(hypothesis, hypothesis, Synonyms.NONE)).as("one chunk").isCloseTo(1 - 0.5 / 216,
        within(1e-15));
  }

  @Test
  void matchesStemsAndThenSynonyms() {
    // running / runs share the stem run: one match, one chunk, penalty 0.5 * 1^3
    assertThat(Meteor.of(List.of("running"), List.of("runs"), Synonyms.NONE)).isCloseTo(0.5, within(1e-15));
    Synonyms thesaurus = word -> Map.of("quick", Set.of("fast")).getOrDefault(word, Set.of());
    // with quick ~ fast both words match in one chunk: frag 1/2, penalty 0.5/8
    assertThat(Meteor.of(List.of("quick", "fox"), List.of("fast", "fox"), thesaurus)).isCloseTo(1 - 0.0625,
        within(1e-15));
    // without: only fox; P = R = 1/2, F = 0.25 / (0.9 * 0.5 + 0.1 * 0.5) = 0.5, penalty 0.5
    assertThat(Meteor.of(List.of("quick", "fox"), List.of("fast", "fox"), Synonyms.NONE)).isCloseTo(0.25,
        within(1e-15));
    assertThat(Meteor.of(List.of(), List.of("fox"), Synonyms.NONE)).as("empty hypothesis").isZero();
    assertThat(Meteor.of(List.of("dog"), List.of("fox"), Synonyms.NONE)).as("no match").isZero();
  }

  @Test
  void wordNetSynonymsAreNltksForEveryWordOfTheHandWrittenPairs() throws Exception {
    // src/test/python/reference_meteor.py: NLTK 3.8's synsets() and lemma names on Debian's WordNet 3.0
    for (CSVRecord row : rows("/data/responses/wordnet-synonyms.csv")) {
      String names = row.get("synonyms");
      assertThat(WordNetSynonyms.shared().of(row.get("word"))).as(row.get("word"))
          .containsExactlyInAnyOrderElementsOf(names.isEmpty() ? List.of() : Arrays.asList(names.split(" ")));
    }
  }

  @Test
  void equalsNltksMeteorScoreOnHandWrittenAndRealResponsePairs() throws Exception {
    // src/test/python/reference_meteor.py: NLTK 3.8's meteor_score with WordNet 3.0, 24 hand-written pairs
    // (punctuation, numbers, non-ASCII, stems, synonyms, reordering, no match, empty) and 200 real response pairs
    List<CSVRecord> rows = rows("/data/responses/meteor-reference.csv");
    assertThat(rows).hasSize(224);
    for (CSVRecord row : rows) {
      List<String> hypothesis = RougeTokens.of(row.get("hypothesis"), false);
      List<String> reference = RougeTokens.of(row.get("reference"), false);
      assertThat(Meteor.of(hypothesis, reference, WordNetSynonyms.shared()))
          .as("%s %s: %s", row.get("kind"), row.get("id"), row.get("hypothesis"))
          .isCloseTo(Double.parseDouble(row.get("meteor")), within(1e-12));
    }
  }

  private List<CSVRecord> rows(String resource) throws Exception {
    try (Reader in = new InputStreamReader(getClass().getResourceAsStream(resource), StandardCharsets.UTF_8)) {
      return CSVFormat.RFC4180.builder().setHeader().setSkipHeaderRecord(true).get().parse(in).getRecords();
    }
  }
}
