#!/usr/bin/env python3
"""Writes the PyTorch-pickle checkpoints the scorer's restricted unpickler is tested on, from the gpt_neox
fixture (config.json, model.safetensors, tokenizer.json, expected.json):

  fixtures/gpt_neox_bin/          pytorch_model.bin: torch.save(state_dict) in PyTorch 1.13's default zip format
                                  (protocol-2 data.pkl, collections.OrderedDict of tensors rebuilt by
                                  torch._utils._rebuild_tensor_v2 from torch.FloatStorage / BFloat16Storage /
                                  HalfStorage records data/0, data/1, ...); no model.safetensors.
  fixtures/gpt_neox_bin_sharded/  the same tensors in pytorch_model-00001-of-00002.bin and
                                  pytorch_model-00002-of-00002.bin with pytorch_model.bin.index.json, split and
                                  indexed as transformers' save_pretrained does (shards filled in state-dict
                                  order; index {"metadata": {"total_size": bytes}, "weight_map": {...}}, keys
                                  sorted, indent 2).
  pickles/evil/                   pytorch_model.bin: a valid torch zip whose data.pkl, unpickled by plain pickle,
                                  would call os.system("touch /tmp/modelmap-pwned") (GLOBAL 'os system' +
                                  REDUCE, in the middle of an otherwise ordinary state dict); config.json and
                                  tokenizer.json of gpt_neox. This script never unpickles it (it checks the
                                  opcodes with pickletools only).

The tensors are gpt_neox's float32 values, in the state-dict (module) order, except two: BF16_TENSOR is saved
as bfloat16 and F16_TENSOR as float16, each the float32 value rounded to the nearest representable value (none
of gpt_neox's float32 values is exactly representable in 16 bits). expected.json therefore holds the
log-likelihoods of exactly these stored values, computed by reference_loglik.py::neox_logits (float64) from the
file read back with torch.load(weights_only=True), plus the safetensors twin's values and their difference.

    apt-get install python3-torch python3-numpy
    /usr/bin/python3 scorer-worker/src/test/python/write_bin_twin.py scorer-worker/src/test/resources/fixtures
"""
import collections
import io
import json
import os
import pickle
import pickletools
import shutil
import sys
import zipfile
from pathlib import Path

import torch

import reference_loglik
from safetensors_numpy import read_safetensors

SOURCE = "gpt_neox"
BF16_TENSOR = "gpt_neox.layers.1.attention.query_key_value.bias"
F16_TENSOR = "gpt_neox.layers.0.attention.query_key_value.weight"
EVIL_KEY = "gpt_neox.layers.0.attention.masked_bias"  # a buffer name old GPT-NeoX checkpoints really hold
EVIL_COMMAND = "touch /tmp/modelmap-pwned"


def state_dict(source):
    """The gpt_neox tensors in the order its safetensors header lists them (the module order a state_dict has),
    float32, except the two 16-bit ones."""
    tensors = collections.OrderedDict()
    for name, array in read_safetensors(source / "model.safetensors").items():
        tensor = torch.tensor(array, dtype=torch.float32)
        if name == BF16_TENSOR:
            tensor = tensor.to(torch.bfloat16)
        elif name == F16_TENSOR:
            tensor = tensor.to(torch.float16)
        tensors[name] = tensor.contiguous()
    return tensors


def nbytes(tensor):
    return tensor.numel() * tensor.element_size()


def shards(tensors, count=2):
    """transformers' sharding: walk the state dict in order and start a new shard when the next tensor would
    take the current one past max_shard_size; max_shard_size here is the smallest total of a state-dict prefix
    that gives two shards (about half the checkpoint)."""
    sizes = [nbytes(t) for t in tensors.values()]
    for limit in sorted({sum(sizes[:i]) for i in range(1, len(sizes) + 1)}):
        blocks, current, size = [], collections.OrderedDict(), 0
        for name, tensor in tensors.items():
            if current and size + nbytes(tensor) > limit:
                blocks.append(current)
                current, size = collections.OrderedDict(), 0
            current[name] = tensor
            size += nbytes(tensor)
        blocks.append(current)
        if len(blocks) == count:
            return blocks
    raise AssertionError("no split into %d shards" % count)


def scores(config, path_list):
    """Log-likelihoods of reference_loglik.TEXTS from the .bin file(s) read back with weights_only=True."""
    weights = {}
    for path in path_list:
        for name, tensor in torch.load(path, map_location="cpu", weights_only=True).items():
            weights[name] = tensor.to(torch.float64)
    out = []
    for text in reference_loglik.TEXTS:
        ids = torch.tensor([reference_loglik.BOS] + list(text.encode("utf-8")))
        out.append(reference_loglik.log_likelihood(lambda t: reference_loglik.neox_logits(config, weights, t), ids))
    return out, weights


class Payload:
    """Pickles as os.system(EVIL_COMMAND). Only ever pickled here, never unpickled."""

    def __reduce__(self):
        return os.system, (EVIL_COMMAND,)


def write_evil(source, tensors, path):
    """torch.save of the state dict with Payload() as the value of EVIL_KEY (inserted in the middle), written
    through torch's own zip writer so the archive is a valid torch checkpoint; pickle names the function
    'posix system' (os.system's __module__ on Linux), which is renamed to the portable 'os system'."""
    tampered = collections.OrderedDict()
    for index, (name, tensor) in enumerate(tensors.items()):
        if index == len(tensors) // 2:
            tampered[EVIL_KEY] = Payload()
        tampered[name] = tensor.to(torch.float32)
    buffer = io.BytesIO()
    torch.save(tampered, buffer)
    with zipfile.ZipFile(io.BytesIO(buffer.getvalue())) as archive:
        records = {info.filename.split("/", 1)[1]: archive.read(info.filename) for info in archive.infolist()}
    data = records["data.pkl"]
    assert data.count(b"cposix\nsystem\n") == 1
    data = data.replace(b"cposix\nsystem\n", b"cos\nsystem\n")
    globals_named = {arg for op, arg, _ in pickletools.genops(data) if op.name == "GLOBAL"}
    assert "os system" in globals_named, globals_named
    assert EVIL_COMMAND in {arg for op, arg, _ in pickletools.genops(data) if op.name == "BINUNICODE"}
    writer = torch._C.PyTorchFileWriter(str(path))
    writer.write_record("data.pkl", data, len(data))
    for name in sorted(records):
        if name.startswith("data/"):
            writer.write_record(name, records[name], len(records[name]))
    writer.write_end_of_file()
    with zipfile.ZipFile(path) as archive:
        names = archive.namelist()
    assert names[0] == "pytorch_model/data.pkl" and "pytorch_model/version" in names, names
    return sorted(globals_named)


def copy_side_files(source, folder):
    folder.mkdir(parents=True, exist_ok=True)
    for name in ("config.json", "tokenizer.json"):
        shutil.copyfile(source / name, folder / name)


def main(root):
    root = Path(root)
    source = root / SOURCE
    config = json.loads((source / "config.json").read_text())
    twin = json.loads((source / "expected.json").read_text())
    assert twin["texts"] == reference_loglik.TEXTS
    tensors = state_dict(source)

    single = root / "gpt_neox_bin"
    copy_side_files(source, single)
    torch.save(tensors, single / "pytorch_model.bin")

    sharded = root / "gpt_neox_bin_sharded"
    copy_side_files(source, sharded)
    blocks = shards(tensors)
    files = [f"pytorch_model-{i + 1:05d}-of-{len(blocks):05d}.bin" for i in range(len(blocks))]
    weight_map = {}
    for block, file in zip(blocks, files):
        torch.save(block, sharded / file)
        weight_map.update({name: file for name in block})
    index = {"metadata": {"total_size": sum(nbytes(t) for t in tensors.values())}, "weight_map": weight_map}
    (sharded / "pytorch_model.bin.index.json").write_text(json.dumps(index, indent=2, sort_keys=True) + "\n")

    single_scores, single_weights = scores(config, [single / "pytorch_model.bin"])
    sharded_scores, sharded_weights = scores(config, [sharded / file for file in files])
    assert list(single_weights) == list(tensors) and sorted(sharded_weights) == sorted(tensors)
    assert single_scores == sharded_scores, (single_scores, sharded_scores)
    twin_scores = twin["logLikelihoods"]
    difference = max(abs(a - b) / abs(b) for a, b in zip(single_scores, twin_scores))
    note = (f"{BF16_TENSOR} is stored as bfloat16 and {F16_TENSOR} as float16 (each gpt_neox's float32 value "
            f"rounded to nearest even; gpt_neox has no tensor exactly representable in 16 bits); every other tensor "
            f"is float32 and bit-identical to gpt_neox/model.safetensors. logLikelihoods are those of the stored "
            f"values; the safetensors twin's (gpt_neox/expected.json) differ by at most "
            f"{difference:.2e} relative.")
    for folder in (single, sharded):
        expected = {
            "texts": reference_loglik.TEXTS,
            "logLikelihoods": single_scores,
            "reference": "reference_loglik.py::neox_logits (weights read back with torch.load(weights_only=True))",
            "follows": "src/transformers/models/gpt_neox/modeling_gpt_neox.py",
            "safetensorsTwin": SOURCE,
            "twinLogLikelihoods": twin_scores,
            "maxRelativeDifferenceFromTwin": difference,
            "note": note,
        }
        (folder / "expected.json").write_text(json.dumps(expected, indent=2) + "\n")

    evil = root.parent / "pickles" / "evil"
    copy_side_files(source, evil)
    named = write_evil(source, tensors, evil / "pytorch_model.bin")

    for path in [single / "pytorch_model.bin", *(sharded / f for f in files), evil / "pytorch_model.bin"]:
        print(f"{path.relative_to(root.parent)}  {path.stat().st_size / 1024:.1f} KiB")
    print("dtypes:", {name: str(t.dtype) for name, t in tensors.items() if t.dtype != torch.float32})
    print("shards:", [len(b) for b in blocks], "tensors; total_size", index["metadata"]["total_size"])
    print("bin log-likelihoods:", single_scores)
    print(f"max relative difference from the safetensors twin: {difference:.3e}")
    print("evil data.pkl GLOBALs (not unpickled):", named)


if __name__ == "__main__":
    torch.set_num_threads(1)
    with torch.no_grad():
        main(sys.argv[1])
