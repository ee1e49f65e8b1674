package io.modelmap.schemas.registry;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.TreeMap;
import org.apache.avro.Schema;
import org.apache.avro.SchemaCompatibility;
import org.apache.avro.SchemaCompatibility.SchemaCompatibilityType;

/**
 * The registry's state: subjects with their versions, and global ids shared by equal schemas, as
 * Confluent's registry assigns them. Compatibility is BACKWARD (a new schema reads the latest).
 */
final class SchemaRegistryState {
  private final Map<String, List<RegisteredSchema>> versionsBySubject = new TreeMap<>();
  private final Map<Integer, Schema> schemasById = new HashMap<>();
  private final Map<Schema, Integer> idsBySchema = new HashMap<>();

  synchronized Optional<RegisteredSchema> find(String subject, Schema schema) {
    return versions(subject).stream().filter(v -> schemasById.get(v.id()).equals(schema)).findFirst();
  }

  /** The next version to append for a new schema under the subject. */
  synchronized RegisteredSchema nextVersion(String subject, Schema schema) {
    int id = idsBySchema.getOrDefault(schema, schemasById.keySet().stream().mapToInt(i -> i).max().orElse(0) + 1);
    return new RegisteredSchema(subject, versions(subject).size() + 1, id, schema.toString());
  }

  /** Applies a version read from, or just written to, the log; replays are idempotent. */
  synchronized void apply(RegisteredSchema registered) {
    Schema schema = new Schema.Parser().parse(registered.schema());
    schemasById.putIfAbsent(registered.id(), schema);
    idsBySchema.putIfAbsent(schema, registered.id());
    List<RegisteredSchema> versions = versionsBySubject.computeIfAbsent(registered.subject(), s -> new ArrayList<>());
    if (versions.stream().noneMatch(v -> v.version() == registered.version())) {
      versions.add(registered);
    }
  }

  synchronized Optional<Schema> schemaById(int id) {
    return Optional.ofNullable(schemasById.get(id));
  }

  synchronized List<String> subjects() {
    return List.copyOf(versionsBySubject.keySet());
  }

  synchronized List<RegisteredSchema> versions(String subject) {
    return List.copyOf(versionsBySubject.getOrDefault(subject, List.of()));
  }

  synchronized boolean isCompatibleWithLatest(String subject, Schema candidate) {
    List<RegisteredSchema> versions = versions(subject);
    if (versions.isEmpty()) {
      return true;
    }
    Schema latest = schemasById.get(versions.get(versions.size() - 1).id());
    return SchemaCompatibility.checkReaderWriterCompatibility(candidate, latest).getType()
        == SchemaCompatibilityType.COMPATIBLE;
  }
}
