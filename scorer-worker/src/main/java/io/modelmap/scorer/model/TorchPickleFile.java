package io.modelmap.scorer.model;

import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDManager;
import ai.djl.ndarray.types.Shape;
import java.io.EOFException;
import java.io.IOException;
import java.io.InputStream;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.zip.ZipEntry;
import java.util.zip.ZipException;
import java.util.zip.ZipFile;

/**
 * The tensors of one {@code torch.save} zip file ({@code pytorch_model.bin} as torch has written it
 * since 1.6): {@code <archive>/data.pkl} is read by {@link RestrictedUnpickler} with the
 * {@link WeightsOnlyGlobals} allowlist, so nothing in it runs, and each storage is the zip entry
 * {@code <archive>/data/<key>}. Every claimed size is checked against the zip's entry sizes when the
 * file is opened; a tensor's bytes are read only when it is loaded, widened to float32 (f16 and bf16
 * too: DJL cannot hold bf16).
 */
public final class TorchPickleFile implements TensorFile {
  /** A state dict's pickle holds names and shapes only: a few hundred KB for the largest models. */
  private static final long MAX_PICKLE_BYTES = 64L << 20;
  /** Deflate cannot expand data more than about 1032 times. */
  private static final long MAX_DEFLATE_RATIO = 1032;

  private final Path file;
  private final String archive;
  private final Map<String, TorchTensorView> tensors;

  private TorchPickleFile(Path file, String archive, Map<String, TorchTensorView> tensors) {
    this.file = file;
    this.archive = archive;
    this.tensors = tensors;
  }

  public static TorchPickleFile open(Path file) throws IOException {
    checkIsZip(file);
    try (ZipFile zip = openZip(file)) {
      String archive = archiveOf(zip, file);
      checkByteOrder(zip, archive, file);
      ZipEntry pickleEntry = zip.getEntry(archive + "data.pkl");
      long pickleSize = entrySize(pickleEntry, file);
      if (pickleSize > MAX_PICKLE_BYTES) {
        throw new IOException(file + ": data.pkl claims " + pickleSize + " bytes; a state dict's pickle is far"
            + " smaller");
      }
      byte[] pickle = read(zip, pickleEntry, 0, pickleSize, file);
      Object root = RestrictedUnpickler.load(pickle, new WeightsOnlyGlobals(), file.toString());
      Map<String, TorchTensorView> tensors = stateDict(root, file);
      for (Map.Entry<String, TorchTensorView> e : tensors.entrySet()) {
        checkStorageFits(zip, archive, e.getKey(), e.getValue().storage(), file);
      }
      return new TorchPickleFile(file, archive, tensors);
    }
  }

  @Override
  public Set<String> names() {
    return Collections.unmodifiableSet(tensors.keySet());
  }

  @Override
  public long[] shape(String name) throws IOException {
    return view(name).shape();
  }

  @Override
  public NDArray load(String name, NDManager manager) throws IOException {
    TorchTensorView view = view(name);
    TorchStorageType type = view.storage().type();
    if (!type.isScoredFloat()) {
      throw new IOException(file + ": tensor " + name + " has dtype " + type.dtype()
          + "; supported are float32, float16 and bfloat16");
    }
    long length = view.span() * type.bytes();
    if (length > Integer.MAX_VALUE) {
      throw new IOException(file + ": tensor " + name + " spans " + length + " bytes of its storage; at most 2 GiB"
          + " per tensor are read (convert the checkpoint to sharded safetensors)");
    }
    try (ZipFile zip = openZip(file)) {
      ZipEntry entry = zip.getEntry(archive + "data/" + view.storage().key());
      byte[] window = read(zip, entry, view.offset() * type.bytes(), length, file);
      float[] values = view.gather(ByteBuffer.wrap(window).order(ByteOrder.LITTLE_ENDIAN));
      return manager.create(values, new Shape(view.shape()));
    }
  }

  private TorchTensorView view(String name) throws IOException {
    TorchTensorView view = tensors.get(name);
    if (view == null) {
      throw new IOException(file + " has no tensor " + name);
    }
    return view;
  }

  /**
   * Only the zip format is read; the legacy one (a tar, or pickles after a magic number) is refused
   * before anything in it is parsed.
   */
  private static void checkIsZip(Path file) throws IOException {
    byte[] head = new byte[262];
    int n;
    try (InputStream in = Files.newInputStream(file)) {
      n = in.readNBytes(head, 0, head.length);
    }
    if (n >= 4 && head[0] == 'P' && head[1] == 'K' && (head[2] == 3 || head[2] == 5)) {
      return;
    }
    boolean legacyPickle = n > 0 && (head[0] & 0xFF) == 0x80; // pickle PROTO, then torch's magic number
    boolean legacyTar = n >= 262 && new String(head, 257, 5, StandardCharsets.US_ASCII).equals("ustar");
    if (legacyPickle || legacyTar) {
      throw new IOException(file + " is in torch.save's legacy (pre-1.6, non-zip) format, which is not read:"
          + " re-save it with a current torch or convert it to safetensors");
    }
    throw new IOException(file + " is not a torch.save checkpoint (not a zip archive)");
  }

  private static ZipFile openZip(Path file) throws IOException {
    try {
      return new ZipFile(file.toFile());
    } catch (ZipException e) {
      throw new IOException(file + " is a truncated or corrupt zip archive (" + e.getMessage()
          + "); copy or download it again");
    }
  }

  /** The one top-level folder holding {@code data.pkl} (torch names it after the file it saved to). */
  private static String archiveOf(ZipFile zip, Path file) throws IOException {
    List<String> archives = new ArrayList<>();
    zip.stream().map(ZipEntry::getName)
        .filter(name -> name.endsWith("/data.pkl") && name.indexOf('/') == name.length() - "/data.pkl".length())
        .forEach(name -> archives.add(name.substring(0, name.length() - "data.pkl".length())));
    if (archives.size() != 1) {
      throw new IOException(file + " has " + archives.size() + " <archive>/data.pkl entries; a torch.save"
          + " checkpoint has exactly one");
    }
    return archives.get(0);
  }

  /** Storages are raw little-endian bytes unless torch recorded otherwise (newer versions write byteorder). */
  private static void checkByteOrder(ZipFile zip, String archive, Path file) throws IOException {
    ZipEntry entry = zip.getEntry(archive + "byteorder");
    if (entry != null) {
      String order = new String(read(zip, entry, 0, Math.min(entrySize(entry, file), 16), file),
          StandardCharsets.US_ASCII).trim();
      if (!order.equals("little")) {
        throw new IOException(file + " was saved with byte order '" + order + "'; only little-endian checkpoints"
            + " are read");
      }
    }
  }

  /** The top-level dict of names to tensors that {@code torch.save(model.state_dict())} writes. */
  private static Map<String, TorchTensorView> stateDict(Object root, Path file) throws IOException {
    if (!(root instanceof Map<?, ?> dict)) {
      throw new IOException(file + " holds an object of type " + RestrictedUnpickler.typeName(root)
          + ", not a state dict (a dict of names to tensors)");
    }
    Map<String, TorchTensorView> tensors = new LinkedHashMap<>();
    for (Map.Entry<?, ?> e : dict.entrySet()) {
      if (!(e.getKey() instanceof String name)) {
        throw new IOException(file + " has a key of type " + RestrictedUnpickler.typeName(e.getKey())
            + "; a state dict maps names to tensors");
      }
      if (!(e.getValue() instanceof TorchTensorView view)) {
        throw new IOException(file + ": entry " + name + " is of type " + RestrictedUnpickler.typeName(e.getValue())
            + ", not a tensor; a state dict maps names to tensors");
      }
      tensors.put(name, view);
    }
    return tensors;
  }

  /** The storage's entry exists and holds the elements the pickle claims (its views were checked against those). */
  private static void checkStorageFits(ZipFile zip, String archive, String tensor, TorchStorage storage, Path file)
      throws IOException {
    ZipEntry entry = zip.getEntry(archive + "data/" + storage.key());
    if (entry == null) {
      throw new IOException(file + ": tensor " + tensor + " names storage " + storage.key()
          + ", which the archive does not hold");
    }
    long claimed;
    try {
      claimed = Math.multiplyExact(storage.numel(), storage.type().bytes());
    } catch (ArithmeticException e) {
      claimed = Long.MAX_VALUE;
    }
    long size = entrySize(entry, file);
    if (claimed > size) {
      throw new IOException(file + ": tensor " + tensor + " claims " + storage.numel() + " " + storage.type().dtype()
          + " elements in storage " + storage.key() + ", whose entry holds " + size + " bytes");
    }
  }

  /** The entry's size as the zip states it, refused if it could not fit in the file. */
  private static long entrySize(ZipEntry entry, Path file) throws IOException {
    long size = entry.getSize();
    long compressed = entry.getCompressedSize();
    long bound = entry.getMethod() == ZipEntry.STORED ? Files.size(file) : compressed * MAX_DEFLATE_RATIO;
    if (size < 0 || compressed < 0 || size > bound) {
      throw new IOException(file + ": zip entry " + entry.getName() + " claims " + size
          + " bytes, more than the file can hold; it is corrupt");
    }
    return size;
  }

  /** {@code length} bytes of an entry from {@code skip}, checked against the entry's size first. */
  private static byte[] read(ZipFile zip, ZipEntry entry, long skip, long length, Path file) throws IOException {
    long size = entrySize(entry, file);
    if (skip + length > size || length > Integer.MAX_VALUE) {
      throw new IOException(file + ": " + (skip + length) + " bytes are wanted from zip entry " + entry.getName()
          + ", which holds " + size);
    }
    try (InputStream in = zip.getInputStream(entry)) {
      in.skipNBytes(skip);
      byte[] bytes = in.readNBytes((int) length);
      if (bytes.length == length) {
        return bytes;
      }
    } catch (EOFException | ZipException e) {
      // reported below, as a short entry is
    }
    throw new IOException(file + ": zip entry " + entry.getName() + " is truncated or corrupt; copy or download"
        + " the file again");
  }
}
