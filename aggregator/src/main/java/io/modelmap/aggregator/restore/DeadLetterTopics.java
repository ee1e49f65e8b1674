package io.modelmap.aggregator.restore;

/**
 * Makes sure a dead-letter topic exists before a letter is sent to it. The dead-letter topics of the
 * sources and views are provisioned with them ({@code TopicProvisioner}); those of internal changelogs
 * cannot be, since Kafka Streams names and creates the changelogs itself.
 */
@FunctionalInterface
public interface DeadLetterTopics {
  /** Creates {@code topic} unless it exists; never throws (the send then fails and is logged). */
  void ensure(String topic);

  /** For topics that exist already (tests, or a cluster that creates topics on first use). */
  static DeadLetterTopics provisioned() {
    return topic -> { };
  }
}
