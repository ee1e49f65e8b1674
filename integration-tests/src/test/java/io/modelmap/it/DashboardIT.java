package io.modelmap.it;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.BufferedReader;
import java.io.InputStreamReader;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.openqa.selenium.By;
import org.openqa.selenium.JavascriptExecutor;
import org.openqa.selenium.OutputType;
import org.openqa.selenium.Rectangle;
import org.openqa.selenium.WebElement;
import org.openqa.selenium.chrome.ChromeDriver;
import org.openqa.selenium.chrome.ChromeDriverService;
import org.openqa.selenium.chrome.ChromeOptions;
import org.openqa.selenium.interactions.Actions;
import org.openqa.selenium.support.ui.WebDriverWait;

/**
 * The dashboard in real headless Chromium (Debian's {@code chromium} and {@code chromium-driver}):
 * {@code ./modelmap demo --serve} runs in its own JVM; the page fills in live as the demo models are
 * scored, a click on a model shows its neighbours, which must be the API's, the predictions and map
 * analytics are drawn as the API gives them, and screenshots are kept
 * as {@code integration-tests/target/dashboard*.png}.
 */
class DashboardIT {
  private static final Path CHROMIUM = Path.of("/usr/bin/chromium");
  private static final Path CHROMEDRIVER = Path.of("/usr/bin/chromedriver");
  private static final ObjectMapper JSON = new ObjectMapper();

  @TempDir
  Path dir;

  @Test
  void showsEveryDemoModelLiveAndTheNeighboursOfAClickedOne() throws Exception {
    assertThat(CHROMIUM).as("the browser test needs Debian's chromium and chromium-driver (apt-get install"
        + " chromium chromium-driver; .ci/run installs them)").exists();
    assertThat(CHROMEDRIVER).exists();
    String java = Path.of(System.getProperty("java.home"), "bin", "java").toString();
    Process demo = new ProcessBuilder(java, "-cp", System.getProperty("java.class.path"),
        "io.modelmap.cli.ModelMapCli", "demo", "--texts", "30", "--respond", "--serve", "--api-port", "0",
        "--data-dir", dir.resolve("demo").toString()).redirectErrorStream(true).start();
    CompletableFuture<String> dashboard = new CompletableFuture<>();
    Thread reader = new Thread(() -> followOutput(demo, dashboard), "demo-output");
    reader.setDaemon(true);
    reader.start();
    ChromeDriver browser = null;
    try {
      String url = dashboard.get(3, TimeUnit.MINUTES);
      browser = chromium();
      browser.get(url);
      WebDriverWait wait = new WebDriverWait(browser, Duration.ofMinutes(5), Duration.ofMillis(500));
      wait.until(b -> ((Number) ((JavascriptExecutor) b)
          .executeScript("return window.dashboard ? window.dashboard.mapModelCount() : 0")).intValue() == 10);

      clickModel(browser, "modelmap-demo/prose-a");
      wait.until(b -> b.findElement(By.id("detail-title")).getText().equals("modelmap-demo/prose-a")
          && !b.findElements(By.cssSelector("#neighbors tbody tr")).isEmpty());
      List<String> shown = new ArrayList<>();
      List<Double> shownBitsPerByte = new ArrayList<>();
      // one snapshot in the page: live updates re-render the table, so rows read one by one may go stale
      @SuppressWarnings("unchecked")
      List<List<String>> rows = (List<List<String>>) browser.executeScript("return Array.from("
          + "document.querySelectorAll('#neighbors tbody tr')).map(r => [r.dataset.model, r.cells[2].textContent])");
      for (List<String> row : rows) {
        shown.add(row.get(0));
        shownBitsPerByte.add(Double.parseDouble(row.get(1)));
      }
      JsonNode api = JSON.readTree(HttpClient.newHttpClient().send(HttpRequest.newBuilder(
          URI.create(url + "api/models/modelmap-demo/prose-a")).build(), HttpResponse.BodyHandlers.ofString()).body());
      List<String> expected = new ArrayList<>();
      api.get("neighbors").forEach(n -> expected.add(n.get("modelId").asText()));
      assertThat(shown).isEqualTo(expected);
      assertThat(shown.get(0)).isEqualTo("modelmap-demo/prose-a-copy");
      for (int i = 1; i < shown.size(); i++) {
        double bpb = api.get("neighbors").get(i).get("klBitsPerByte").asDouble();
        assertThat(shownBitsPerByte.get(i)).isCloseTo(bpb, org.assertj.core.api.Assertions.within(1e-3 * bpb));
      }
      // the heatmap fills in live as the models' answers are aggregated: 10 × 10 cells
      wait.until(b -> b.findElement(By.id("heatmap")).findElements(By.tagName("td")).size() == 100);
      assertPredictionsAndAnalytics(browser, wait, url);
      // the zoo's responses compared: each model's lineage row, the copy's base in both views (bold)
      wait.until(b -> b.findElements(By.cssSelector("#lineage tbody tr[data-model]")).size() == 10);
      WebElement copy = browser.findElement(By.cssSelector("#lineage tbody tr[data-model='modelmap-demo/prose-a-copy']"));
      assertThat(copy.findElements(By.tagName("b")).stream().map(WebElement::getText).toList())
          .contains("modelmap-demo/prose-a");

      Path screenshot = browser.getScreenshotAs(OutputType.FILE).toPath();
      Files.createDirectories(Path.of("target"));
      Files.copy(screenshot, Path.of("target", "dashboard.png"), StandardCopyOption.REPLACE_EXISTING);
      for (String panel : List.of("predictions", "analytics", "kl", "lineage")) {
        WebElement element = browser.findElement(By.cssSelector("." + panel + "-panel"));
        browser.executeScript("arguments[0].scrollIntoView()", element);
        Files.copy(element.getScreenshotAs(OutputType.FILE).toPath(), Path.of("target", "dashboard-" + panel + ".png"),
            StandardCopyOption.REPLACE_EXISTING);
      }
    } finally {
      if (browser != null) {
        browser.quit();
      }
      demo.destroy();
      demo.waitFor(60, TimeUnit.SECONDS);
    }
  }

  /**
   * The zoo's measured accuracy on the continuation benchmark (every model answered every item) is predicted from the map: the
   * scatter holds the 10 observed models, its caption the API's r; the leakage ranking, the
   * effective-dimension caption and the KL heatmap (in the API's clustering order) are drawn.
   */
  private static void assertPredictionsAndAnalytics(ChromeDriver browser, WebDriverWait wait, String url) throws Exception {
    wait.until(b -> ((Number) ((JavascriptExecutor) b).executeScript("return window.dashboard.predictionPointCount()"))
        .intValue() == 10);
    wait.until(b -> b.findElement(By.id("kl-heatmap")).findElements(By.tagName("td")).size() == 100
        && b.findElements(By.cssSelector("#leakage tbody tr[data-model]")).size() == 10);
    JsonNode benchmark = getJson(url + "api/benchmarks/demo-continuation");
    double r = ridgeQuality(benchmark).path("pearsonR").asDouble();
    assertThat(browser.findElement(By.id("prediction-quality")).getText()).contains(String.format("r %.3f", r));
    JsonNode analytics = getJson(url + "api/analytics");
    assertThat(browser.findElement(By.id("dimension")).getText())
        .contains("in " + analytics.path("dimension90").asInt() + " axes");
    assertThat(browser.findElement(By.cssSelector("#leakage tbody tr")).getAttribute("data-model"))
        .isEqualTo(analytics.path("leakage").get(0).path("modelId").asText());
    @SuppressWarnings("unchecked")
    List<String> rowsShown = (List<String>) browser.executeScript("return Array.from("
        + "document.querySelectorAll('#kl-heatmap th.row')).map(h => h.textContent)");
    List<String> order = new ArrayList<>();
    analytics.path("clusterOrder").forEach(m -> order.add(m.asText()));
    assertThat(rowsShown).isEqualTo(order);
  }

  /** The benchmark's ridge-from-Q quality (collaborative prediction, method cpp, may be listed beside it). */
  private static JsonNode ridgeQuality(JsonNode benchmark) {
    for (JsonNode q : benchmark.path("quality")) {
      if (q.path("method").asText().equals("ridge-q")) {
        return q;
      }
    }
    throw new AssertionError("no ridge-q quality in " + benchmark);
  }

  private static JsonNode getJson(String url) throws Exception {
    return JSON.readTree(HttpClient.newHttpClient().send(HttpRequest.newBuilder(URI.create(url)).build(),
        HttpResponse.BodyHandlers.ofString()).body());
  }

  private static ChromeDriver chromium() {
    ChromeOptions options = new ChromeOptions();
    options.setBinary(CHROMIUM.toFile());
    options.addArguments("--headless", "--no-sandbox", "--disable-gpu", "--disable-background-networking",
        "--disable-component-update", "--disable-sync", "--no-first-run", "--window-size=1400,1100",
        "--user-data-dir=" + System.getProperty("java.io.tmpdir") + "/modelmap-chromium-" + System.nanoTime());
    ChromeDriverService service = new ChromeDriverService.Builder().usingDriverExecutable(CHROMEDRIVER.toFile()).build();
    return new ChromeDriver(service, options);
  }

  /** Clicks the model's point on the map canvas, where Chart.js drew it. */
  @SuppressWarnings("unchecked")
  private static void clickModel(ChromeDriver browser, String model) {
    Map<String, Object> pixel = (Map<String, Object>) browser.executeScript("return window.dashboard.pixelOf(arguments[0])", model);
    WebElement canvas = browser.findElement(By.id("map"));
    Rectangle rect = canvas.getRect();
    int dx = (int) Math.round(((Number) pixel.get("x")).doubleValue() - rect.getWidth() / 2.0);
    int dy = (int) Math.round(((Number) pixel.get("y")).doubleValue() - rect.getHeight() / 2.0);
    new Actions(browser).moveToElement(canvas, dx, dy).click().perform();
  }

  /** Echoes the demo's output and completes {@code dashboard} with the URL it prints. */
  private static void followOutput(Process demo, CompletableFuture<String> dashboard) {
    try (BufferedReader out = new BufferedReader(new InputStreamReader(demo.getInputStream(), StandardCharsets.UTF_8))) {
      String line;
      while ((line = out.readLine()) != null) {
        System.out.println("[demo] " + line);
        int at = line.indexOf("dashboard: ");
        if (at >= 0) {
          dashboard.complete(line.substring(at + "dashboard: ".length()).trim());
        }
      }
      dashboard.completeExceptionally(new IllegalStateException("the demo exited before printing its dashboard URL"));
    } catch (java.io.IOException e) {
      dashboard.completeExceptionally(e);
    }
  }
}
