package io.modelmap.aggregator.api;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.ObjectMapper;
import io.modelmap.schemas.avro.CoordinateFrame;
import io.modelmap.schemas.avro.DeadLetter;
import io.modelmap.schemas.avro.ModelCoordinates;
import io.modelmap.schemas.avro.ModelPosition;
import io.modelmap.schemas.avro.ModelRegistered;
import java.nio.charset.StandardCharsets;
import java.util.List;
import org.junit.jupiter.api.Test;

/** (Was AvroJsonTest: the views now travel between instances as typed records, ViewWire's JSON.) */
class ViewWireTest {

  @Test
  void shouldLeaveOutNamedVectorsAndMakeNaNNull() {
    ModelCoordinates c = ModelCoordinates.newBuilder().setModelId("meta-llama/Llama-3.2-1B").setCorpusId("pile")
        .setVersion(1).setTextsScored(3).setCorpusSize(3).setComplete(true).setMeanLogLikelihood(Double.NaN)
        .setXi(List.of(1.0, -0.5, -0.5)).build();

    ModelCoordinates all = ViewWire.readOne(ViewWire.one(c), ModelCoordinates.class);
    ModelCoordinates slim = ViewWire.readAll(ViewWire.all(List.of(c)), ModelCoordinates.class).get(0);

    assertThat(all.getXi()).isEqualTo(List.of(1.0, -0.5, -0.5));
    assertThat(slim.getXi()).isEmpty();
    assertThat(slim.getModelId()).isEqualTo("meta-llama/Llama-3.2-1B");
    assertThat(slim.getMeanLogLikelihood()).as("NaN travels as NaN").isNaN();
    assertThat(BodyMapping.finite(slim.getMeanLogLikelihood())).as("JSON has no NaN: the API says null").isNull();
    assertThat(c.getXi()).as("the stored record keeps its vector").hasSize(3);
  }

  @Test
  void shouldSendAWholeViewAsAJsonArrayOfItsRecords() throws Exception {
    ModelRegistered a = ViewRecords.registered("a/m");
    ModelRegistered b = ViewRecords.registered("org/b+c");

    byte[] json = ViewWire.all(List.of(a, b));

    assertThat(new ObjectMapper().readTree(json).size()).as("one element per record (the ITs count them)").isEqualTo(2);
    assertThat(ViewWire.readAll(json, ModelRegistered.class)).containsExactly(a, b);
    assertThat(ViewWire.readAll("[]".getBytes(StandardCharsets.UTF_8), ModelRegistered.class)).isEmpty();
  }

  @Test
  void shouldCarryNestedRecordsUnionsAndBytes() {
    CoordinateFrame frame = ViewRecords.frame(new ModelPosition("a/m", 1.0, Double.NEGATIVE_INFINITY, null),
        new ModelPosition("b/m", -1.0, 0.5, "code"));
    DeadLetter failure = ViewRecords.failure("a/m", "source-refused");

    CoordinateFrame slim = ViewWire.readAll(ViewWire.all(List.of(frame)), CoordinateFrame.class).get(0);

    assertThat(slim.getColumnMeans()).isEmpty();
    assertThat(slim.getPositions()).isEqualTo(frame.getPositions());
    assertThat(slim.getMeanTextBytes()).isEqualTo(100.0);
    assertThat(ViewWire.readOne(ViewWire.one(failure), DeadLetter.class)).isEqualTo(failure);
  }
}
