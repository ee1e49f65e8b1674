package io.modelmap.formats.export;

import static org.assertj.core.api.Assertions.assertThat;

import io.modelmap.schemas.avro.PredictionQuality;
import io.modelmap.schemas.avro.ScorePrediction;
import io.modelmap.schemas.avro.ScorePredictions;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class PredictionCsvWriterTest {
  @TempDir
  Path dir;

  @Test
  void shouldWriteTheCorpusPredictionsWithUnknownValuesEmpty() throws IOException {
    ScorePredictions mine = ScorePredictions.newBuilder().setModelId("meta-llama/Llama-3.2-1B").setCorpusId("pile-10k")
        .setCompleteModels(3).setPredictions(List.of(new ScorePrediction("mmlu-pro", "ridge", 0.25, 0.5, 0.375, 2),
            new ScorePrediction("arc_easy", "cpp", 0.5, null, null, 3))).build();
    ScorePredictions other = ScorePredictions.newBuilder(mine).setModelId("z/m").setCorpusId("other-corpus").build();
    PredictionQuality quality = PredictionQuality.newBuilder().setBenchmarkId("mmlu-pro").setMethod("ridge")
        .setCorpusId("pile-10k").setModels(3).setFolds(3).setGrouping("family").setPearsonR(0.5).setSpearmanRho(-1.0)
        .setAlpha(10.0).build();
    PredictionQuality otherQuality = PredictionQuality.newBuilder(quality).setCorpusId("other-corpus").build();

    PredictionCsvWriter.write(List.of(mine, other), List.of(quality, otherQuality), "pile-10k", dir);

    assertThat(Files.readString(dir.resolve("predictions.csv"))).isEqualTo("""
        model_id,benchmark,method,observed,predicted,out_of_fold
        meta-llama/Llama-3.2-1B,mmlu-pro,ridge,0.5,0.25,0.375
        meta-llama/Llama-3.2-1B,arc_easy,cpp,,0.5,
        """);
    assertThat(Files.readString(dir.resolve("prediction-quality.csv"))).isEqualTo("""
        benchmark,method,models,folds,grouping,pearson_r,spearman_rho,alpha
        mmlu-pro,ridge,3,3,family,0.5,-1.0,10.0
        """);
  }
}
