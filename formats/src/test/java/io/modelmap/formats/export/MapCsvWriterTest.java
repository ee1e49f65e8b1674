package io.modelmap.formats.export;

import static org.assertj.core.api.Assertions.assertThat;

import io.modelmap.formats.csv.CsvFiles;
import io.modelmap.schemas.avro.CoordinateFrame;
import io.modelmap.schemas.avro.ModelCoordinates;
import io.modelmap.schemas.avro.ModelPosition;
import io.modelmap.schemas.avro.ModelRegistered;
import io.modelmap.schemas.avro.NeighborEntry;
import io.modelmap.schemas.avro.NeighborList;
import io.modelmap.schemas.avro.TextChunk;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.TreeSet;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class MapCsvWriterTest {
  @TempDir
  Path dir;

  @Test
  void shouldWriteTextsWithAwkwardIdsThatReadBackUnchanged() throws IOException {
    Path file = dir.resolve("texts.csv");
    MapCsvWriter.writeTexts(file, List.of(text("doc 1, \"a\"#0", 0, "Pile-CC", 1024),
        text("Größe 😀#1", 1, "Wikipedia (en)", 517)));

    assertThat(Files.readString(file)).isEqualTo("""
        text_id,category,bytes
        "doc 1, ""a""#0",Pile-CC,1024
        Größe 😀#1,Wikipedia (en),517
        """);
    assertThat(CsvFiles.read(file)).extracting(r -> r.get("text_id")).containsExactly("doc 1, \"a\"#0", "Größe 😀#1");
  }

  @Test
  void shouldWriteAMatrixWithUnscoredCellsEmptyAndNumbersExact() throws IOException {
    Path file = dir.resolve("L.csv");
    Map<String, Double[]> rows = new TreeMap<>();
    rows.put("meta-llama/Llama-3.2-1B", new Double[] {0.1 + 0.2 - 1, -2.0});
    rows.put("acme/m", new Double[] {-1.5, null});

    MapCsvWriter.writeMatrix(file, List.of("a#0", "b, c#0"), rows);

    // 0.1 + 0.2 - 1 is the double nearest -0.7 (Python: repr(0.1 + 0.2 - 1) == '-0.7'): written as -0.7
    assertThat(Files.readString(file)).isEqualTo("""
        model_id,a#0,"b, c#0"
        acme/m,-1.5,
        meta-llama/Llama-3.2-1B,-0.7,-2.0
        """);
  }

  @Test
  void shouldWriteEveryModelAndLeaveTheUnscoredOnesEmpty() throws IOException {
    Path file = dir.resolve("models.csv");
    ModelCoordinates llama = ModelCoordinates.newBuilder().setModelId("meta-llama/Llama-3.2-1B").setCorpusId("pile-10k")
        .setVersion(3).setTextsScored(2).setCorpusSize(2).setComplete(true).setMeanLogLikelihood(-1.25).build();

    ModelRegistered registered = ModelRegistered.newBuilder().setModelId("meta-llama/Llama-3.2-1B")
        .setSourceUri("hf://meta-llama/Llama-3.2-1B").setRevision("4e20de362430cd3b72f300e6b0f18e50e7166e08")
        .setCorpusId("pile-10k").build();

    MapCsvWriter.writeModels(file, new TreeSet<>(List.of("meta-llama/Llama-3.2-1B", "acme/m")),
        Map.of("meta-llama/Llama-3.2-1B", llama), Map.of("meta-llama/Llama-3.2-1B", registered));

    assertThat(Files.readString(file)).isEqualTo("""
        model_id,mean_loglik,texts_scored,complete,source_uri,revision
        acme/m,,0,false,,
        meta-llama/Llama-3.2-1B,-1.25,2,true,hf://meta-llama/Llama-3.2-1B,4e20de362430cd3b72f300e6b0f18e50e7166e08
        """);
  }

  @Test
  void shouldWriteTheNeighboursOfTheCorpusRankedFromOne() throws IOException {
    Path file = dir.resolve("neighbors.csv");
    NeighborList mine = NeighborList.newBuilder().setModelId("a/m").setCorpusId("pile-10k").setProvisional(false)
        .setTextsScored(2).setNeighbors(List.of(new NeighborEntry("b/m", 0.5, 0.125, 2),
            new NeighborEntry("c/m", 1.0, 0.25, 1))).build();
    NeighborList other = NeighborList.newBuilder(mine).setModelId("z/m").setCorpusId("other-corpus").build();

    MapCsvWriter.writeNeighbors(file, List.of(mine, other), "pile-10k");

    assertThat(Files.readString(file)).isEqualTo("""
        model_id,rank,neighbor_id,kl_nats,kl_bpb,overlap
        a/m,1,b/m,0.5,0.125,2
        a/m,2,c/m,1.0,0.25,1
        """);
  }

  @Test
  void shouldWriteTheMapInTheFramesOrderWithItsMetadataOnEveryRow() throws IOException {
    Path file = dir.resolve("map.csv");
    // positions not in id order: the file keeps the frame's order, as /api/map does; NaN is served as 0
    CoordinateFrame frame = CoordinateFrame.newBuilder().setCorpusId("pile val/5").setVersion(3).setModelCount(3)
        .setColumnMeans(List.of(-1.0)).setMeanTextBytes(770.5).setMapMethod("pca")
        .setPositions(List.of(new ModelPosition("z/m, \"q\"", 0.25, -1.5, "Github"),
            new ModelPosition("a/m@v2", -0.125, Double.NaN, null), new ModelPosition("m/m", 1e-20, 3.0, "Pile-CC")))
        .build();

    MapCsvWriter.writeMap(file, frame);

    assertThat(Files.readString(file)).isEqualTo("""
        model_id,x,y,primary_category,corpus_id,frame_version,model_count,map_method,mean_text_bytes
        "z/m, ""q\"\"",0.25,-1.5,Github,pile val/5,3,3,pca,770.5
        a/m@v2,-0.125,0.0,,pile val/5,3,3,pca,770.5
        m/m,1.0E-20,3.0,Pile-CC,pile val/5,3,3,pca,770.5
        """);
    assertThat(CsvFiles.read(file)).extracting(r -> r.get("model_id")).containsExactly("z/m, \"q\"", "a/m@v2", "m/m");
  }

  @Test
  void shouldWriteOnlyTheMapHeaderBeforeAnyFrame() throws IOException {
    Path file = dir.resolve("map.csv");

    MapCsvWriter.writeMap(file, null);

    assertThat(Files.readString(file))
        .isEqualTo("model_id,x,y,primary_category,corpus_id,frame_version,model_count,map_method,mean_text_bytes\n");
  }

  private static TextChunk text(String id, int index, String category, int bytes) {
    return TextChunk.newBuilder().setCorpusId("pile-10k").setTextId(id).setIndex(index).setCorpusSize(2)
        .setCategory(category).setByteLength(bytes).build();
  }
}
