package io.modelmap.deploy;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.fasterxml.jackson.dataformat.yaml.YAMLMapper;
import com.marcnuri.helm.Helm;
import com.marcnuri.helm.LintResult;
import io.fabric8.kubernetes.api.model.ConfigMap;
import io.fabric8.kubernetes.api.model.Container;
import io.fabric8.kubernetes.api.model.EnvVar;
import io.fabric8.kubernetes.api.model.GenericKubernetesResource;
import io.fabric8.kubernetes.api.model.HasMetadata;
import io.fabric8.kubernetes.api.model.KubernetesResource;
import io.fabric8.kubernetes.api.model.PersistentVolumeClaim;
import io.fabric8.kubernetes.api.model.Quantity;
import io.fabric8.kubernetes.api.model.Secret;
import io.fabric8.kubernetes.api.model.Service;
import io.fabric8.kubernetes.api.model.apps.Deployment;
import io.fabric8.kubernetes.api.model.apps.StatefulSet;
import io.fabric8.kubernetes.api.model.batch.v1.Job;
import io.fabric8.kubernetes.api.model.policy.v1.PodDisruptionBudget;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Set;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * {@code helm lint} and {@code helm template} of helm/modelmap-streams, with the rendered objects
 * checked as typed Kubernetes objects. helm-java's template leaves hook resources out, so the chart is
 * rendered from a copy whose hook annotations are removed (the Jobs then render as plain objects), and
 * the annotations themselves are checked in the templates.
 */
class HelmChartTest {
  private static final Path CHART = Path.of("..", "helm", "modelmap-streams");

  @TempDir
  static Path copies;

  /** The chart with its hook annotations removed, so helm-java renders the hook Jobs too. */
  private static Path withHooksRendered() throws Exception {
    Path copy = copies.resolve("modelmap-streams");
    if (!Files.exists(copy)) {
      try (Stream<Path> files = Files.walk(CHART)) {
        for (Path source : files.toList()) {
          Path target = copy.resolve(CHART.relativize(source).toString());
          if (Files.isDirectory(source)) {
            Files.createDirectories(target);
          } else {
            String text = Files.readString(source);
            Files.writeString(target, source.toString().endsWith("-job.yaml")
                ? text.replaceAll("(?m)^\\s*helm\\.sh/hook[-a-z]*:.*\\n", "") : text);
          }
        }
      }
    }
    return copy;
  }

  private static List<HasMetadata> render(Map<String, String> set, Path valuesFile) throws Exception {
    var template = new Helm(withHooksRendered()).template().withName("mm");
    if (valuesFile != null) {
      template = template.withValuesFile(valuesFile);
    }
    for (Map.Entry<String, String> e : set.entrySet()) {
      template = template.set(e.getKey(), e.getValue());
    }
    String yaml = template.call();
    List<HasMetadata> objects = new ArrayList<>();
    for (Object o : new YAMLMapper().readerFor(KubernetesResource.class).readValues(yaml).readAll()) {
      if (o instanceof HasMetadata m) {
        objects.add(m);
      }
    }
    return objects;
  }

  private static <T> List<T> ofType(List<HasMetadata> objects, Class<T> type) {
    return objects.stream().filter(type::isInstance).map(type::cast).toList();
  }

  private static <T extends HasMetadata> T named(List<HasMetadata> objects, Class<T> type, String name) {
    return ofType(objects, type).stream().filter(o -> o.getMetadata().getName().equals(name)).findFirst().orElseThrow();
  }

  @Test
  void lintsCleanInStrictMode() {
    LintResult result = new Helm(CHART).lint().strict().call();
    assertThat(result.isFailed()).as(String.join("\n", result.getMessages())).isFalse();
  }

  @Test
  void aggregatorIsAStatefulSetWithStateVolumeProbesAndRoutableName() throws Exception {
    List<HasMetadata> objects = render(Map.of(), null);
    StatefulSet aggregator = named(objects, StatefulSet.class, "mm-modelmap-streams-aggregator");
    assertThat(aggregator.getSpec().getVolumeClaimTemplates()).singleElement()
        .satisfies(pvc -> assertThat(pvc.getSpec().getResources().getRequests().get("storage")).isEqualTo(new Quantity("20Gi")));
    Container container = aggregator.getSpec().getTemplate().getSpec().getContainers().get(0);
    assertThat(container.getReadinessProbe().getHttpGet().getPath()).isEqualTo("/health");
    assertThat(container.getLivenessProbe().getHttpGet().getPath()).isEqualTo("/health");
    assertThat(container.getVolumeMounts()).anySatisfy(m -> assertThat(m.getMountPath()).isEqualTo("/var/lib/modelmap/state"));
    assertThat(env(container, "MODELMAP_API_ADVERTISED_HOST"))
        .isEqualTo("$(POD_NAME).mm-modelmap-streams-aggregator-headless.$(POD_NAMESPACE).svc.cluster.local");
    assertThat(aggregator.getSpec().getTemplate().getSpec().getSecurityContext().getRunAsNonRoot()).isTrue();
    assertThat(aggregator.getSpec().getTemplate().getMetadata().getAnnotations()).containsEntry("prometheus.io/scrape", "true");
    Service headless = named(objects, Service.class, "mm-modelmap-streams-aggregator-headless");
    assertThat(headless.getSpec().getClusterIP()).isEqualTo("None");
    assertThat(named(objects, Service.class, "mm-modelmap-streams-aggregator").getSpec().getPorts().get(0).getPort())
        .isEqualTo(8080);
    assertThat(ofType(objects, PodDisruptionBudget.class)).hasSize(2);
    Job topics = named(objects, Job.class, "mm-modelmap-streams-topics");
    assertThat(Files.readString(CHART.resolve("templates/topics-job.yaml"))).contains("helm.sh/hook: pre-install,pre-upgrade");
    assertThat(Files.readString(CHART.resolve("templates/register-job.yaml"))).contains("helm.sh/hook: post-install,post-upgrade");
    assertThat(topics.getSpec().getTemplate().getSpec().getContainers().get(0).getArgs())
        .containsExactly("topics", "--partitions", "12", "--replication", "3");
    Deployment scorer = named(objects, Deployment.class, "mm-modelmap-streams-scorer");
    assertThat(scorer.getSpec().getTemplate().getSpec().getContainers().get(0).getResources().getLimits())
        .doesNotContainKey("nvidia.com/gpu");
  }

  @Test
  void gpuExampleRequestsGpusSchedulesOnGpuNodesScalesOnLagAndRegistersModels() throws Exception {
    List<HasMetadata> objects = render(Map.of(), CHART.resolve("values-gpu-example.yaml"));
    Deployment scorer = named(objects, Deployment.class, "mm-modelmap-streams-scorer");
    var pod = scorer.getSpec().getTemplate().getSpec();
    Container container = pod.getContainers().get(0);
    assertThat(container.getResources().getLimits()).containsEntry("nvidia.com/gpu", new Quantity("1"));
    assertThat(container.getImage()).isEqualTo("registry.example.com/modelmap/scorer-worker:0.1.0-cu128");
    assertThat(pod.getNodeSelector()).containsEntry("nvidia.com/gpu.present", "true");
    assertThat(pod.getTolerations()).anySatisfy(t -> assertThat(t.getKey()).isEqualTo("nvidia.com/gpu"));
    assertThat(scorer.getSpec().getReplicas()).as("KEDA owns the replica count").isNull();
    assertThat(pod.getVolumes()).filteredOn(v -> v.getPersistentVolumeClaim() != null)
        .anySatisfy(v -> assertThat(v.getPersistentVolumeClaim().getClaimName()).isEqualTo("model-checkpoints"));
    GenericKubernetesResource scaled = ofType(objects, GenericKubernetesResource.class).stream()
        .filter(o -> o.getKind().equals("ScaledObject")).findFirst().orElseThrow();
    assertThat(scaled.toString()).contains("score-tasks").contains("lagThreshold=10");
    Job register = named(objects, Job.class, "mm-modelmap-streams-register");
    assertThat(register.getSpec().getTemplate().getSpec().getContainers()).hasSize(2);
    assertThat(register.getSpec().getTemplate().getSpec().getContainers().get(0).getArgs())
        .contains("register", "--model-id=EleutherAI/pythia-160m@step143000", "--source-uri=file:/models/EleutherAI/pythia-160m",
            "--corpus-id=pile-10k", "--benchmark=mmlu");
    assertThat(env(container, "MODELMAP_CLIENT_CONFIG")).isEqualTo("/etc/modelmap/client/client.properties");
    assertThat(pod.getVolumes()).filteredOn(v -> v.getSecret() != null)
        .anySatisfy(v -> assertThat(v.getSecret().getSecretName()).isEqualTo("modelmap-kafka-client"));
  }

  @Test
  @SuppressWarnings("unchecked")
  void internalViewsHaveTheirOwnPortAdmittingOnlyAggregatorPods() throws Exception {
    List<HasMetadata> objects = render(Map.of(), null);
    Container container = named(objects, StatefulSet.class, "mm-modelmap-streams-aggregator").getSpec().getTemplate()
        .getSpec().getContainers().get(0);
    assertThat(env(container, "MODELMAP_INTERNAL_PORT")).isEqualTo("8081");
    assertThat(container.getPorts()).extracting(p -> p.getName() + ":" + p.getContainerPort())
        .containsExactlyInAnyOrder("http:8080", "internal:8081");
    assertThat(named(objects, Service.class, "mm-modelmap-streams-aggregator").getSpec().getPorts())
        .as("the public Service does not carry the internal port").extracting(p -> p.getPort()).containsExactly(8080);
    GenericKubernetesResource policy = ofType(objects, GenericKubernetesResource.class).stream()
        .filter(o -> o.getKind().equals("NetworkPolicy")).findFirst().orElseThrow();
    Map<String, Object> spec = (Map<String, Object>) policy.getAdditionalProperties().get("spec");
    List<Map<String, Object>> ingress = (List<Map<String, Object>>) spec.get("ingress");
    Map<String, Object> internalRule = ingress.stream()
        .filter(r -> r.toString().contains("port=8081")).findFirst().orElseThrow();
    assertThat(internalRule.get("from").toString()).contains("app.kubernetes.io/component=aggregator");
    assertThat(ingress.stream().filter(r -> r.toString().contains("port=8080")))
        .singleElement().satisfies(r -> assertThat(r).doesNotContainKey("from"));
    assertThat(render(Map.of("aggregator.networkPolicy.enabled", "false"), null))
        .noneMatch(o -> o.getKind().equals("NetworkPolicy"));
  }

  @Test
  void internalViewsListenOnThePodIpOnAPortNoServiceCarries() throws Exception {
    List<HasMetadata> objects = render(Map.of(), null);
    Container container = named(objects, StatefulSet.class, "mm-modelmap-streams-aggregator").getSpec().getTemplate()
        .getSpec().getContainers().get(0);
    EnvVar internalHost = container.getEnv().stream().filter(e -> e.getName().equals("MODELMAP_INTERNAL_HOST"))
        .findFirst().orElseThrow();
    assertThat(internalHost.getValueFrom().getFieldRef().getFieldPath()).isEqualTo("status.podIP");
    assertThat(env(container, "MODELMAP_API_HOST")).as("the API for the Service and port-forward").isEqualTo("0.0.0.0");
    assertThat(ofType(objects, Service.class)).as("no Service carries the internal port").allSatisfy(service ->
        assertThat(service.getSpec().getPorts()).noneMatch(p -> p.getPort() == 8081
            || (p.getTargetPort() != null && "internal".equals(p.getTargetPort().getStrVal()))));
  }

  @Test
  void anApiTokenComesFromASecretAsAFileOnlyWhenOneIsNamed() throws Exception {
    StatefulSet without = named(render(Map.of(), null), StatefulSet.class, "mm-modelmap-streams-aggregator");
    assertThat(without.getSpec().getTemplate().getSpec().getContainers().get(0).getEnv())
        .noneMatch(e -> e.getName().equals("MODELMAP_API_TOKEN_FILE"));
    assertThat(without.getSpec().getTemplate().getSpec().getVolumes()).noneMatch(v -> v.getName().equals("api-token"));

    List<HasMetadata> objects = render(Map.of("api.auth.secretName", "modelmap-api-token", "api.auth.secretKey", "bearer"),
        null);
    var pod = named(objects, StatefulSet.class, "mm-modelmap-streams-aggregator").getSpec().getTemplate().getSpec();
    Container container = pod.getContainers().get(0);
    assertThat(env(container, "MODELMAP_API_TOKEN_FILE")).isEqualTo("/etc/modelmap/api/bearer");
    assertThat(container.getVolumeMounts()).anySatisfy(m -> {
      assertThat(m.getName()).isEqualTo("api-token");
      assertThat(m.getMountPath()).isEqualTo("/etc/modelmap/api");
      assertThat(m.getReadOnly()).isTrue();
    });
    assertThat(pod.getVolumes()).filteredOn(v -> v.getName().equals("api-token"))
        .singleElement().satisfies(v -> assertThat(v.getSecret().getSecretName()).isEqualTo("modelmap-api-token"));
    assertThat(ofType(objects, Secret.class)).as("the chart names the Secret, never holds it").isEmpty();
    assertThat(container.getReadinessProbe().getHttpGet().getPath()).as("probes need no token").isEqualTo("/health");
    assertThat(CliEnvironment.variables()).contains("MODELMAP_API_TOKEN_FILE", "MODELMAP_INTERNAL_HOST");
  }

  @Test
  void registerJobPassesIdsWithSlashesQuotesAndColonsUnchanged() throws Exception {
    String id = "acme/\"tiny\": base #1@v2";
    List<HasMetadata> objects = render(Map.of("register.models[0].modelId", id,
        "register.models[0].sourceUri", "file:/models/acme/tiny", "register.models[0].corpusId", "pile 10k"), null);
    Job register = named(objects, Job.class, "mm-modelmap-streams-register");
    assertThat(register.getSpec().getTemplate().getSpec().getContainers().get(0).getArgs())
        .containsExactly("register", "--model-id=" + id, "--source-uri=file:/models/acme/tiny", "--corpus-id=pile 10k",
            "--dtype=float32");
  }

  @Test
  void noSecretValueIsInlinedAnywhere() throws Exception {
    List<HasMetadata> objects = render(Map.of("kafka.clientConfigSecret", "creds"), CHART.resolve("values-gpu-example.yaml"));
    assertThat(ofType(objects, Secret.class)).isEmpty();
    String rendered = new YAMLMapper().writeValueAsString(objects);
    assertThat(rendered).doesNotContainIgnoringCase("password").doesNotContain("sasl.jaas.config=")
        .doesNotContainIgnoringCase("ssl.keystore");
  }

  @Test
  void everyConfigurableValueReachesTheContainersAsASettingTheCliReads() throws Exception {
    Map<String, String> set = Map.ofEntries(
        Map.entry("kafka.bootstrapServers", "kafka-test:1234"),
        Map.entry("schemaRegistry.url", "http://sr-test:1"),
        Map.entry("aggregator.applicationId", "app-test"),
        Map.entry("aggregator.commitIntervalMs", "123"),
        Map.entry("aggregator.pollMs", "9"),
        Map.entry("aggregator.rocksdbMemoryMb", "77"),
        Map.entry("aggregator.mapMethod", "mds-kl"),
        Map.entry("aggregator.clipQuantile", "0.02"),
        Map.entry("aggregator.shards", "4"),
        Map.entry("aggregator.prediction.minObserved", "12"),
        Map.entry("aggregator.prediction.folds", "4"),
        Map.entry("aggregator.prediction.grouping", "type"),
        Map.entry("aggregator.prediction.analyticsIntervalSeconds", "30"),
        Map.entry("aggregator.port", "8181"),
        Map.entry("api.limits.threads", "8"),
        Map.entry("api.limits.queuedRequests", "64"),
        Map.entry("api.limits.queueTimeout", "PT5S"),
        Map.entry("api.limits.readTimeout", "PT4S"),
        Map.entry("api.limits.idleTimeout", "PT1M"),
        Map.entry("api.limits.maxConnections", "300"),
        Map.entry("api.limits.eventStreamsPerAddress", "3"),
        Map.entry("scorer.device", "gpu"),
        Map.entry("scorer.batchSize", "13"),
        Map.entry("scorer.metricsPort", "9999"),
        Map.entry("topics.partitions", "7"),
        Map.entry("topics.replication", "2"),
        Map.entry("topics.prefix", "team1."));
    List<HasMetadata> objects = render(set, null);
    ConfigMap config = named(objects, ConfigMap.class, "mm-modelmap-streams");
    assertThat(config.getData()).containsEntry("MODELMAP_BOOTSTRAP_SERVERS", "kafka-test:1234")
        .containsEntry("MODELMAP_SCHEMA_REGISTRY_URL", "http://sr-test:1")
        .containsEntry("MODELMAP_APPLICATION_ID", "app-test").containsEntry("MODELMAP_COMMIT_INTERVAL_MS", "123")
        .containsEntry("MODELMAP_POLL_MS", "9")
        .containsEntry("MODELMAP_ROCKSDB_MEMORY_MB", "77").containsEntry("MODELMAP_MAP_METHOD", "mds-kl")
        .containsEntry("MODELMAP_CLIP_QUANTILE", "0.02").containsEntry("MODELMAP_API_PORT", "8181")
        .containsEntry("MODELMAP_SHARDS", "4")
        .containsEntry("MODELMAP_DEVICE", "gpu").containsEntry("MODELMAP_BATCH_SIZE", "13")
        .containsEntry("MODELMAP_METRICS_PORT", "9999").containsEntry("MODELMAP_TOPIC_PARTITIONS", "7")
        .containsEntry("MODELMAP_TOPIC_REPLICATION", "2").containsEntry("MODELMAP_TOPIC_PREFIX", "team1.")
        .containsEntry("MODELMAP_PREDICTION_MIN_OBSERVED", "12").containsEntry("MODELMAP_PREDICTION_FOLDS", "4")
        .containsEntry("MODELMAP_PREDICTION_GROUPING", "type").containsEntry("MODELMAP_ANALYTICS_INTERVAL_S", "30")
        .containsEntry("MODELMAP_HTTP_THREADS", "8").containsEntry("MODELMAP_HTTP_QUEUED_REQUESTS", "64")
        .containsEntry("MODELMAP_HTTP_QUEUE_TIMEOUT", "PT5S").containsEntry("MODELMAP_HTTP_READ_TIMEOUT", "PT4S")
        .containsEntry("MODELMAP_HTTP_IDLE_TIMEOUT", "PT1M").containsEntry("MODELMAP_HTTP_MAX_CONNECTIONS", "300")
        .containsEntry("MODELMAP_EVENT_STREAMS_PER_ADDRESS", "3");
    Set<String> cliReads = CliEnvironment.variables();
    assertThat(cliReads).containsAll(config.getData().keySet());
    for (Container c : List.of(
        named(objects, StatefulSet.class, "mm-modelmap-streams-aggregator").getSpec().getTemplate().getSpec().getContainers().get(0),
        named(objects, Deployment.class, "mm-modelmap-streams-scorer").getSpec().getTemplate().getSpec().getContainers().get(0))) {
      assertThat(c.getEnvFrom()).anySatisfy(e -> assertThat(e.getConfigMapRef().getName()).isEqualTo("mm-modelmap-streams"));
      for (EnvVar e : c.getEnv()) {
        if (e.getName().startsWith("MODELMAP_")) {
          assertThat(cliReads).as("%s set on %s", e.getName(), c.getName()).contains(e.getName());
        }
      }
    }
    assertThat(named(objects, StatefulSet.class, "mm-modelmap-streams-aggregator").getSpec().getTemplate().getSpec()
        .getContainers().get(0).getPorts().get(0).getContainerPort()).isEqualTo(8181);
    assertThat(named(objects, Job.class, "mm-modelmap-streams-topics").getSpec().getTemplate().getSpec().getContainers()
        .get(0).getArgs()).containsExactly("topics", "--partitions", "7", "--replication", "2");
  }

  @Test
  void workersGetAPerPodHubCacheByDefaultAndNoHubSettings() throws Exception {
    List<HasMetadata> objects = render(Map.of(), null);
    var pod = named(objects, Deployment.class, "mm-modelmap-streams-scorer").getSpec().getTemplate().getSpec();
    Container container = pod.getContainers().get(0);
    assertThat(pod.getVolumes()).filteredOn(v -> v.getName().equals("hub-cache")).singleElement()
        .satisfies(v -> assertThat(v.getEmptyDir().getSizeLimit()).isEqualTo(new Quantity("100Gi")));
    assertThat(container.getVolumeMounts()).filteredOn(m -> m.getName().equals("hub-cache")).singleElement()
        .satisfies(m -> assertThat(m.getMountPath()).isEqualTo("/var/cache/huggingface/hub"));
    assertThat(env(container, "HF_HUB_CACHE")).isEqualTo("/var/cache/huggingface/hub");
    assertThat(container.getEnv()).extracting(EnvVar::getName).doesNotContain("HF_TOKEN", "HF_ENDPOINT", "HF_HUB_OFFLINE");
    assertThat(ofType(objects, PersistentVolumeClaim.class)).isEmpty();
  }

  @Test
  void aSharedHubCacheTheTokenFromASecretAndTheEndpointReachTheWorkers() throws Exception {
    List<HasMetadata> objects = render(Map.of("hub.cache.accessMode", "ReadWriteMany", "hub.cache.size", "500Gi",
        "hub.cache.storageClassName", "nfs", "hub.endpoint", "https://hub.internal.example", "hub.offline", "true",
        "hub.token.existingSecret", "hf-credentials", "hub.token.secretKey", "hf_token"), null);
    PersistentVolumeClaim claim = named(objects, PersistentVolumeClaim.class, "mm-modelmap-streams-hub-cache");
    assertThat(claim.getSpec().getAccessModes()).containsExactly("ReadWriteMany");
    assertThat(claim.getSpec().getStorageClassName()).isEqualTo("nfs");
    assertThat(claim.getSpec().getResources().getRequests().get("storage")).isEqualTo(new Quantity("500Gi"));
    var pod = named(objects, Deployment.class, "mm-modelmap-streams-scorer").getSpec().getTemplate().getSpec();
    assertThat(pod.getVolumes()).filteredOn(v -> v.getName().equals("hub-cache")).singleElement().satisfies(v ->
        assertThat(v.getPersistentVolumeClaim().getClaimName()).isEqualTo("mm-modelmap-streams-hub-cache"));
    Container container = pod.getContainers().get(0);
    assertThat(env(container, "HF_ENDPOINT")).isEqualTo("https://hub.internal.example");
    assertThat(env(container, "HF_HUB_OFFLINE")).isEqualTo("1");
    EnvVar token = container.getEnv().stream().filter(e -> e.getName().equals("HF_TOKEN")).findFirst().orElseThrow();
    assertThat(token.getValue()).isNull();
    assertThat(token.getValueFrom().getSecretKeyRef().getName()).isEqualTo("hf-credentials");
    assertThat(token.getValueFrom().getSecretKeyRef().getKey()).isEqualTo("hf_token");
    assertThat(ofType(objects, Secret.class)).as("an existing Secret is named, never created").isEmpty();
    assertThat(named(render(Map.of("hub.cache.accessMode", "ReadWriteMany", "hub.cache.existingClaim", "team-hf"), null),
        Deployment.class, "mm-modelmap-streams-scorer").getSpec().getTemplate().getSpec().getVolumes())
        .filteredOn(v -> v.getName().equals("hub-cache")).singleElement()
        .satisfies(v -> assertThat(v.getPersistentVolumeClaim().getClaimName()).isEqualTo("team-hf"));
  }

  @Test
  void aTokenGivenInValuesIsStoredInASecretTheWorkersAndTheRegisterJobRead() throws Exception {
    List<HasMetadata> objects = render(Map.of("hub.token.value", "hf_abc", "register.models[0].hubId",
        "meta-llama/Llama-3.2-1B@main", "register.models[0].corpusId", "pile-10k"), null);
    Secret secret = named(objects, Secret.class, "mm-modelmap-streams-hf-token");
    assertThat(secret.getData()).containsEntry("token", java.util.Base64.getEncoder().encodeToString("hf_abc".getBytes()));
    Container worker = named(objects, Deployment.class, "mm-modelmap-streams-scorer").getSpec().getTemplate().getSpec()
        .getContainers().get(0);
    Container register = named(objects, Job.class, "mm-modelmap-streams-register").getSpec().getTemplate().getSpec()
        .getContainers().get(0);
    for (Container c : List.of(worker, register)) {
      assertThat(c.getEnv()).filteredOn(e -> e.getName().equals("HF_TOKEN")).singleElement()
          .satisfies(e -> assertThat(e.getValueFrom().getSecretKeyRef().getName()).isEqualTo("mm-modelmap-streams-hf-token"));
    }
    assertThat(register.getArgs()).containsExactly("register", "--model=meta-llama/Llama-3.2-1B@main",
        "--corpus-id=pile-10k", "--dtype=float32");
  }

  @Test
  void watchHubIsOffByDefault() throws Exception {
    assertThat(render(Map.of(), null)).extracting(o -> o.getMetadata().getName())
        .noneMatch(name -> name.contains("watch"));
  }

  @Test
  void watchHubIsOneReplicaReadingItsRulesFromAConfigMapAndItsTokenFromASecret() throws Exception {
    String rules = "corpus: docs\nmax-parameters: 1000\n";
    Path values = Files.writeString(copies.resolve("watch-values.yaml"), "watch:\n  enabled: true\n  interval: 5m\n"
        + "  rules: |\n    corpus: docs\n    max-parameters: 1000\n"
        + "hub:\n  endpoint: https://hub.internal.example\n  token:\n    existingSecret: hf-credentials\n");
    List<HasMetadata> objects = render(Map.of(), values);

    Deployment watch = named(objects, Deployment.class, "mm-modelmap-streams-watch-hub");
    assertThat(watch.getSpec().getReplicas()).isEqualTo(1);
    assertThat(watch.getSpec().getStrategy().getType()).isEqualTo("Recreate");
    var pod = watch.getSpec().getTemplate().getSpec();
    Container container = pod.getContainers().get(0);
    assertThat(container.getImage()).isEqualTo("modelmap/producer:0.1.0");
    assertThat(container.getArgs()).containsExactly("watch-hub", "--rules=/etc/modelmap/watch/rules.yaml",
        "--interval=5m");
    assertThat(container.getVolumeMounts()).filteredOn(m -> m.getName().equals("rules")).singleElement()
        .satisfies(m -> assertThat(m.getMountPath()).isEqualTo("/etc/modelmap/watch"));
    assertThat(pod.getVolumes()).filteredOn(v -> v.getName().equals("rules")).singleElement()
        .satisfies(v -> assertThat(v.getConfigMap().getName()).isEqualTo("mm-modelmap-streams-watch-rules"));
    assertThat(named(objects, ConfigMap.class, "mm-modelmap-streams-watch-rules").getData())
        .containsExactly(Map.entry("rules.yaml", rules));
    assertThat(env(container, "HF_ENDPOINT")).isEqualTo("https://hub.internal.example");
    assertThat(container.getEnv()).filteredOn(e -> e.getName().equals("HF_TOKEN")).singleElement()
        .satisfies(e -> assertThat(e.getValueFrom().getSecretKeyRef().getName()).isEqualTo("hf-credentials"));
    assertThat(container.getEnvFrom()).anySatisfy(e ->
        assertThat(e.getConfigMapRef().getName()).isEqualTo("mm-modelmap-streams"));
    assertThat(CliEnvironment.variables()).containsAll(container.getEnv().stream().map(EnvVar::getName)
        .filter(n -> n.startsWith("MODELMAP_")).toList());
  }

  @Test
  void watchHubsDefaultRulesAreARulesFileTheCommandReads() throws Exception {
    String rules = named(render(Map.of("watch.enabled", "true"), null), ConfigMap.class,
        "mm-modelmap-streams-watch-rules").getData().get("rules.yaml");
    var read = io.modelmap.cli.watch.RulesFile.read(Files.writeString(copies.resolve("default-rules.yaml"), rules),
        List.of("llama"));
    assertThat(read.corpus()).isEqualTo("pile-10k");
    assertThat(read.maxParameters()).hasValue(2_000_000_000L);
  }

  @Test
  void watchHubRefusesAnOfflineHub() {
    assertThatThrownBy(() -> render(Map.of("watch.enabled", "true", "hub.offline", "true"), null))
        .hasMessageContaining("watch.enabled follows the Hub's listing: set hub.offline to false");
  }

  private static String env(Container container, String name) {
    return container.getEnv().stream().filter(e -> e.getName().equals(name)).map(EnvVar::getValue)
        .filter(Objects::nonNull).findFirst().orElseThrow();
  }
}
