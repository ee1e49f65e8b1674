package io.modelmap.cli.operations;

import io.modelmap.cli.hub.HubRegistration;
import io.modelmap.cli.watch.HubWatcher;
import io.modelmap.cli.watch.WatchRules;
import io.modelmap.hub.HubModelId;
import io.modelmap.hub.ListedModel;
import io.modelmap.kafka.Publisher;
import io.modelmap.producer.fanout.ModelOnboarding;
import io.modelmap.producer.fanout.TaskFanout;
import io.modelmap.schemas.avro.ModelRegistered;
import io.modelmap.schemas.topic.Topics;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * Registers what the Hub watcher lets through, as {@code register --model} does (through {@link ModelOnboarding}):
 * the first commit of a repository as {@code org/name}, a later commit beside it as {@code org/name@commit}.
 * Idempotent by id and commit: a model already on {@code model-registered} at that commit (a watcher that stopped
 * between registering and recording its decision, or a second watcher) is not published again.
 */
final class WatchRegistrar implements HubWatcher.Registrar {
  private final Publisher publisher;
  private final Topics topics;
  private final WatchRules rules;
  private final int perTask;
  private final Map<String, ModelRegistered> registered;
  private final List<String> textIds;
  private final Map<String, List<String>> itemIds;

  /** {@code registered}: {@code model-registered} as read on start, kept up to date by this registrar. */
  WatchRegistrar(Publisher publisher, Topics topics, WatchRules rules, int perTask,
      Map<String, ModelRegistered> registered, List<String> textIds, Map<String, List<String>> itemIds) {
    this.publisher = publisher;
    this.topics = topics;
    this.rules = rules;
    this.perTask = perTask;
    this.registered = registered;
    this.textIds = textIds;
    this.itemIds = itemIds;
  }

  /** Adds what {@code model-registered} holds now (another watcher's registrations, while this one waited). */
  void catchUp(Map<String, ModelRegistered> current) {
    registered.putAll(current);
  }

  @Override
  public String register(ListedModel model) {
    HubRegistration registration = registration(model);
    ModelRegistered stored = registered.get(registration.modelId());
    if (stored != null && registration.commit().equals(stored.getRevision())) {
      return registration.modelId();
    }
    ModelRegistered event = ModelRegistered.newBuilder().setModelId(registration.modelId())
        .setSourceUri(registration.sourceUri()).setRevision(registration.commit()).setDtype(rules.dtype())
        .setParameterCount(model.parameters().isPresent() ? model.parameters().getAsLong() : null)
        .setLabels(Map.of("source", "watch-hub")).setCorpusId(rules.corpus()).setBenchmarks(rules.benchmarks())
        .setRegisteredAtMs(System.currentTimeMillis()).build();
    new ModelOnboarding(publisher, topics, new TaskFanout(perTask)).onboard(event, textIds, itemIds);
    publisher.flush();
    registered.put(registration.modelId(), event);
    return registration.modelId();
  }

  /** {@code org/name} unless that id holds another commit already; then {@code org/name@commit}. */
  private HubRegistration registration(ListedModel model) {
    HubRegistration atMain = HubRegistration.of(new HubModelId(model.id(), HubModelId.DEFAULT_REVISION),
        model.commit(), Optional.empty());
    ModelRegistered stored = registered.get(atMain.modelId());
    if (stored == null || model.commit().equals(stored.getRevision())) {
      return atMain;
    }
    return HubRegistration.of(new HubModelId(model.id(), model.commit()), model.commit(), Optional.empty());
  }
}
