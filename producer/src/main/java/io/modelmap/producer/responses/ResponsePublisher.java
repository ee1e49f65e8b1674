package io.modelmap.producer.responses;

import io.modelmap.formats.responses.ResponseFiles;
import io.modelmap.kafka.Publisher;
import io.modelmap.schemas.avro.ModelResponses;
import io.modelmap.schemas.avro.PromptResponse;
import io.modelmap.schemas.topic.Topic;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * Publishes responses to {@code model-responses}, keyed by model id: each model's in records of at most
 * {@value #MAX_RESPONSES} responses and about {@value #MAX_BYTES} bytes, under Kafka's default 1 MB
 * message limit.
 */
public final class ResponsePublisher {
  static final int MAX_RESPONSES = 500;
  static final int MAX_BYTES = 512 * 1024;
  private final Publisher publisher;
  private final Topic<String, ModelResponses> topic;

  public ResponsePublisher(Publisher publisher, Topic<String, ModelResponses> topic) {
    this.publisher = publisher;
    this.topic = topic;
  }

  /** @return the records published */
  public int publish(List<ResponseFiles.Response> responses, String source, long nowMs) {
    Map<String, List<ResponseFiles.Response>> byModel = new LinkedHashMap<>();
    responses.forEach(r -> byModel.computeIfAbsent(r.modelId(), m -> new ArrayList<>()).add(r));
    int records = 0;
    for (Map.Entry<String, List<ResponseFiles.Response>> model : byModel.entrySet()) {
      List<PromptResponse> batch = new ArrayList<>();
      int bytes = 0;
      for (ResponseFiles.Response r : model.getValue()) {
        int size = r.text().getBytes(StandardCharsets.UTF_8).length + r.promptId().length();
        if (!batch.isEmpty() && (batch.size() == MAX_RESPONSES || bytes + size > MAX_BYTES)) {
          send(model.getKey(), batch, source, nowMs);
          records++;
          batch = new ArrayList<>();
          bytes = 0;
        }
        batch.add(PromptResponse.newBuilder().setPromptId(r.promptId()).setResponse(r.text()).build());
        bytes += size;
      }
      send(model.getKey(), batch, source, nowMs);
      records++;
    }
    publisher.flush();
    return records;
  }

  private void send(String model, List<PromptResponse> batch, String source, long nowMs) {
    publisher.send(topic, model, ModelResponses.newBuilder().setModelId(model).setResponses(batch).setSource(source)
        .setRecordedAtMs(nowMs).build());
  }
}
