package io.modelmap.cli.docs;

import static org.assertj.core.api.Assertions.assertThat;

import io.modelmap.cli.ModelMapCli;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.LinkedHashSet;
import java.util.Set;
import org.junit.jupiter.api.Test;

/**
 * docs/OPERATIONS.md documents every option of every command, and nothing that is not one. Run with
 * {@code -Dmodelmap.docs.update=true} to rewrite the generated section from the code:
 * {@code ./mvnw -o -B -pl cli -am test -Dtest=OperationsDocOptionsTest -Dsurefire.failIfNoSpecifiedTests=false -Dmodelmap.docs.update=true}
 * (paragraphs written by hand between a command's description and its table are kept).
 */
class OperationsDocOptionsTest {
  private static final Path DOC = Path.of("..", "docs", "OPERATIONS.md");

  @Test
  void shouldDocumentEveryOptionOfEveryCommandAndNoOther() throws IOException {
    String doc = Files.readString(DOC, StandardCharsets.UTF_8);
    if (Boolean.getBoolean("modelmap.docs.update")) {
      String section = doc.substring(begin(doc), end(doc));
      doc = doc.substring(0, begin(doc)) + OptionTable.render(ModelMapCli.commandLine(), section) + doc.substring(end(doc));
      Files.writeString(DOC, doc, StandardCharsets.UTF_8);
    }
    Set<String> documented = OptionTable.pairs(doc.substring(begin(doc), end(doc)));
    Set<String> inCode = OptionTable.pairs(ModelMapCli.commandLine());

    Set<String> missing = new LinkedHashSet<>(inCode);
    missing.removeAll(documented);
    Set<String> stale = new LinkedHashSet<>(documented);
    stale.removeAll(inCode);
    assertThat(missing).as("options missing from %s (regenerate: see this test's Javadoc)", DOC).isEmpty();
    assertThat(stale).as("rows of %s naming no option of the command line", DOC).isEmpty();
  }

  @Test
  void shouldReadBackEveryPairItRenders() {
    String rendered = OptionTable.render(ModelMapCli.commandLine());

    assertThat(OptionTable.pairs(rendered)).isEqualTo(OptionTable.pairs(ModelMapCli.commandLine()))
        .contains("aggregator --commit-interval-ms", "map --models-dir", "merge A", "demo --serve");
  }

  @Test
  void shouldKeepHandWrittenParagraphsBetweenADescriptionAndItsTableWhenRegenerating() {
    String rendered = OptionTable.render(ModelMapCli.commandLine());
    String description = "Follow the Hugging Face Hub's model listing";
    int heading = rendered.indexOf("#### `modelmap watch-hub`");
    int table = rendered.indexOf("| option |", heading);
    assertThat(rendered.substring(heading, table)).as("the generated part names the description").contains(description);
    String note = "A first paragraph written by hand,\nover two lines.\n\nA second one.";
    String edited = rendered.substring(0, table) + note + "\n\n" + rendered.substring(table);

    String again = OptionTable.render(ModelMapCli.commandLine(), edited);

    assertThat(again).as("regenerated from the edited section: the note kept in place").isEqualTo(edited);
    assertThat(OptionTable.handWritten(rendered)).as("nothing hand-written in a freshly generated section").isEmpty();
    assertThat(OptionTable.handWritten(edited)).containsExactly(java.util.Map.entry("watch-hub", note));
  }

  private static int begin(String doc) {
    int begin = doc.indexOf(OptionTable.BEGIN);
    assertThat(begin).as("%s holds the marker %s", DOC, OptionTable.BEGIN).isNotNegative();
    return begin;
  }

  private static int end(String doc) {
    int end = doc.indexOf(OptionTable.END);
    assertThat(end).as("%s holds the marker %s", DOC, OptionTable.END).isGreaterThan(begin(doc));
    return end + OptionTable.END.length();
  }
}
