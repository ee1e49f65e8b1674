package io.modelmap.aggregator.restore;

import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.admin.NewTopic;
import org.apache.kafka.common.config.TopicConfig;
import org.apache.kafka.common.errors.TopicExistsException;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Creates a dead-letter topic the first time one is needed, as {@code TopicProvisioner} creates the
 * others: one partition, {@code delete} cleanup, the broker's default replication. Without it a cluster
 * that creates no topic by itself blocks each send for {@code max.block.ms} (60 s, inside a restore) and
 * loses the letter.
 */
public final class CreatedDeadLetterTopics implements DeadLetterTopics, AutoCloseable {
  private static final Logger LOG = LoggerFactory.getLogger(CreatedDeadLetterTopics.class);
  private final Admin admin;
  private final Set<String> existing = ConcurrentHashMap.newKeySet();

  public CreatedDeadLetterTopics(Admin admin) {
    this.admin = admin;
  }

  @Override
  public void ensure(String topic) {
    if (existing.contains(topic)) {
      return;
    }
    NewTopic wanted = new NewTopic(topic, Optional.of(1), Optional.empty())
        .configs(Map.of(TopicConfig.CLEANUP_POLICY_CONFIG, TopicConfig.CLEANUP_POLICY_DELETE));
    try {
      admin.createTopics(List.of(wanted)).all().get(30, TimeUnit.SECONDS);
      LOG.info("Created dead-letter topic {}", topic);
      existing.add(topic);
    } catch (ExecutionException e) {
      if (e.getCause() instanceof TopicExistsException) {
        existing.add(topic);
      } else {
        LOG.warn("Could not create dead-letter topic {}: {}", topic, e.getCause().getMessage());
      }
    } catch (TimeoutException e) {
      LOG.warn("Could not create dead-letter topic {} within 30 s", topic);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
    }
  }

  @Override
  public void close() {
    admin.close();
  }
}
