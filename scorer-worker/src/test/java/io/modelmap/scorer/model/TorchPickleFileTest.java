package io.modelmap.scorer.model;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import ai.djl.Device;
import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDManager;
import java.io.IOException;
import java.io.OutputStream;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.HexFormat;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.zip.ZipEntry;
import java.util.zip.ZipOutputStream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The restricted reader of torch.save zip files on pickles written byte for byte here (each made once
 * by Python, the line that made it in a comment), and on the refusals: unlisted globals, opcodes that
 * build arbitrary objects, truncated zips, the legacy format, sizes the zip does not back.
 */
class TorchPickleFileTest {
  /**
   * data.pkl of {@code w = torch.arange(12.).reshape(3, 4); torch.save(OrderedDict(w=w, t=w.t(),
   * s=w[1:, 1:3], b=torch.tensor([1.5, -2, 0.15625], dtype=torch.bfloat16), h=torch.tensor([0.5,
   * -65504, 2**-14], dtype=torch.float16)), "tiny.bin")} (PyTorch 1.13, protocol 2): w, its transpose
   * (strides 1, 4) and a slice (offset 5) share storage 0; b is storage 1 in bf16, h storage 2 in f16.
   */
  private static final String TINY_PICKLE = "800263636f6c6c656374696f6e730a4f726465726564446963740a710029527101"
      + "28580100000077710263746f7263682e5f7574696c730a5f72656275696c645f74656e736f725f76320a710328285807000000"
      + "73746f72616765710463746f7263680a466c6f617453746f726167650a71055801000000307106580300000063707571074b0c"
      + "747108514b004b034b048671094b044b0186710a8968002952710b74710c52710d580100000074710e6803282868046805680668"
      + "074b0c74710f514b004b044b038671104b014b048671118968002952711274711352711458010000007371156803282868046805"
      + "680668074b0c747116514b054b024b028671174b044b018671188968002952711974711a52711b580100000062711c6803282868"
      + "0463746f7263680a42466c6f6174313653746f726167650a711d580100000031711e68074b0374711f514b004b038571204b0185"
      + "712189680029527122747123527124580100000068712568032828680463746f7263680a48616c6653746f726167650a71265801"
      + "00000032712768074b03747128514b004b038571294b0185712a8968002952712b74712c52712d752e";

  /** {@code pickle.dumps(Evil(), protocol=2)} where Evil's __reduce__ returns (eval, ("print(1)",)). */
  private static final String EVAL_PROTOCOL_2 =
      "8002635f5f6275696c74696e5f5f0a6576616c0a710058080000007072696e7428312971018571025271032e";

  /** The same at protocol 4, which names the global through STACK_GLOBAL. */
  private static final String EVAL_PROTOCOL_4 =
      "80049524000000000000008c086275696c74696e73948c046576616c9493948c087072696e7428312994859452942e";

  /**
   * data.pkl of {@code torch.save(OrderedDict(mask=torch.ones(2, 2, dtype=torch.bool)), "mask.bin")}: a
   * BoolStorage, as the causal masks old GPT-2 and GPT-NeoX {@code .bin} files carry.
   */
  private static final String MASK_PICKLE = "800263636f6c6c656374696f6e730a4f726465726564446963740a71002952710158"
      + "040000006d61736b710263746f7263682e5f7574696c730a5f72656275696c645f74656e736f725f76320a71032828580700000073"
      + "746f72616765710463746f7263680a426f6f6c53746f726167650a71055801000000307106580300000063707571074b04747108"
      + "514b004b024b028671094b024b0186710a8968002952710b74710c52710d732e";

  /** {@code OrderedDict} made through NEWOBJ ({@code cls.__new__}), which no state dict needs. */
  private static final String NEWOBJ = "800263636f6c6c656374696f6e730a4f726465726564446963740a29812e";

  /** The first bytes of {@code torch.save(w, f, _use_new_zipfile_serialization=False)}: PROTO 2, magic number. */
  private static final String LEGACY_HEAD = "80028a0a6cfc9c46f9206aa850192e80024de9032e80027d710028581000000070726f"
      + "746f636f6c";

  @TempDir
  Path dir;

  @Test
  void stridedViewsAndASharedStorageReadAsTorchHoldsThem() throws Exception {
    Path file = torchZip("tiny.bin", TINY_PICKLE, storages(48));
    TorchPickleFile tensors = TorchPickleFile.open(file);
    assertThat(tensors.names()).containsExactly("w", "t", "s", "b", "h");
    try (NDManager manager = NDManager.newBaseManager(Device.cpu())) {
      assertTensor(tensors.load("w", manager), new long[] {3, 4}, 0, 1, 2, 3, 4, 5, 6, 7, 8, 9, 10, 11);
      assertTensor(tensors.load("t", manager), new long[] {4, 3}, 0, 4, 8, 1, 5, 9, 2, 6, 10, 3, 7, 11);
      assertTensor(tensors.load("s", manager), new long[] {2, 2}, 5, 6, 9, 10);
      assertTensor(tensors.load("b", manager), new long[] {3}, 1.5f, -2f, 0.15625f);
      assertTensor(tensors.load("h", manager), new long[] {3}, 0.5f, -65504f, (float) Math.pow(2, -14));
    }
  }

  /** torch 2.x adds byteorder, .format_version and .storage_alignment records; only little-endian data is read. */
  @Test
  void theRecordsNewerTorchAddsAreReadAndABigEndianFileIsRefused() throws Exception {
    Map<String, byte[]> records = new LinkedHashMap<>();
    records.put(".format_version", "1".getBytes());
    records.put(".storage_alignment", "64".getBytes());
    records.put("byteorder", "little".getBytes());
    Path little = torchZip("little.bin", TINY_PICKLE, storages(48), records);
    assertThat(TorchPickleFile.open(little).names()).containsExactly("w", "t", "s", "b", "h");
    records.put("byteorder", "big".getBytes());
    Path big = torchZip("big.bin", TINY_PICKLE, storages(48), records);
    assertThatThrownBy(() -> TorchPickleFile.open(big))
        .hasMessage(big + " was saved with byte order 'big'; only little-endian checkpoints are read");
  }

  @Test
  void aStorageEntryShorterThanThePickleClaimsIsRefusedWhenOpened() throws Exception {
    Path file = torchZip("short.bin", TINY_PICKLE, storages(8));
    assertThatThrownBy(() -> TorchPickleFile.open(file)).isInstanceOf(IOException.class)
        .hasMessageContaining("short.bin").hasMessageContaining("claims 12 float32 elements in storage 0")
        .hasMessageContaining("holds 8 bytes");
  }

  @Test
  void aViewReachingPastItsStorageIsRefusedBeforeAnythingIsRead() {
    TorchStorage storage = new TorchStorage("0", TorchStorageType.FLOAT, 12);
    assertThatThrownBy(() -> TorchTensorView.of(storage, 5, new long[] {2, 4}, new long[] {4, 1}))
        .hasMessageContaining("reaches element 12 of storage 0, which holds 12");
    assertThatThrownBy(() -> TorchTensorView.of(storage, 0, new long[] {1L << 40, 1L << 40}, new long[] {0, 0}))
        .hasMessageContaining("overflows 64 bits");
  }

  @Test
  void aPickleNamingBuiltinsEvalIsRefusedAtEitherProtocol() throws Exception {
    for (String pickle : new String[] {EVAL_PROTOCOL_2, EVAL_PROTOCOL_4}) {
      Path file = torchZip("eval.bin", pickle, Map.of());
      assertThatThrownBy(() -> TorchPickleFile.open(file)).isInstanceOf(IOException.class)
          .hasMessageStartingWith(file.toString())
          .hasMessageContaining("refused global builtins.eval").hasMessageContaining("nothing in the file was run")
          .hasMessageNotContaining("\n");
    }
  }

  /** A bool mask opens (the loader skips such buffers by name) and is refused only if loaded. */
  @Test
  void aTensorOfAnUnscoredDtypeIsListedAndRefusedWhenLoaded() throws Exception {
    Path file = torchZip("mask.bin", MASK_PICKLE, Map.of("0", new byte[] {1, 1, 1, 1}));
    TorchPickleFile tensors = TorchPickleFile.open(file);
    assertThat(tensors.names()).containsExactly("mask");
    try (NDManager manager = NDManager.newBaseManager(Device.cpu())) {
      assertThatThrownBy(() -> tensors.load("mask", manager))
          .hasMessage(file + ": tensor mask has dtype bool; supported are float32, float16 and bfloat16");
    }
  }

  @Test
  void opcodesThatBuildArbitraryObjectsAreRefused() throws Exception {
    Path file = torchZip("newobj.bin", NEWOBJ, Map.of());
    assertThatThrownBy(() -> TorchPickleFile.open(file)).hasMessageContaining("pickle opcode 0x81 at byte 28");
  }

  @Test
  void aPickleThatWouldFillTheHeapStopsAtTheOpcodeCap() {
    byte[] nones = new byte[RestrictedUnpickler.MAX_OPCODES + 2];
    Arrays.fill(nones, (byte) 'N'); // NONE, pushed again and again; STOP never comes
    assertThatThrownBy(() -> RestrictedUnpickler.load(nones, new WeightsOnlyGlobals(), "many.pkl"))
        .isInstanceOf(IOException.class).hasMessage("many.pkl: the pickle runs more than "
            + RestrictedUnpickler.MAX_OPCODES + " opcodes; a state dict needs far fewer");
  }

  @Test
  void aTruncatedZipIsRefusedInOneLine() throws Exception {
    byte[] whole = Files.readAllBytes(torchZip("whole.bin", TINY_PICKLE, storages(48)));
    Path cut = Files.write(dir.resolve("cut.bin"), Arrays.copyOf(whole, whole.length / 2));
    assertThatThrownBy(() -> TorchPickleFile.open(cut)).isInstanceOf(IOException.class)
        .hasMessageStartingWith(cut.toString()).hasMessageContaining("truncated or corrupt zip")
        .hasMessageNotContaining("\n");
  }

  @Test
  void theLegacyFormatIsRefusedWithWhatToDoInstead() throws Exception {
    Path legacy = Files.write(dir.resolve("legacy.bin"), HexFormat.of().parseHex(LEGACY_HEAD));
    assertThatThrownBy(() -> TorchPickleFile.open(legacy))
        .hasMessageContaining("legacy (pre-1.6, non-zip) format")
        .hasMessageContaining("re-save it with a current torch or convert it to safetensors");
  }

  /** Storage 0: the floats 0..11 (cut to {@code floatBytes}); 1: bf16 1.5, -2, 0.15625; 2: f16 0.5, -65504, 2^-14. */
  private static Map<String, byte[]> storages(int floatBytes) {
    ByteBuffer floats = ByteBuffer.allocate(48).order(ByteOrder.LITTLE_ENDIAN);
    for (int i = 0; i < 12; i++) {
      floats.putFloat(i);
    }
    Map<String, byte[]> storages = new LinkedHashMap<>();
    storages.put("0", Arrays.copyOf(floats.array(), floatBytes));
    storages.put("1", shorts(0x3FC0, 0xC000, 0x3E20));
    storages.put("2", shorts(0x3800, 0xFBFF, 0x0400));
    return storages;
  }

  private static byte[] shorts(int... values) {
    ByteBuffer out = ByteBuffer.allocate(2 * values.length).order(ByteOrder.LITTLE_ENDIAN);
    for (int v : values) {
      out.putShort((short) v);
    }
    return out.array();
  }

  /** As torch.save lays a zip out: {@code <stem>/data.pkl}, {@code <stem>/data/<key>}, {@code <stem>/version}. */
  private Path torchZip(String name, String pickleHex, Map<String, byte[]> storages) throws IOException {
    return torchZip(name, pickleHex, storages, Map.of());
  }

  /** The same with more records beside data.pkl, named relative to the archive folder. */
  private Path torchZip(String name, String pickleHex, Map<String, byte[]> storages, Map<String, byte[]> records)
      throws IOException {
    Path file = dir.resolve(name);
    String archive = name.substring(0, name.indexOf('.')) + "/";
    try (OutputStream out = Files.newOutputStream(file); ZipOutputStream zip = new ZipOutputStream(out)) {
      zip.putNextEntry(new ZipEntry(archive + "data.pkl"));
      zip.write(HexFormat.of().parseHex(pickleHex));
      for (Map.Entry<String, byte[]> storage : storages.entrySet()) {
        zip.putNextEntry(new ZipEntry(archive + "data/" + storage.getKey()));
        zip.write(storage.getValue());
      }
      for (Map.Entry<String, byte[]> record : records.entrySet()) {
        zip.putNextEntry(new ZipEntry(archive + record.getKey()));
        zip.write(record.getValue());
      }
      zip.putNextEntry(new ZipEntry(archive + "version"));
      zip.write("3\n".getBytes());
    }
    return file;
  }

  private static void assertTensor(NDArray tensor, long[] shape, float... values) {
    assertThat(tensor.getShape().getShape()).containsExactly(shape);
    assertThat(tensor.toFloatArray()).containsExactly(values);
  }
}
