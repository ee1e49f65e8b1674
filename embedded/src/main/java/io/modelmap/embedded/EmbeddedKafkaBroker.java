package io.modelmap.embedded;

import java.io.IOException;
import java.io.OutputStream;
import java.io.PrintStream;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Properties;
import kafka.server.KafkaConfig;
import kafka.server.KafkaRaftServer;
import org.apache.kafka.common.Uuid;
import org.apache.kafka.common.utils.Time;
import org.apache.kafka.metadata.storage.Formatter;
import org.apache.kafka.server.common.Feature;
import org.apache.kafka.server.common.MetadataVersion;

/**
 * A real Apache Kafka broker and controller (KRaft, one node) in this JVM, listening on loopback,
 * with its log under a folder of the caller's choosing so that data survives restarts. Settings are
 * those of a single-node cluster: replication 1, no initial rebalance delay.
 */
public final class EmbeddedKafkaBroker implements AutoCloseable {
  private static final String CONTROLLER = "CONTROLLER";

  /**
   * Whether the broker creates a topic a client names before anyone created it. Many production
   * clusters do not ({@code auto.create.topics.enable=false}): tests that must show every topic is
   * provisioned say {@link #EXPLICIT}.
   */
  public enum TopicCreation { AUTOMATIC, EXPLICIT }

  private final KafkaRaftServer server;
  private final Path logDir;
  private final int brokerPort;
  private final int controllerPort;
  private final TopicCreation creation;

  private EmbeddedKafkaBroker(KafkaRaftServer server, Path logDir, int brokerPort, int controllerPort,
      TopicCreation creation) {
    this.server = server;
    this.logDir = logDir;
    this.brokerPort = brokerPort;
    this.controllerPort = controllerPort;
    this.creation = creation;
  }

  /** Formats {@code logDir} when it is new, then starts the broker on free ports (about 3 s). */
  public static EmbeddedKafkaBroker start(Path logDir) throws IOException {
    return start(logDir, TopicCreation.AUTOMATIC);
  }

  /** As {@link #start(Path)}, creating topics as {@code creation} says. */
  public static EmbeddedKafkaBroker start(Path logDir, TopicCreation creation) throws IOException {
    return start(logDir, freePort(), freePort(), creation);
  }

  /** Stops this broker and starts it again on the same folder and ports, as a rolling restart would. */
  public EmbeddedKafkaBroker restart() throws IOException {
    close();
    return start(logDir, brokerPort, controllerPort, creation);
  }

  /**
   * Formats {@code logDir} when it is new, then starts the broker on the given loopback ports: a broker
   * started again on the same folder and ports (in another process, say, after the first was killed)
   * is the same cluster at the same address.
   */
  public static EmbeddedKafkaBroker start(Path logDir, int brokerPort, int controllerPort) throws IOException {
    return start(logDir, brokerPort, controllerPort, TopicCreation.AUTOMATIC);
  }

  private static EmbeddedKafkaBroker start(Path logDir, int brokerPort, int controllerPort, TopicCreation creation)
      throws IOException {
    Files.createDirectories(logDir);
    Properties props = new Properties();
    props.put("process.roles", "broker,controller");
    props.put("node.id", "1");
    props.put("controller.quorum.voters", "1@127.0.0.1:" + controllerPort);
    props.put("listeners", "PLAINTEXT://127.0.0.1:" + brokerPort + "," + CONTROLLER + "://127.0.0.1:" + controllerPort);
    props.put("advertised.listeners", "PLAINTEXT://127.0.0.1:" + brokerPort);
    props.put("controller.listener.names", CONTROLLER);
    props.put("inter.broker.listener.name", "PLAINTEXT");
    props.put("listener.security.protocol.map", "PLAINTEXT:PLAINTEXT," + CONTROLLER + ":PLAINTEXT");
    props.put("log.dirs", logDir.toAbsolutePath().toString());
    props.put("offsets.topic.replication.factor", "1");
    props.put("offsets.topic.num.partitions", "1");
    props.put("transaction.state.log.replication.factor", "1");
    props.put("transaction.state.log.min.isr", "1");
    props.put("transaction.state.log.num.partitions", "1");
    props.put("share.coordinator.state.topic.replication.factor", "1");
    props.put("share.coordinator.state.topic.min.isr", "1");
    props.put("group.initial.rebalance.delay.ms", "0");
    props.put("num.partitions", "1");
    props.put("auto.create.topics.enable", String.valueOf(creation == TopicCreation.AUTOMATIC));
    props.put("log.cleaner.dedupe.buffer.size", String.valueOf(16 * 1024 * 1024));
    KafkaConfig config = new KafkaConfig(props, false);
    if (!Files.exists(logDir.resolve("meta.properties"))) {
      format(logDir);
    }
    KafkaRaftServer server = new KafkaRaftServer(config, Time.SYSTEM);
    server.startup();
    return new EmbeddedKafkaBroker(server, logDir, brokerPort, controllerPort, creation);
  }

  private static void format(Path logDir) throws IOException {
    try {
      new Formatter()
          .setPrintStream(new PrintStream(OutputStream.nullOutputStream()))
          .setNodeId(1)
          .setClusterId(Uuid.randomUuid().toString())
          .setDirectories(List.of(logDir.toAbsolutePath().toString()))
          .setMetadataLogDirectory(logDir.toAbsolutePath().toString())
          .setReleaseVersion(MetadataVersion.LATEST_PRODUCTION)
          .setSupportedFeatures(Feature.PRODUCTION_FEATURES)
          .setControllerListenerName(CONTROLLER)
          .run();
    } catch (Exception e) {
      throw new IOException("cannot format the Kafka log folder " + logDir + "; delete it to start afresh", e);
    }
  }

  /** The bootstrap servers clients connect to. */
  public String bootstrapServers() {
    return "127.0.0.1:" + brokerPort;
  }

  private static int freePort() throws IOException {
    try (ServerSocket socket = new ServerSocket(0, 1, InetAddress.getLoopbackAddress())) {
      return socket.getLocalPort();
    }
  }

  @Override
  public void close() {
    server.shutdown();
    server.awaitShutdown();
  }
}
