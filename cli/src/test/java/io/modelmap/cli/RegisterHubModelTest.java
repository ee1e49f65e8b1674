package io.modelmap.cli;

import static org.assertj.core.api.Assertions.assertThat;

import io.modelmap.testsupport.hub.StandInHub;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.nio.file.Path;
import java.util.HashMap;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.junit.jupiter.api.io.TempDir;
import picocli.CommandLine;

/**
 * {@code register --model org/name@revision} fails before any cluster is contacted when the Hub form is misused or
 * the Hub refuses (the cluster options point nowhere: reaching them would fail differently).
 */
class RegisterHubModelTest {
  private static final String[] NO_CLUSTER = {"--bootstrap-servers", "127.0.0.1:1", "--schema-registry-url",
      "http://127.0.0.1:1", "--corpus-id", "c"};

  @TempDir
  Path home;
  @RegisterExtension
  final StandInHub hub = new StandInHub();
  StringWriter err = new StringWriter();

  private int register(Map<String, String> extraEnv, String... args) {
    Map<String, String> env = new HashMap<>(Map.of("HF_HOME", home.toString(), "HF_ENDPOINT", hub.endpoint()));
    env.putAll(extraEnv);
    CommandLine cli = ModelMapCli.commandLine(env);
    cli.setErr(new PrintWriter(err, true));
    String[] all = new String[args.length + NO_CLUSTER.length + 1];
    all[0] = "register";
    System.arraycopy(args, 0, all, 1, args.length);
    System.arraycopy(NO_CLUSTER, 0, all, 1 + args.length, NO_CLUSTER.length);
    return cli.execute(all);
  }

  @Test
  void shouldRefuseBothFormsAtOnceAsAUsageError() {
    assertThat(register(Map.of(), "--model", "org/tiny", "--model-id", "x", "--source-uri", "file:/m")).isEqualTo(2);
    assertThat(err.toString()).startsWith("modelmap register: register needs either --model org/name[@revision]");
    assertThat(hub.requests()).isEmpty();
  }

  @Test
  void shouldRefuseAGatedModelInOneLineWithoutRetrying() {
    hub.repo("org/tiny").gate("hf_secret");

    assertThat(register(Map.of(), "--model", "org/tiny@main")).isEqualTo(1);

    assertThat(err.toString().lines()).singleElement().asString().startsWith("modelmap register: ")
        .contains("org/tiny").contains("HF_TOKEN");
    assertThat(hub.requests()).hasSize(1);
  }

  @Test
  void shouldNameTheModelAndTheCacheWhenOfflineAndNotCached() {
    assertThat(register(Map.of("HF_HUB_OFFLINE", "1"), "--model", "org/tiny@main")).isEqualTo(1);

    assertThat(err.toString()).isEqualTo("modelmap register: HF_HUB_OFFLINE=1 and model org/tiny@main is not in the cache"
        + " at " + home.resolve("hub/models--org--tiny") + System.lineSeparator());
    assertThat(hub.requests()).isEmpty();
  }

  @Test
  void shouldTellAMissingRevisionFromAMissingRepository() {
    assertThat(register(Map.of(), "--model", "org/tiny@no-such-branch")).isEqualTo(1);
    assertThat(err.toString()).contains("org/tiny").contains("no-such-branch");
  }
}
