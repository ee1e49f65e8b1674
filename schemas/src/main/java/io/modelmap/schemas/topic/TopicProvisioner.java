package io.modelmap.schemas.topic;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.admin.NewTopic;
import org.apache.kafka.common.config.TopicConfig;

/** Creates the system's topics with the cleanup policies of DESIGN.md §4, leaving existing ones alone. */
public final class TopicProvisioner {
  private final Admin admin;

  public TopicProvisioner(Admin admin) {
    this.admin = admin;
  }

  /** Creates every missing topic (and its dead-letter topic) with the given partitions and replication. */
  public void createMissing(TopicNames names, int partitions, short replication) {
    List<String> compacted = List.of(names.modelRegistered(), names.corpusTexts(), names.mcItems(),
        names.modelCoordinates(), names.coordinateFrame(), names.modelNeighbors(), names.errorAgreement(),
        names.modelAccuracy(), names.benchmarkScores(), names.scorePredictions(), names.predictionQuality(),
        names.modelAnalytics(), names.benchmarkRegistered(), names.modelEmbeddings(), names.responseSimilarity(),
        names.hubDecisions());
    List<String> deleted = List.of(names.scoreTasks(), names.textScores(), names.mcAnswers(), names.modelResponses());
    List<NewTopic> wanted = new ArrayList<>();
    compacted.forEach(name -> wanted.add(topic(name, partitions, replication, TopicConfig.CLEANUP_POLICY_COMPACT)));
    deleted.forEach(name -> wanted.add(topic(name, partitions, replication, TopicConfig.CLEANUP_POLICY_DELETE)));
    // Every topic has a reader that dead-letters what it cannot take: a source's consumer, or the view the
    // aggregator keeps of an output it also reads (a record there that does not decode goes to <topic>-dlq in
    // the view's transaction). A cluster that creates no topic by itself has only what is made here.
    for (String topic : concat(compacted, deleted)) {
      wanted.add(topic(TopicNames.deadLetter(topic), 1, replication, TopicConfig.CLEANUP_POLICY_DELETE));
    }
    try {
      Set<String> existing = admin.listTopics().names().get(30, TimeUnit.SECONDS);
      List<NewTopic> missing = wanted.stream().filter(t -> !existing.contains(t.name())).toList();
      if (!missing.isEmpty()) {
        admin.createTopics(missing).all().get(60, TimeUnit.SECONDS);
      }
    } catch (ExecutionException | TimeoutException e) {
      throw new IllegalStateException("cannot create the ModelMap topics; check the bootstrap servers and ACLs", e);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new IllegalStateException("interrupted while creating topics", e);
    }
  }

  private static List<String> concat(List<String> a, List<String> b) {
    List<String> all = new ArrayList<>(a);
    all.addAll(b);
    return all;
  }

  private static NewTopic topic(String name, int partitions, short replication, String cleanup) {
    return new NewTopic(name, partitions, replication).configs(Map.of(TopicConfig.CLEANUP_POLICY_CONFIG, cleanup));
  }
}
