package io.modelmap.schemas.serde;

/** Confluent's TopicNameStrategy: {@code <topic>-value} and {@code <topic>-key}. */
public final class SubjectNaming {
  private SubjectNaming() {}

  public static String subject(String topic, boolean isKey) {
    return topic + (isKey ? "-key" : "-value");
  }
}
