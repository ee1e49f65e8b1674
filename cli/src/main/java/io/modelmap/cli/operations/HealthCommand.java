package io.modelmap.cli.operations;

import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;

/** {@code modelmap health}: exits 0 when a service's /health answers 200; for container health checks. */
@Command(name = "health", mixinStandardHelpOptions = true,
    description = "Probe a service's /health endpoint: exit 0 when healthy, 1 otherwise.")
public final class HealthCommand implements Callable<Integer> {
  @Option(names = "--url", defaultValue = "http://127.0.0.1:8080/health", description = "Default ${DEFAULT-VALUE}.")
  String url;

  @Override
  public Integer call() {
    try {
      HttpResponse<Void> response = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(3)).build()
          .send(HttpRequest.newBuilder(URI.create(url)).timeout(Duration.ofSeconds(5)).build(),
              HttpResponse.BodyHandlers.discarding());
      return response.statusCode() == 200 ? 0 : 1;
    } catch (Exception e) {
      System.err.println("unhealthy: " + e.getMessage());
      return 1;
    }
  }
}
