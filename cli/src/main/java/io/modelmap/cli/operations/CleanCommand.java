package io.modelmap.cli.operations;

import io.modelmap.cli.support.UsageError;
import io.modelmap.cli.terminal.Plural;
import io.modelmap.cli.terminal.TextTable;
import io.modelmap.cli.terminal.TextTable.Column;
import java.io.PrintStream;
import java.nio.file.Path;
import java.util.List;
import java.util.Locale;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;

/**
 * {@code modelmap clean}: removes old run folders under {@code .modelmap/} (each run of {@code demo} or {@code map}
 * leaves one, about 120 MB when stopped half-way), keeping the newest.
 */
@Command(name = "clean", mixinStandardHelpOptions = true,
    description = "Remove old run folders under .modelmap/ (one per demo, map or embedded import), keeping the newest.")
public final class CleanCommand implements Callable<Integer> {
  @Option(names = "--keep", defaultValue = "3", description = "Newest runs to keep (default ${DEFAULT-VALUE}).")
  int keep;

  @Option(names = "--dry-run", description = "List what would be removed and remove nothing.")
  boolean dryRun;

  @Option(names = "--dir", defaultValue = ".modelmap", description = "Folder the runs are in (default ${DEFAULT-VALUE}).")
  Path dir;

  PrintStream out = System.out;

  @Override
  public Integer call() throws Exception {
    if (keep < 0) {
      throw new UsageError("--keep " + keep + ": the number of runs to keep is 0 or more");
    }
    List<OldRuns.Run> runs = OldRuns.under(dir);
    List<OldRuns.Run> old = OldRuns.beyond(runs, keep);
    if (old.isEmpty()) {
      out.println(dir + ": " + Plural.of(runs.size(), "run") + ", nothing older than the newest " + keep + " to remove");
      return 0;
    }
    TextTable table = TextTable.of(Column.left("run"), Column.right("size"), Column.left("last changed"));
    long bytes = 0;
    for (OldRuns.Run run : old) {
      table.row(run.folder().getFileName(), megabytes(run.bytes()), run.lastChanged().toInstant().toString());
      bytes += run.bytes();
      if (!dryRun) {
        OldRuns.remove(run);
      }
    }
    out.println((dryRun ? "Would remove " : "Removed ") + Plural.of(old.size(), "run") + " (" + megabytes(bytes)
        + ") from " + dir + ", keeping the newest " + Math.min(keep, runs.size()) + ":");
    table.print(out);
    return 0;
  }

  private static String megabytes(long bytes) {
    return String.format(Locale.ROOT, "%.1f MB", bytes / 1e6);
  }
}
