package io.modelmap.cli.operations;

import io.modelmap.cli.support.UsageError;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.modelmap.aggregator.api.ApiSettings;
import io.modelmap.http.BearerToken;
import io.modelmap.http.ServerLimits;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import picocli.CommandLine;

/** {@code modelmap aggregator}'s HTTP options reach the API's settings. */
class AggregatorCommandApiTest {
  @TempDir
  Path dir;

  private static ApiSettings parse(String... args) {
    AggregatorCommand command = new AggregatorCommand();
    new CommandLine(command).parseArgs(args);
    return command.apiSettings();
  }

  @Test
  void shouldBindTheApiAndTheInternalViewsOnLoopbackWithoutATokenByDefault() {
    ApiSettings api = parse();
    assertThat(api.bind().getHostString()).isEqualTo("127.0.0.1");
    assertThat(api.bind().getPort()).isEqualTo(8080);
    assertThat(api.internalBind().getHostString()).isEqualTo("127.0.0.1");
    assertThat(api.internalBind().getPort()).isEqualTo(8081);
    assertThat(api.token()).isEmpty();
    assertThat(api.events().perAddress()).isEqualTo(8);
  }

  @Test
  void shouldBindTheInternalViewsApartFromTheApi() {
    ApiSettings api = parse("--api-host", "0.0.0.0", "--internal-host", "10.1.2.3", "--internal-port", "9091");
    assertThat(api.bind().getHostString()).isEqualTo("0.0.0.0");
    assertThat(api.internalBind().getHostString()).isEqualTo("10.1.2.3");
    assertThat(api.internalBind().getPort()).isEqualTo(9091);
  }

  @Test
  void shouldReadTheApiTokenFromItsFile() throws Exception {
    Path secret = Files.writeString(dir.resolve("token"), "abcdefghijklmnop-0123\n");
    assertThat(parse("--api-token-file", secret.toString()).token()).contains(new BearerToken("abcdefghijklmnop-0123"));
  }

  @Test
  void shouldPassTheEventStreamShareOfAnAddress() {
    assertThat(parse("--event-streams-per-address", "2").events().perAddress()).isEqualTo(2);
  }

  @Test
  void shouldServeWithTheDefaultLimitsWhenNoHttpOptionIsGiven() {
    assertThat(parse().limits()).isEqualTo(new ServerLimits(32, 256, Duration.ofSeconds(10), Duration.ofSeconds(10),
        Duration.ofSeconds(30), 1024));
  }

  @Test
  void shouldPassEveryHttpLimitToBothServers() {
    ServerLimits limits = parse("--http-threads", "4", "--http-queued-requests", "0", "--http-queue-timeout", "PT2S",
        "--http-read-timeout", "PT3S", "--http-idle-timeout", "PT1M", "--http-max-connections", "50").limits();
    assertThat(limits).isEqualTo(new ServerLimits(4, 0, Duration.ofSeconds(2), Duration.ofSeconds(3),
        Duration.ofMinutes(1), 50));
  }

  @Test
  void shouldRefuseAnUnusableLimitInOneLineNamingItsOption() {
    assertThatThrownBy(() -> parse("--http-threads", "0")).isInstanceOf(UsageError.class)
        .hasMessage("--http-threads: threads must be positive, was 0");
    assertThatThrownBy(() -> parse("--http-read-timeout", "PT1M", "--http-idle-timeout", "PT30S"))
        .isInstanceOf(UsageError.class)
        .hasMessage("--http-idle-timeout: idleTimeout (PT30S) must be at least readTimeout (PT1M)");
  }
}
