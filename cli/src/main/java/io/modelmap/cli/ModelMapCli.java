package io.modelmap.cli;

import io.modelmap.cli.bench.BenchCommand;
import io.modelmap.cli.bench.ResponseBenchCommand;
import io.modelmap.cli.bench.ScorerBenchCommand;
import io.modelmap.cli.data.CorpusCommand;
import io.modelmap.cli.data.ExportCommand;
import io.modelmap.cli.data.ImportAnswersCommand;
import io.modelmap.cli.data.ImportBenchmarksCommand;
import io.modelmap.cli.data.ImportCommand;
import io.modelmap.cli.data.ImportItemsCommand;
import io.modelmap.cli.data.ImportResponsesCommand;
import io.modelmap.cli.data.ImportScoresCommand;
import io.modelmap.cli.evaluation.AgreementCommand;
import io.modelmap.cli.evaluation.CompareResponsesCommand;
import io.modelmap.cli.evaluation.CppEvalCommand;
import io.modelmap.cli.evaluation.EmbedLlmEvalCommand;
import io.modelmap.cli.evaluation.ValidateKlCommand;
import io.modelmap.cli.logging.CliLogging;
import io.modelmap.cli.models.MergeCommand;
import io.modelmap.cli.models.QuantizeCommand;
import io.modelmap.cli.models.TrainCommand;
import io.modelmap.cli.operations.AggregatorCommand;
import io.modelmap.cli.operations.EngineCommand;
import io.modelmap.cli.operations.CleanCommand;
import io.modelmap.cli.operations.HealthCommand;
import io.modelmap.cli.operations.RegisterCommand;
import io.modelmap.cli.operations.ScorerCommand;
import io.modelmap.cli.operations.TopicsCommand;
import io.modelmap.cli.operations.WatchHubCommand;
import io.modelmap.cli.support.CliFactory;
import io.modelmap.cli.support.ErrorReporter;
import java.nio.file.Path;
import java.util.Map;
import java.util.concurrent.Callable;
import picocli.CommandLine;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Spec;

/** Entry point of {@code ./modelmap}. */
@Command(name = "modelmap", mixinStandardHelpOptions = true, resourceBundle = "io.modelmap.cli.OptionDescriptions", version = "modelmap-streams 0.1.0",
    description = "Maps language models as they appear: log-likelihood vectors, Q coordinates, KL neighbours,"
        + " agreement on error.",
    subcommands = {DemoCommand.class, MapCommand.class, CorpusCommand.class, TopicsCommand.class, RegisterCommand.class, WatchHubCommand.class, ImportCommand.class,
        ImportItemsCommand.class, ImportAnswersCommand.class, ImportScoresCommand.class, ImportBenchmarksCommand.class, ImportResponsesCommand.class, ResponseBenchCommand.class, ExportCommand.class, AgreementCommand.class,
        AggregatorCommand.class, ScorerCommand.class, EngineCommand.class, BenchCommand.class, ScorerBenchCommand.class, HealthCommand.class, CleanCommand.class,
        TrainCommand.class, MergeCommand.class, QuantizeCommand.class, ValidateKlCommand.class, CppEvalCommand.class, EmbedLlmEvalCommand.class, CompareResponsesCommand.class,
        CommandLine.HelpCommand.class})
public final class ModelMapCli implements Callable<Integer> {
  @Spec
  CommandSpec spec;

  /** Bare {@code ./modelmap}: the command list, exit 2 (a command is needed), as for any other missing argument. */
  @Override
  public Integer call() {
    CommandList.print(spec.commandLine(), spec.commandLine().getErr());
    return 2;
  }

  public static void main(String[] args) {
    CliLogging.terminal();
    System.exit(commandLine().execute(args));
  }

  /** The configured command line, also used by tests. */
  public static CommandLine commandLine() {
    return commandLine(System.getenv());
  }

  /**
   * The command line with Hub settings ({@code HF_*}) read from {@code environment} instead of the process's:
   * tests point it at a Hub on loopback without changing the JVM's environment.
   */
  public static CommandLine commandLine(Map<String, String> environment) {
    ErrorReporter errors = new ErrorReporter();
    CliFactory factory = new CliFactory(environment, Path.of(System.getProperty("user.home")));
    return new CommandLine(new ModelMapCli(), factory).setCaseInsensitiveEnumValuesAllowed(true)
        .setExecutionExceptionHandler(errors).setParameterExceptionHandler(errors);
  }
}
