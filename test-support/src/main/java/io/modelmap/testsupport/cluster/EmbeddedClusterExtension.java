package io.modelmap.testsupport.cluster;

import io.modelmap.embedded.EmbeddedCluster;
import io.modelmap.schemas.topic.TopicNames;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Comparator;
import java.util.stream.Stream;
import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.common.serialization.Serializer;
import org.junit.jupiter.api.extension.AfterEachCallback;
import org.junit.jupiter.api.extension.BeforeEachCallback;
import org.junit.jupiter.api.extension.ExtensionContext;

/**
 * A JUnit extension that starts an {@link EmbeddedCluster} (a real KRaft broker on loopback, the system's topics
 * with one partition each, the schema registry) in a fresh temporary folder before each test, and closes and
 * deletes it after the test. Register it on an instance field:
 * <pre>{@code @RegisterExtension final EmbeddedClusterExtension cluster = new EmbeddedClusterExtension();}</pre>
 */
public final class EmbeddedClusterExtension implements BeforeEachCallback, AfterEachCallback {
  private Path folder;
  private EmbeddedCluster cluster;

  @Override
  public void beforeEach(ExtensionContext context) throws IOException {
    folder = Files.createTempDirectory("embedded-cluster");
    cluster = EmbeddedCluster.start(folder, TopicNames.defaults());
  }

  @Override
  public void afterEach(ExtensionContext context) throws IOException {
    try {
      cluster.close();
    } finally {
      deleteRecursively(folder);
    }
  }

  public String bootstrapServers() {
    return cluster.bootstrapServers();
  }

  public String schemaRegistryUrl() {
    return cluster.schemaRegistryUrl();
  }

  /** An admin client of the broker; the caller closes it. */
  public Admin admin() {
    return KafkaClients.admin(bootstrapServers());
  }

  /** A producer of the broker that sends the given bytes as they are (no schema registry); the caller closes it. */
  public <K, V> KafkaProducer<K, V> producer(Serializer<K> keys, Serializer<V> values) {
    return KafkaClients.producer(bootstrapServers(), keys, values);
  }

  private static void deleteRecursively(Path root) throws IOException {
    try (Stream<Path> paths = Files.walk(root)) {
      paths.sorted(Comparator.reverseOrder()).forEach(path -> {
        try {
          Files.deleteIfExists(path);
        } catch (IOException e) {
          throw new UncheckedIOException(e);
        }
      });
    }
  }
}
