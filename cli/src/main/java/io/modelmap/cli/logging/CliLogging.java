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
 * Where log lines go. The terminal shows the project's own warnings as sentences (and a library's errors
 * until there is a log file); {@link #toFile} sends everything at INFO, Kafka, RocksDB and DJL
 * internals included, to a file under the data folder. Services ({@link #service}) log to the console,
 * as containers expect.
 */
public final class CliLogging {
  private static final String PATTERN = "%d{HH:mm:ss.SSS} %-5level [%thread] %logger{36} - %msg%n";
  /** A person at a terminal reads a sentence: no timestamp, thread or logger (the log file has them). */
  private static final String TERMINAL_PATTERN = "%msg%n";

  private CliLogging() {}

  /** Default of every command: the terminal gets project warnings and library errors only. */
  public static void terminal() {
    consoleOnly(Level.WARN, Level.ERROR, TERMINAL_PATTERN);
  }

  /** Long-running services (aggregator, scorer): the project's INFO and libraries' WARN on the console. */
  public static void service() {
    consoleOnly(Level.INFO, Level.WARN, PATTERN);
  }

  private static void consoleOnly(Level project, Level libraries, String pattern) {
    LoggerContext context = (LoggerContext) LoggerFactory.getILoggerFactory();
    context.reset();
    Logger root = context.getLogger(Logger.ROOT_LOGGER_NAME);
    root.addAppender(console(context, project, libraries, pattern));
    root.setLevel(project.isGreaterOrEqual(libraries) ? libraries : project);
  }

  /**
   * Everything at INFO also goes to {@code file} (appended); from then on the libraries' events (a broker's
   * ERROR about a producer sequence, RocksDB, DJL) go to the file only, and the terminal keeps the project's.
   */
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
    appender.setEncoder(encoder(context, PATTERN));
    appender.start();
    root.addAppender(appender);
    root.setLevel(Level.INFO);
    var console = root.getAppender("console");
    if (console != null) {
      console.getCopyOfAttachedFiltersList().stream().filter(ProjectLevelFilter.class::isInstance)
          .forEach(filter -> ((ProjectLevelFilter) filter).setLibraries("OFF"));
    }
    return file;
  }

  private static ConsoleAppender<ILoggingEvent> console(LoggerContext context, Level project, Level libraries,
      String pattern) {
    ConsoleAppender<ILoggingEvent> appender = new ConsoleAppender<>();
    appender.setContext(context);
    appender.setName("console");
    appender.setTarget("System.err");
    appender.setEncoder(encoder(context, pattern));
    ProjectLevelFilter filter = new ProjectLevelFilter(project, libraries);
    filter.start();
    appender.addFilter(filter);
    appender.start();
    return appender;
  }

  private static PatternLayoutEncoder encoder(LoggerContext context, String pattern) {
    PatternLayoutEncoder encoder = new PatternLayoutEncoder();
    encoder.setContext(context);
    encoder.setPattern(pattern);
    encoder.start();
    return encoder;
  }
}
