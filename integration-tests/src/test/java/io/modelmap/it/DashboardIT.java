package io.modelmap.it;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.modelmap.cli.runtime.EmbeddedSystem;
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
import org.openqa.selenium.Dimension;
import org.openqa.selenium.JavascriptExecutor;
import org.openqa.selenium.OutputType;
import org.openqa.selenium.StaleElementReferenceException;
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
 * analytics are drawn as the API gives them; once the page has settled it is screenshot whole and read:
 * every model labelled, no point hidden, one scale on both map axes, full ids in the heatmap headers,
 * the Scoring panel one line. Before any model arrives (an empty embedded system), each panel shows its
 * empty-state line instead. Screenshots are kept as {@code integration-tests/target/dashboard*.png}.
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

      wait.until(b -> clickModel((ChromeDriver) b, "modelmap-demo/prose-a"));
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
      // the demo has one benchmark: no leak-free embedding forecast for it, and the detail says why
      wait.until(b -> b.findElement(By.id("model-forecast-note")).isDisplayed());
      assertThat(text(browser, "model-forecast-note")).startsWith("no embedding forecast: a benchmark is forecast only"
          + " from embeddings trained without its answers");
      // the heatmap fills in live as the models' answers are aggregated: 10 × 10 cells
      wait.until(b -> b.findElement(By.id("heatmap")).findElements(By.tagName("td")).size() == 100);
      assertPredictionsAndAnalytics(browser, wait, url);
      // the zoo's responses compared: each model's lineage row, the copy's base in both views (bold)
      wait.until(b -> b.findElements(By.cssSelector("#lineage tbody tr[data-model]")).size() == 10);
      WebElement copy = browser.findElement(By.cssSelector("#lineage tbody tr[data-model='modelmap-demo/prose-a-copy']"));
      assertThat(copy.findElements(By.tagName("b")).stream().map(WebElement::getText).toList())
          .contains("modelmap-demo/prose-a");

      // the whole page in one screenshot once it has settled (every panel drawn, no refresh pending)
      // the pointer leaves the map (its tooltip would cover labels), the window grows to the whole page
      new Actions(browser).moveToElement(browser.findElement(By.tagName("h1"))).perform();
      for (int i = 0; i < 2; i++) { // twice: the window's frame takes part of its height
        Number pageHeight = (Number) browser.executeScript("return document.documentElement.scrollHeight");
        Number viewport = (Number) browser.executeScript("return window.innerHeight");
        Dimension size = browser.manage().window().getSize();
        browser.manage().window().setSize(new Dimension(1400,
            size.getHeight() + pageHeight.intValue() - viewport.intValue()));
      }
      wait.until(b -> "true".equals(b.findElement(By.tagName("body")).getAttribute("data-settled")));
      Path screenshot = browser.getScreenshotAs(OutputType.FILE).toPath();
      Files.createDirectories(Path.of("target"));
      Files.copy(screenshot, Path.of("target", "dashboard.png"), StandardCopyOption.REPLACE_EXISTING);
      JsonNode map = getJson(url + "api/map");
      assertEveryModelLabelledAndNoneHidden(browser, map);
      assertEqualAxisScales(browser, map);
      assertFullHeatmapHeaders(browser, url);
      assertScoringPanelIsOneLine(browser, map.path("points").size());
      // no watcher follows the Hub in the demo: the Hub decisions panel is drawn with its empty line
      assertThat(browser.findElement(By.id("hub-decisions-empty")).isDisplayed()).isTrue();
      assertThat(browser.findElement(By.id("hub-decisions")).isDisplayed()).isFalse();
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
   * Before any model arrives (an embedded system with nothing published), once the page has settled, every panel
   * says in words what is missing and how it comes, in the texts app.js and index.html write: no map point, no
   * progress bar, no chart, no table row.
   */
  @Test
  void saysOnEveryPanelWhatIsMissingBeforeAnyModelArrives() throws Exception {
    assertThat(CHROMIUM).as("the browser test needs Debian's chromium and chromium-driver").exists();
    ChromeDriver browser = null;
    try (EmbeddedSystem system = EmbeddedSystem.start(dir.resolve("empty"),
        new java.io.PrintStream(java.io.OutputStream.nullOutputStream()), 0)) {
      browser = chromium();
      browser.get(system.dashboardUrl());
      WebDriverWait wait = new WebDriverWait(browser, Duration.ofMinutes(1), Duration.ofMillis(200));
      wait.until(b -> "true".equals(b.findElement(By.tagName("body")).getAttribute("data-settled")));

      assertThat(text(browser, "summary")).isEqualTo("0 models · 0 mapped · 0 in progress");
      assertThat(text(browser, "map-empty"))
          .isEqualTo("no model is mapped yet: a model appears once all its texts are scored");
      assertThat(browser.findElements(By.cssSelector("#map g.point"))).isEmpty();
      assertThat(text(browser, "progress"))
          .isEqualTo("no model registered yet: ./modelmap register, or ./modelmap demo");
      assertThat(text(browser, "detail-title")).isEqualTo("Click a model");
      assertThat(text(browser, "detail-meta")).isEqualTo("its neighbours, predicted benchmark scores and agreement partners");
      assertThat(browser.findElement(By.id("detail-body")).isDisplayed()).as("neighbour tables shown").isFalse();
      assertThat(text(browser, "heatmap")).isEqualTo("no agreement yet: it needs two models that answered the same"
          + " benchmark items and got some wrong (./modelmap import-answers, or the demo)");
      assertThat(text(browser, "prediction-quality")).isEqualTo("no predictions yet: a benchmark is fitted once"
          + " enough complete models have observed scores (./modelmap import-benchmarks or import-answers)");
      assertThat(browser.findElement(By.id("predictions-body")).isDisplayed()).as("prediction chart shown").isFalse();
      assertThat(text(browser, "dimension")).isEqualTo("no analytics yet: they need complete models (every text scored)");
      assertThat(browser.findElement(By.id("analytics-body")).isDisplayed()).as("analytics shown").isFalse();
      assertThat(text(browser, "kl-heatmap")).isEqualTo("no KL yet: a model joins once all its texts are scored");
      assertThat(text(browser, "lineage-empty")).isEqualTo("no lineage: no two models' responses have been compared"
          + " yet (run ./modelmap demo --respond, or ./modelmap import-responses --responses FILE.jsonl)");
      assertThat(browser.findElement(By.id("lineage")).isDisplayed()).as("lineage table shown").isFalse();
      Files.createDirectories(Path.of("target"));
      Files.copy(browser.getScreenshotAs(OutputType.FILE).toPath(), Path.of("target", "dashboard-empty.png"),
          StandardCopyOption.REPLACE_EXISTING);
    } finally {
      if (browser != null) {
        browser.quit();
      }
    }
  }

  /** The text an element shows (empty when it is not displayed: a hidden empty-state line fails its assertion). */
  private static String text(ChromeDriver browser, String id) {
    return browser.findElement(By.id(id)).getText();
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

  /**
   * The demo's map is small, so every model has a visible label with its full id that covers no other
   * label and no point; every point's hover title names it; no two drawn points are closer than a point's
   * radius (models at one spot are spread on a ring), and every spot that several models share in
   * {@code /api/map} carries a "×n" marker.
   */
  @SuppressWarnings("unchecked")
  private static void assertEveryModelLabelledAndNoneHidden(ChromeDriver browser, JsonNode map) {
    List<String> ids = new ArrayList<>();
    map.path("points").forEach(p -> ids.add(p.path("modelId").asText()));
    List<Map<String, Object>> labels = (List<Map<String, Object>>) browser.executeScript("return Array.from("
        + "document.querySelectorAll('#map text.label')).map(t => { const r = t.getBoundingClientRect();"
        + " return {model: t.dataset.model, text: t.textContent, left: r.left, right: r.right, top: r.top, bottom: r.bottom}; })");
    List<Map<String, Object>> points = (List<Map<String, Object>>) browser.executeScript("return Array.from("
        + "document.querySelectorAll('#map g.point circle')).map(c => { const r = c.getBoundingClientRect();"
        + " return {model: c.parentNode.dataset.model, title: c.querySelector('title').textContent,"
        + " x: Number(c.getAttribute('cx')), y: Number(c.getAttribute('cy')),"
        + " left: r.left, right: r.right, top: r.top, bottom: r.bottom}; })");
    assertThat(labels).extracting(l -> l.get("model")).containsExactlyInAnyOrderElementsOf(ids);
    assertThat(labels).allSatisfy(l -> assertThat(l.get("text")).isEqualTo(l.get("model")));
    assertThat(points).extracting(p -> p.get("model")).containsExactlyInAnyOrderElementsOf(ids);
    assertThat(points).allSatisfy(p -> assertThat(((String) p.get("title")).lines().toList()).contains((String) p.get("model")));
    for (int i = 0; i < labels.size(); i++) {
      for (int j = i + 1; j < labels.size(); j++) {
        assertThat(overlap(labels.get(i), labels.get(j))).as("labels of %s and %s overlap", labels.get(i).get("model"),
            labels.get(j).get("model")).isFalse();
      }
      for (Map<String, Object> point : points) {
        assertThat(overlap(labels.get(i), point)).as("the label of %s covers the point of %s", labels.get(i).get("model"),
            point.get("model")).isFalse();
      }
    }
    for (int i = 0; i < points.size(); i++) {
      for (int j = i + 1; j < points.size(); j++) {
        double apart = Math.hypot(number(points.get(i), "x") - number(points.get(j), "x"),
            number(points.get(i), "y") - number(points.get(j), "y"));
        assertThat(apart).as("%s drawn on %s", points.get(i).get("model"), points.get(j).get("model")).isGreaterThanOrEqualTo(6);
      }
    }
    Map<String, Integer> modelsPerSpot = new java.util.HashMap<>();
    map.path("points").forEach(p -> modelsPerSpot.merge(p.path("x").asDouble() + "," + p.path("y").asDouble(), 1, Integer::sum));
    List<String> expectedMarkers = modelsPerSpot.values().stream().filter(n -> n > 1).map(n -> "×" + n).sorted().toList();
    List<String> markers = ((List<String>) browser.executeScript("return Array.from("
        + "document.querySelectorAll('#map text.same-spot-count')).map(t => t.textContent)")).stream().sorted().toList();
    assertThat(markers).containsAll(expectedMarkers);
  }

  /**
   * A PCA map has one scale: fitting pixel = a + s·coordinate by least squares over every model's drawn
   * position (before a same-spot ring moves it) against {@code /api/map}'s coordinates gives the same
   * pixels per unit on x and y within 1 %, and every point lies on that line within a pixel.
   */
  @SuppressWarnings("unchecked")
  private static void assertEqualAxisScales(ChromeDriver browser, JsonNode map) {
    Map<String, List<Number>> anchors = (Map<String, List<Number>>) browser.executeScript("const o = {};"
        + " document.querySelectorAll('#map g.point').forEach(g => o[g.dataset.model] ="
        + " [Number(g.dataset.anchorX), Number(g.dataset.anchorY)]); return o;");
    int n = map.path("points").size();
    double[] x = new double[n];
    double[] y = new double[n];
    double[] px = new double[n];
    double[] py = new double[n];
    for (int i = 0; i < n; i++) {
      JsonNode p = map.path("points").get(i);
      x[i] = p.path("x").asDouble();
      y[i] = p.path("y").asDouble();
      px[i] = anchors.get(p.path("modelId").asText()).get(0).doubleValue();
      py[i] = anchors.get(p.path("modelId").asText()).get(1).doubleValue();
    }
    double[] fitX = leastSquares(x, px);
    double[] fitY = leastSquares(y, py);
    double perUnitX = fitX[1];
    double perUnitY = -fitY[1]; // pixels grow downwards
    assertThat(perUnitX).isPositive();
    assertThat(Math.abs(perUnitX - perUnitY) / perUnitX).as("px/unit x %s, y %s", perUnitX, perUnitY).isLessThan(0.01);
    for (int i = 0; i < n; i++) {
      assertThat(px[i]).isCloseTo(fitX[0] + fitX[1] * x[i], org.assertj.core.api.Assertions.within(1.0));
      assertThat(py[i]).isCloseTo(fitY[0] + fitY[1] * y[i], org.assertj.core.api.Assertions.within(1.0));
    }
  }

  /** {intercept, slope} of the least-squares line v = intercept + slope·u. */
  private static double[] leastSquares(double[] u, double[] v) {
    double meanU = java.util.Arrays.stream(u).average().orElseThrow();
    double meanV = java.util.Arrays.stream(v).average().orElseThrow();
    double covariance = 0;
    double variance = 0;
    for (int i = 0; i < u.length; i++) {
      covariance += (u[i] - meanU) * (v[i] - meanV);
      variance += (u[i] - meanU) * (u[i] - meanU);
    }
    double slope = covariance / variance;
    return new double[] {meanV - slope * meanU, slope};
  }

  /**
   * Both heatmaps name their columns with full ids (text, title and aria-label), in the rows' order, for
   * the models the API gives (every demo model in the agreement heatmap, the KL matrix's models in the
   * other), and no rotated name sticks out above its panel's box.
   */
  @SuppressWarnings("unchecked")
  private static void assertFullHeatmapHeaders(ChromeDriver browser, String url) throws Exception {
    List<String> klModels = new ArrayList<>();
    getJson(url + "api/kl-matrix?max=60&corpus=" + java.net.URLEncoder.encode(
        getJson(url + "api/analytics").path("corpusId").asText(), StandardCharsets.UTF_8))
        .path("models").forEach(m -> klModels.add(m.asText()));
    List<String> agreementModels = new ArrayList<>();
    getJson(url + "api/models").forEach(m -> agreementModels.add(m.path("modelId").asText()));
    for (Map.Entry<String, List<String>> heatmap : Map.of("heatmap", agreementModels, "kl-heatmap", klModels).entrySet()) {
      List<Map<String, Object>> headers = (List<Map<String, Object>>) browser.executeScript("const box ="
          + " document.getElementById(arguments[0]); const top = box.getBoundingClientRect().top;"
          + " return Array.from(box.querySelectorAll('th.col')).map(h => ({text: h.textContent, title: h.title,"
          + " label: h.getAttribute('aria-label'), above: top - h.querySelector('span').getBoundingClientRect().top}))",
          heatmap.getKey());
      List<String> rows = (List<String>) browser.executeScript("return Array.from(document.getElementById(arguments[0])"
          + ".querySelectorAll('th.row')).map(h => h.textContent)", heatmap.getKey());
      assertThat(headers).extracting(h -> h.get("text")).as(heatmap.getKey()).containsExactlyElementsOf(rows);
      assertThat(rows).as(heatmap.getKey()).containsExactlyInAnyOrderElementsOf(heatmap.getValue());
      assertThat(headers).allSatisfy(h -> {
        assertThat(h.get("title")).isEqualTo(h.get("text"));
        assertThat(h.get("label")).isEqualTo(h.get("text"));
        assertThat(((Number) h.get("above")).doubleValue()).as("%s sticks out above its box", h.get("text")).isLessThan(1);
      });
    }
  }

  /** Nothing is scoring once the demo is done: the Scoring panel is one line saying so, not an empty box. */
  private static void assertScoringPanelIsOneLine(ChromeDriver browser, int models) {
    WebElement panel = browser.findElement(By.cssSelector(".progress-panel"));
    assertThat(panel.getText()).contains("all " + models + " models mapped");
    assertThat(panel.getRect().getHeight()).isLessThan(50);
  }

  private static boolean overlap(Map<String, Object> a, Map<String, Object> b) {
    return number(a, "left") < number(b, "right") && number(b, "left") < number(a, "right")
        && number(a, "top") < number(b, "bottom") && number(b, "top") < number(a, "bottom");
  }

  private static double number(Map<String, Object> values, String key) {
    return ((Number) values.get(key)).doubleValue();
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

  /**
   * Clicks the model's point on the map, as a user would; false when a live update redrew the map between
   * finding the point and clicking it (then the caller tries again).
   */
  private static boolean clickModel(ChromeDriver browser, String model) {
    try {
      WebElement point = browser.findElements(By.cssSelector("#map g.point")).stream()
          .filter(g -> model.equals(g.getAttribute("data-model"))).findFirst().orElseThrow();
      new Actions(browser).moveToElement(point.findElement(By.tagName("circle"))).click().perform();
      return true;
    } catch (StaleElementReferenceException e) {
      return false;
    }
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
