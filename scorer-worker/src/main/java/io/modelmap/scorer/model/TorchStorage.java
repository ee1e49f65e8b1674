package io.modelmap.scorer.model;

/**
 * A storage named by a pickle's persistent id {@code ('storage', type, key, location, numel)}: the zip
 * entry {@code <archive>/data/<key>}, holding {@code numel} elements of {@code type}. Tied weights are
 * two tensors over one storage.
 */
record TorchStorage(String key, TorchStorageType type, long numel) {}
