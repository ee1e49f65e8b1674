package io.modelmap.it;

import static org.assertj.core.api.Assertions.assertThat;

import io.modelmap.cli.ModelMapCli;
import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * {@code demo --watch} with the stand-in Hub publishing its three zoo models a second apart (instead of a
 * minute): the watcher, running in the demo's process, registers each once, in the order published, the scorer
 * fetches them from the stand-in and all three are mapped, their neighbours and Q equal to the batch reference on
 * the exported L.
 */
class DemoWatchIT {
  private static final String ORG = "modelmap-hub-demo/";

  @TempDir
  Path dir;

  @Test
  void shouldMapTheThreeModelsTheWatcherRegistersFromTheStandInHubOnceEach() throws Exception {
    ByteArrayOutputStream printed = new ByteArrayOutputStream();
    PrintStream originalOut = System.out;
    int exit;
    try {
      System.setOut(new PrintStream(printed, true, StandardCharsets.UTF_8));
      exit = ModelMapCli.commandLine().execute("demo", "--watch", "--watch-spacing", "1s", "--texts", "12",
          "--data-dir", dir.resolve("data").toString(), "--export-to", dir.resolve("out").toString());
    } finally {
      System.setOut(originalOut);
    }
    String output = printed.toString(StandardCharsets.UTF_8);
    originalOut.print(output);

    assertThat(exit).as(output).isZero();
    List<String> published = output.lines().filter(l -> l.startsWith("The stand-in Hub published ")).toList();
    assertThat(published).hasSize(3);
    List<String> registered = output.lines().filter(l -> l.startsWith("registered ")).toList();
    assertThat(registered).hasSize(3);
    for (int i = 0; i < 3; i++) {
      // "The stand-in Hub published org/name at 0123456789 (1 of 3)…" names the commit the watcher registers
      Matcher push = Pattern.compile("published (\\S+) at (\\w{10})").matcher(published.get(i));
      assertThat(push.find()).isTrue();
      assertThat(registered.get(i)).startsWith("registered " + push.group(1) + " at " + push.group(2))
          .contains(" as " + push.group(1) + " (model_type gpt2, ");
    }
    assertThat(published).extracting(l -> l.split(" ")[4]).containsExactly(ORG + "prose-a", ORG + "code-a",
        ORG + "prose-a-legal-light");
    assertThat(output).containsPattern("Open http://\\S+ to see the map grow");

    Path out = dir.resolve("out");
    ExportedMap map = ExportedMap.read(out);
    assertThat(map.models()).containsExactlyInAnyOrder(ORG + "prose-a", ORG + "code-a", ORG + "prose-a-legal-light");
    assertThat(map.textIds()).hasSize(12);
    map.assertMatchesBatchReference(out, 2);
  }
}
