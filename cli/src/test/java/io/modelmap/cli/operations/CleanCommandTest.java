package io.modelmap.cli.operations;

import static org.assertj.core.api.Assertions.assertThat;

import io.modelmap.cli.ModelMapCli;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.FileTime;
import java.time.Instant;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** {@code clean} on a temporary .modelmap/ with four runs of known ages and sizes. */
class CleanCommandTest {
  @TempDir
  Path root;

  private final ByteArrayOutputStream printed = new ByteArrayOutputStream();

  /** A run folder with one file of {@code bytes} bytes, everything last changed at {@code minute} past ten. */
  private Path run(String name, int bytes, int minute) throws IOException {
    Path folder = Files.createDirectories(root.resolve(name).resolve("kafka"));
    Path file = Files.write(folder.resolve("00000.log"), new byte[bytes]);
    FileTime time = FileTime.from(Instant.parse("2026-12-07T10:00:00Z").plusSeconds(60L * minute));
    for (Path p : new Path[] {file, folder, folder.getParent()}) {
      Files.setLastModifiedTime(p, time);
    }
    return folder.getParent();
  }

  private int clean(String... options) {
    CleanCommand command = new CleanCommand();
    command.out = new PrintStream(printed, true, StandardCharsets.UTF_8);
    return new picocli.CommandLine(command).execute(options);
  }

  @Test
  void shouldRemoveAllButTheNewestRunsByLastChange() throws IOException {
    Path oldest = run("demo-1", 1_000_000, 1);
    Path newest = run("map-2", 10, 4);
    Path second = run("demo-3", 10, 3);
    Path third = run("map-4", 2_500_000, 2);

    int exit = clean("--dir", root.toString(), "--keep", "2");

    assertThat(exit).isZero();
    assertThat(newest).exists();
    assertThat(second).exists();
    assertThat(third).doesNotExist();
    assertThat(oldest).doesNotExist();
    // 2.5 MB + 1.0 MB, the newer of the two first
    assertThat(printed.toString(StandardCharsets.UTF_8))
        .contains("Removed 2 runs (3.5 MB) from " + root + ", keeping the newest 2:")
        .containsSubsequence("map-4", "2.5 MB", "demo-1", "1.0 MB");
  }

  @Test
  void shouldOnlyListWhatItWouldRemoveOnADryRun() throws IOException {
    Path oldest = run("demo-1", 1_000_000, 1);
    Path newest = run("demo-2", 10, 2);

    assertThat(clean("--dir", root.toString(), "--keep", "1", "--dry-run")).isZero();

    assertThat(oldest).exists();
    assertThat(newest).exists();
    assertThat(printed.toString(StandardCharsets.UTF_8)).contains("Would remove 1 run (1.0 MB)").contains("demo-1")
        .doesNotContain("demo-2");
  }

  @Test
  void shouldSayThereIsNothingToRemoveWhenThereAreNoMoreRunsThanKept() throws IOException {
    run("demo-1", 10, 1);

    assertThat(clean("--dir", root.toString())).isZero();
    assertThat(printed.toString(StandardCharsets.UTF_8)).contains("1 run, nothing older than the newest 3 to remove");
    assertThat(clean("--dir", root.resolve("absent").toString())).isZero();
  }

  @Test
  void shouldRefuseANegativeKeepAsAUsageError() {
    assertThat(ModelMapCli.commandLine().execute("clean", "--dir", root.toString(), "--keep", "-1")).isEqualTo(2);
  }
}
