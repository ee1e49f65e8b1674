package io.modelmap.cli.logging;

import ch.qos.logback.classic.Level;
import ch.qos.logback.classic.Logger;
import ch.qos.logback.classic.LoggerContext;
import ch.qos.logback.classic.encoder.PatternLayoutEncoder;
import ch.qos.logback.classic.spi.ILoggingEvent;
import ch.qos.logback.core.ConsoleAppender;
import ch.qos.logback.core.FileAppender;
import java.nio.file.Path;
import org.slf4j.LoggerFactory;

/**
 * Where log lines go. The terminal shows the project's own warnings and any library's errors (what
 * needs the user's attention); {@link #toFile} sends everything at INFO, Kafka, RocksDB and DJL
 * internals included, to a file under the data folder. Services ({@link #service}) log to the console,
 * as containers expect.
 */
public final class CliLogging {
  private static final String PATTERN = "%d{HH:mm:ss.SSS} %-5level [%thread] %logger{36} - %msg%n";

  private CliLogging() {}

  /** Default of every command: the terminal gets project warnings and library errors only. */
  public static void terminal() {
    consoleOnly(Level.WARN, Level.ERROR);
  }

  /** Long-running services (aggregator, scorer): the project's INFO and libraries' WARN on the console. */
  public static void service() {
    consoleOnly(Level.INFO, Level.WARN);
  }

  private static void consoleOnly(Level project, Level libraries) {
    LoggerContext context = (LoggerContext) LoggerFactory.getILoggerFactory();
    context.reset();
    Logger root = context.getLogger(Logger.ROOT_LOGGER_NAME);
    root.addAppender(console(context, project, libraries));
    root.setLevel(project.isGreaterOrEqual(libraries) ? libraries : project);
  }

  /** Everything at INFO also goes to {@code file} (appended); the terminal stays as it was. */
  public static Path toFile(Path file) {
    LoggerContext context = (LoggerContext) LoggerFactory.getILoggerFactory();
    Logger root = context.getLogger(Logger.ROOT_LOGGER_NAME);
    var previous = root.getAppender("file");
    if (previous != null) {
      root.detachAppender(previous);
      previous.stop();
    }
    FileAppender<ILoggingEvent> appender = new FileAppender<>();
    appender.setContext(context);
    appender.setName("file");
    appender.setFile(file.toString());
    appender.setAppend(true);
    appender.setEncoder(encoder(context));
    appender.start();
    root.addAppender(appender);
    root.setLevel(Level.INFO);
    return file;
  }

  private static ConsoleAppender<ILoggingEvent> console(LoggerContext context, Level project, Level libraries) {
    ConsoleAppender<ILoggingEvent> appender = new ConsoleAppender<>();
    appender.setContext(context);
    appender.setName("console");
    appender.setTarget("System.err");
    appender.setEncoder(encoder(context));
    ProjectLevelFilter filter = new ProjectLevelFilter(project, libraries);
    filter.start();
    appender.addFilter(filter);
    appender.start();
    return appender;
  }

  private static PatternLayoutEncoder encoder(LoggerContext context) {
    PatternLayoutEncoder encoder = new PatternLayoutEncoder();
    encoder.setContext(context);
    encoder.setPattern(PATTERN);
    encoder.start();
    return encoder;
  }
}
