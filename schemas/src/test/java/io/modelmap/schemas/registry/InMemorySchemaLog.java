package io.modelmap.schemas.registry;

import java.util.ArrayList;
import java.util.List;

/** A schema log kept in memory, so registry tests need no broker. */
final class InMemorySchemaLog implements SchemaLog {
  private final List<RegisteredSchema> records = new ArrayList<>();

  @Override
  public List<RegisteredSchema> readAll() {
    return List.copyOf(records);
  }

  @Override
  public void append(RegisteredSchema registered) {
    records.add(registered);
  }

  @Override
  public void close() {}
}
