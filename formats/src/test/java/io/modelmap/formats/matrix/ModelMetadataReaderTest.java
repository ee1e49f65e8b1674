package io.modelmap.formats.matrix;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.modelmap.formats.BadInputFile;
import io.modelmap.formats.matrix.ModelMetadataReader.ModelMetadata;
import io.modelmap.schemas.avro.ModelRegistered;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class ModelMetadataReaderTest {
  @TempDir
  Path dir;

  @Test
  void shouldReadFamilyTypeParametersAndLabels() throws IOException {
    Path file = Files.writeString(dir.resolve("models.csv"), """
        model_id,family,type,parameters,finetuning,context_window
        meta-llama/Llama-3.2-1B,llama,base,1.5B,,128k
        EleutherAI/pythia-160m@step143000,pythia,,160M,none,
        "acme/mix 50%, ""v2""\",,,,,
        """);

    Map<String, ModelMetadata> models = ModelMetadataReader.read(file);

    // 1.5B = 1.5 × 10^9 and 160M = 160 × 10^6 parameters; empty cells are unknown
    assertThat(models).containsExactly(
        Map.entry("meta-llama/Llama-3.2-1B", new ModelMetadata("llama", "base", 1_500_000_000L,
            Map.of("context_window", "128k"))),
        Map.entry("EleutherAI/pythia-160m@step143000", new ModelMetadata("pythia", null, 160_000_000L,
            Map.of("finetuning", "none"))),
        Map.entry("acme/mix 50%, \"v2\"", new ModelMetadata(null, null, null, Map.of())));
  }

  @Test
  void shouldRegisterAnUnknownModelAsImported() {
    ModelRegistered registration = ModelMetadataReader.of(Map.of(), "acme/unknown")
        .registration("acme/unknown", "imported:L.csv", "pile-10k", 42);

    assertThat(registration.getModelType()).isEqualTo("imported");
    assertThat(registration.getFamily()).isNull();
    assertThat(registration.getParameterCount()).isNull();
    assertThat(registration.getRegisteredAtMs()).isEqualTo(42);
  }

  @Test
  void shouldRefuseABadParameterCountNamingFileLineAndField() throws IOException {
    Path file = Files.writeString(dir.resolve("models.csv"),
        "model_id,family,type,parameters\nmeta-llama/Llama-3.2-1B,llama,base,1B\nacme/m,acme,base,-3M\n");

    assertThatThrownBy(() -> ModelMetadataReader.read(file)).isInstanceOf(BadInputFile.class)
        .hasMessage("models.csv line 3, field parameters: '-3M' is not a positive count such as 160M or 1.5B");
  }

  @Test
  void shouldRefuseASecondRowOfAModel() throws IOException {
    Path file = Files.writeString(dir.resolve("models.csv"),
        "model_id,family,type,parameters\nacme/m,acme,base,1B\nacme/m,acme,chat,1B\n");

    assertThatThrownBy(() -> ModelMetadataReader.read(file)).isInstanceOf(BadInputFile.class)
        .hasMessage("models.csv line 3, field model_id: acme/m has a row already; give each model one row");
  }
}
