package io.modelmap.cli.logging;

import ch.qos.logback.classic.Level;
import ch.qos.logback.classic.spi.ILoggingEvent;
import ch.qos.logback.core.filter.Filter;
import ch.qos.logback.core.spi.FilterReply;

/**
 * Passes the project's own events ({@code io.modelmap.*}) from one level and every library's from
 * another, so a console shows what needs attention while a file beside it takes everything.
 */
public final class ProjectLevelFilter extends Filter<ILoggingEvent> {
  private static final String PROJECT = "io.modelmap";
  private Level project = Level.WARN;
  private Level libraries = Level.ERROR;

  public ProjectLevelFilter() {}

  ProjectLevelFilter(Level project, Level libraries) {
    this.project = project;
    this.libraries = libraries;
  }

  /** Lowest level of the project's events shown (logback configuration property). */
  public void setProject(String level) {
    project = Level.toLevel(level, Level.WARN);
  }

  /** Lowest level of the libraries' events shown (logback configuration property). */
  public void setLibraries(String level) {
    libraries = Level.toLevel(level, Level.ERROR);
  }

  @Override
  public FilterReply decide(ILoggingEvent event) {
    Level threshold = event.getLoggerName().startsWith(PROJECT) ? project : libraries;
    return event.getLevel().isGreaterOrEqual(threshold) ? FilterReply.NEUTRAL : FilterReply.DENY;
  }
}
