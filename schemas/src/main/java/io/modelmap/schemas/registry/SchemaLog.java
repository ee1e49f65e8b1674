package io.modelmap.schemas.registry;

import java.util.List;

/** Durable storage of registered schema versions. */
interface SchemaLog extends AutoCloseable {

  /** Every version stored so far, in the order written. */
  List<RegisteredSchema> readAll();

  /** Stores one version durably before the registry answers. */
  void append(RegisteredSchema registered);

  @Override
  void close();
}
