package io.modelmap.math.embed;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import org.apache.lucene.analysis.Analyzer;
import org.apache.lucene.analysis.TokenStream;
import org.apache.lucene.analysis.en.EnglishAnalyzer;
import org.apache.lucene.analysis.tokenattributes.CharTermAttribute;
import org.apache.lucene.util.StringHelper;

/**
 * A deterministic question encoder that needs no weights: Lucene's English analysis (Unicode word
 * breaks, lower case, English stop words, Porter stems), each stem and each pair of adjacent stems
 * hashed (MurmurHash3) into 2^bits buckets, sublinear term frequency 1 + ln tf times a smoothed IDF
 * ln((1 + N)/(1 + df)) + 1 from the texts it was fitted on, L2-normalised.
 */
public final class HashedTfIdfEncoder implements QuestionEncoder {
  private static final int SEED = 0x9747b28c;
  private final int bits;
  private final float[] idf;

  private HashedTfIdfEncoder(int bits, float[] idf) {
    this.bits = bits;
    this.idf = idf;
  }

  /** Fits the IDF on {@code texts} (the training questions). */
  public static HashedTfIdfEncoder fit(List<String> texts, int bits) {
    if (bits < 4 || bits > 24) {
      throw new IllegalArgumentException("bits must be 4 to 24, not " + bits);
    }
    int[] df = new int[1 << bits];
    for (String text : texts) {
      for (int bucket : counts(text, bits).keySet()) {
        df[bucket]++;
      }
    }
    float[] idf = new float[df.length];
    for (int b = 0; b < df.length; b++) {
      idf[b] = (float) (Math.log((1.0 + texts.size()) / (1.0 + df[b])) + 1);
    }
    return new HashedTfIdfEncoder(bits, idf);
  }

  @Override
  public int dimension() {
    return 1 << bits;
  }

  @Override
  public SparseVector encode(String text) {
    TreeMap<Integer, Integer> counts = counts(text, bits);
    int[] indices = new int[counts.size()];
    float[] values = new float[counts.size()];
    double norm = 0;
    int i = 0;
    for (Map.Entry<Integer, Integer> e : counts.entrySet()) {
      indices[i] = e.getKey();
      values[i] = (float) ((1 + Math.log(e.getValue())) * idf[e.getKey()]);
      norm += values[i] * (double) values[i];
      i++;
    }
    float scale = norm > 0 ? (float) (1 / Math.sqrt(norm)) : 0;
    for (int j = 0; j < values.length; j++) {
      values[j] *= scale;
    }
    return new SparseVector(indices, values);
  }

  /** Bucket → count of the stems and adjacent stem pairs of {@code text}. */
  private static TreeMap<Integer, Integer> counts(String text, int bits) {
    List<String> stems = stems(text);
    TreeMap<Integer, Integer> counts = new TreeMap<>();
    for (int i = 0; i < stems.size(); i++) {
      add(counts, stems.get(i), bits);
      if (i > 0) {
        add(counts, stems.get(i - 1) + ' ' + stems.get(i), bits);
      }
    }
    return counts;
  }

  private static void add(Map<Integer, Integer> counts, String term, int bits) {
    byte[] bytes = term.getBytes(java.nio.charset.StandardCharsets.UTF_8);
    int bucket = StringHelper.murmurhash3_x86_32(bytes, 0, bytes.length, SEED) >>> (32 - bits);
    counts.merge(bucket, 1, Integer::sum);
  }

  private static final ThreadLocal<Analyzer> ANALYZER = ThreadLocal.withInitial(EnglishAnalyzer::new);

  static List<String> stems(String text) {
    List<String> out = new ArrayList<>();
    try (TokenStream tokens = ANALYZER.get().tokenStream("q", text)) {
      CharTermAttribute term = tokens.addAttribute(CharTermAttribute.class);
      tokens.reset();
      while (tokens.incrementToken()) {
        out.add(term.toString());
      }
      tokens.end();
    } catch (IOException e) {
      throw new UncheckedIOException(e); // reading a String does not fail
    }
    return out;
  }

  public void write(java.io.DataOutput out) throws IOException {
    out.writeInt(bits);
    for (float v : idf) {
      out.writeFloat(v);
    }
  }

  /** The encoder {@link #write} wrote, from bytes in memory; a claimed size beyond them is refused. */
  public static HashedTfIdfEncoder read(java.io.DataInputStream in) throws IOException {
    int bits = in.readInt();
    if (bits < 0 || bits > 30) {
      throw new IOException("encoder of " + bits + " bits");
    }
    float[] idf = new float[ClaimedLength.entries(in, 1L << bits, Float.BYTES, "encoder")];
    for (int b = 0; b < idf.length; b++) {
      idf[b] = in.readFloat();
    }
    return new HashedTfIdfEncoder(bits, idf);
  }

  /** The fitted IDF of a bucket (for tests). */
  float idf(int bucket) {
    return idf[bucket];
  }
}
