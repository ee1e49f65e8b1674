package io.modelmap.cli;

import io.modelmap.cli.logging.CliLogging;
import picocli.CommandLine;
import picocli.CommandLine.Command;

/** Entry point of {@code ./modelmap}. */
@Command(name = "modelmap", mixinStandardHelpOptions = true, resourceBundle = "io.modelmap.cli.OptionDescriptions", version = "modelmap-streams 0.1.0",
    description = "Maps language models as they appear: log-likelihood vectors, Q coordinates, KL neighbours,"
        + " agreement on error.",
    subcommands = {DemoCommand.class, MapCommand.class, CorpusCommand.class, TopicsCommand.class, RegisterCommand.class, ImportCommand.class,
        ImportItemsCommand.class, ImportAnswersCommand.class, ImportScoresCommand.class, ImportBenchmarksCommand.class, ImportResponsesCommand.class, ResponseBenchCommand.class, ExportCommand.class, AgreementCommand.class,
        AggregatorCommand.class, ScorerCommand.class, EngineCommand.class, BenchCommand.class, ScorerBenchCommand.class, HealthCommand.class,
        TrainCommand.class, MergeCommand.class, QuantizeCommand.class, ValidateKlCommand.class, CppEvalCommand.class, EmbedLlmEvalCommand.class, CompareResponsesCommand.class,
        CommandLine.HelpCommand.class})
public final class ModelMapCli {

  public static void main(String[] args) {
    CliLogging.terminal();
    System.exit(commandLine().execute(args));
  }

  /** The configured command line, also used by tests. */
  public static CommandLine commandLine() {
    ErrorReporter errors = new ErrorReporter();
    return new CommandLine(new ModelMapCli()).setCaseInsensitiveEnumValuesAllowed(true)
        .setExecutionExceptionHandler(errors).setParameterExceptionHandler(errors);
  }
}
