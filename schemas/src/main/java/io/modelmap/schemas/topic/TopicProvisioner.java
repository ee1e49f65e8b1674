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
    List<NewTopic> wanted = new ArrayList<>();
    for (String compacted : List.of(names.modelRegistered(), names.corpusTexts(), names.mcItems(),
        names.modelCoordinates(), names.coordinateFrame(), names.modelNeighbors(), names.errorAgreement(),
        names.modelAccuracy(), names.benchmarkScores(), names.scorePredictions(), names.predictionQuality(),
        names.modelAnalytics(), names.benchmarkRegistered(), names.modelEmbeddings(),
        names.responseSimilarity())) {
      wanted.add(topic(compacted, partitions, replication, TopicConfig.CLEANUP_POLICY_COMPACT));
    }
    for (String deleted : List.of(names.scoreTasks(), names.textScores(), names.mcAnswers(), names.modelResponses())) {
      wanted.add(topic(deleted, partitions, replication, TopicConfig.CLEANUP_POLICY_DELETE));
    }
    for (String source : List.of(names.modelRegistered(), names.corpusTexts(), names.mcItems(),
        names.scoreTasks(), names.textScores(), names.mcAnswers(), names.benchmarkScores(),
        names.benchmarkRegistered(), names.modelResponses())) {
      wanted.add(topic(TopicNames.deadLetter(source), 1, replication, TopicConfig.CLEANUP_POLICY_DELETE));
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

  private static NewTopic topic(String name, int partitions, short replication, String cleanup) {
    return new NewTopic(name, partitions, replication).configs(Map.of(TopicConfig.CLEANUP_POLICY_CONFIG, cleanup));
  }
}
