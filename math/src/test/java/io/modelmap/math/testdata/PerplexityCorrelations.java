package io.modelmap.math.testdata;

import io.modelmap.math.DoubleCentering;
import java.io.IOException;
import java.io.InputStreamReader;
import java.io.Reader;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.apache.commons.csv.CSVFormat;
import org.apache.commons.csv.CSVRecord;

/**
 * The perplexity-correlations data (README beside it): 89 Hugging Face models' L = −bpb·ln 2 on 263
 * documents, their Q (double-centred), organisations and error rates. LLM360/Amber appears twice: the
 * first column is kept, as the reference scripts do.
 *
 * @param models Hugging Face ids, in file order
 * @param orgs each model's organisation
 * @param q each model's Q row
 * @param errors benchmark → model → error rate
 */
public record PerplexityCorrelations(List<String> models, List<String> orgs, double[][] q,
    Map<String, Map<String, Double>> errors) {
  private static final String DATA = "/data/perplexity-correlations/";

  public static PerplexityCorrelations read() {
    List<CSVRecord> bpb = csv("bpb_per_doc.csv");
    List<String> header = bpb.get(0).toList();
    List<String> models = new ArrayList<>();
    List<String> orgs = new ArrayList<>();
    List<Integer> columns = new ArrayList<>();
    for (int c = 1; c < header.size(); c++) {
      String[] tuple = tuple(header.get(c));
      if (!models.contains(tuple[1])) {
        models.add(tuple[1]);
        orgs.add(tuple[0]);
        columns.add(c);
      }
    }
    int docs = bpb.size() - 1;
    List<double[]> xi = new ArrayList<>();
    for (int column : columns) {
      double[] l = new double[docs];
      for (int d = 0; d < docs; d++) {
        l[d] = -Double.parseDouble(bpb.get(d + 1).get(column)) * Math.log(2);
      }
      xi.add(DoubleCentering.rowCentred(l));
    }
    double[] means = DoubleCentering.columnMeans(xi);
    double[][] q = xi.stream().map(row -> DoubleCentering.qRow(row, means)).toArray(double[][]::new);
    Map<String, Map<String, Double>> errors = new LinkedHashMap<>();
    List<CSVRecord> error = csv("error.csv");
    List<String> errorHeader = error.get(0).toList();
    for (CSVRecord row : error.subList(1, error.size())) {
      Map<String, Double> byModel = new LinkedHashMap<>();
      for (int c = 1; c < errorHeader.size(); c++) {
        byModel.put(tuple(errorHeader.get(c))[1], Double.parseDouble(row.get(c)));
      }
      errors.put(row.get(0), byModel);
    }
    return new PerplexityCorrelations(models, orgs, q, errors);
  }

  /** ‖q_i − q_j‖²/N = 2·KL_ij for every pair: what the aggregator keeps. */
  public double[][] squaredDistances() {
    int k = q.length;
    double[][] d = new double[k][k];
    for (int i = 0; i < k; i++) {
      for (int j = 0; j < k; j++) {
        double sum = 0;
        for (int s = 0; s < q[i].length; s++) {
          sum += (q[i][s] - q[j][s]) * (q[i][s] - q[j][s]);
        }
        d[i][j] = sum / q[i].length;
      }
    }
    return d;
  }

  /** Lines of a file beside the data (a reference script's output). */
  public static List<String> lines(String name) {
    try (var in = PerplexityCorrelations.class.getResourceAsStream(DATA + name)) {
      return new String(in.readAllBytes(), StandardCharsets.UTF_8).lines().toList();
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  private static List<CSVRecord> csv(String name) {
    try (Reader in = new InputStreamReader(PerplexityCorrelations.class.getResourceAsStream(DATA + name),
        StandardCharsets.UTF_8)) {
      return CSVFormat.RFC4180.parse(in).getRecords();
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  /** {@code ('org', 'org/name')} → {org, org/name}. */
  private static String[] tuple(String cell) {
    String[] parts = cell.substring(1, cell.length() - 1).split(", ");
    return new String[] {parts[0].replace("'", ""), parts[1].replace("'", "")};
  }
}
