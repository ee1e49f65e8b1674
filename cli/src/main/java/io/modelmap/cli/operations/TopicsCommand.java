package io.modelmap.cli.operations;

import io.modelmap.cli.support.ClusterOptions;
import io.modelmap.schemas.topic.TopicProvisioner;
import java.util.concurrent.Callable;
import org.apache.kafka.clients.admin.Admin;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;

/** {@code modelmap topics}: creates the system's topics with their cleanup policies (missing ones only). */
@Command(name = "topics", mixinStandardHelpOptions = true,
    description = "Create every topic of docs/ARCHITECTURE.md that does not exist yet, with its cleanup policy.")
public final class TopicsCommand implements Callable<Integer> {
  @Mixin
  ClusterOptions connection;

  @Option(names = "--partitions", defaultValue = "${env:MODELMAP_TOPIC_PARTITIONS:-6}",
      description = "Partitions per topic (env MODELMAP_TOPIC_PARTITIONS; default ${DEFAULT-VALUE}).")
  int partitions;

  @Option(names = "--replication", defaultValue = "${env:MODELMAP_TOPIC_REPLICATION:-3}",
      description = "Replication factor (env MODELMAP_TOPIC_REPLICATION; default ${DEFAULT-VALUE}).")
  short replication;

  @Override
  public Integer call() {
    try (Admin admin = Admin.create(connection.external().adminProperties())) {
      new TopicProvisioner(admin).createMissing(connection.topicNames(), partitions, replication);
    }
    System.out.printf("Topics present (missing ones created with %d partitions, replication %d)%n", partitions, replication);
    return 0;
  }
}
