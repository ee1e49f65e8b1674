package io.modelmap.schemas.topic;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Set;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.Test;

/**
 * The dead-letter reason table of docs/ARCHITECTURE.md names every {@link DeadLetterReason}, and nothing else.
 * A table is the first markdown table after a line that says "Dead-letter reasons"; its reasons are the
 * backticked words of each row's first cell.
 */
class DeadLetterReasonDocsTest {
  private static final Pattern BACKTICKED = Pattern.compile("`([^`]+)`");

  @Test
  void shouldListEveryDeadLetterReasonInTheDocsTableAndNothingElse() throws IOException {
    Path doc = RepositoryRoot.find().resolve("docs/ARCHITECTURE.md");
    Set<String> documented = reasonsInTable(Files.readString(doc));
    List<String> reasons = Arrays.stream(DeadLetterReason.values()).map(DeadLetterReason::code).toList();
    assertThat(documented).as("reasons in the table of %s", doc).containsAll(reasons);
    assertThat(reasons).as("reasons the code knows, for each row of %s", doc).containsAll(documented);
  }

  @Test
  void shouldReadTheReasonsOfTheFirstColumnOnly() {
    String markdown = """
        # Something else

        | `not-a-reason` | before the heading |
        | --- | --- |

        **Dead-letter reasons** (`errorClass` of a `<topic>-dlq` record):

        | reason | checked by |
        | --- | --- |
        | `undecodable`, `null-value` | `Admission` |
        | `oversize` (`corpus-texts`) | [`TextChunkValidator`](x.java) |

        | `after-the-table` | x |
        """;

    assertThat(reasonsInTable(markdown)).containsExactly("undecodable", "null-value", "oversize", "corpus-texts");
  }

  @Test
  void shouldFindNoReasonsWhereNoTableFollowsTheHeading() {
    String markdown = """
        ## 6. Dead-letter reasons

        The reasons by topic: `undecodable`, `null-value`.

        ## 7. The CLI
        | `not-a-reason` | x |
        """;

    assertThat(reasonsInTable(markdown)).isEmpty();
  }

  /** The backticked words in the first cell of each row of the first table after "Dead-letter reasons". */
  static Set<String> reasonsInTable(String markdown) {
    List<String> lines = markdown.lines().toList();
    for (int i = 0; i < lines.size(); i++) {
      if (!lines.get(i).toLowerCase().contains("dead-letter reasons")) {
        continue;
      }
      Set<String> reasons = new LinkedHashSet<>();
      boolean inTable = false;
      for (int j = i + 1; j < lines.size(); j++) {
        String line = lines.get(j).strip();
        if (line.startsWith("#")) {
          break; // the section ended before any table
        }
        if (line.startsWith("|")) {
          inTable = true;
          String firstCell = line.substring(1).split("\\|", -1)[0];
          Matcher matcher = BACKTICKED.matcher(firstCell);
          while (matcher.find()) {
            reasons.add(matcher.group(1));
          }
        } else if (inTable) {
          break;
        }
      }
      if (!reasons.isEmpty()) {
        return reasons;
      }
    }
    return Set.of();
  }
}
