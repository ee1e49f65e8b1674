"""Writes the torch.save twins of the gpt_neox fixture and the evil pickle the scorer must refuse.

Run with Debian's PyTorch (/usr/bin/python3, torch 1.13) from scorer-worker/:
    /usr/bin/python3 src/test/python/make_bin_fixtures.py
- fixtures/gpt_neox_bin/pytorch_model.bin: the safetensors fixture's tensors in float32, saved as
  `save_pretrained(safe_serialization=False)` does (an OrderedDict with `_metadata`); embed_out.weight
  is saved as a transposed view (strides 1, 257), and the buffers older NeoX checkpoints carry
  (a bool causal mask, masked_bias, rotary inv_freq) are included: the loader must skip them.
- fixtures/gpt_neox_bin_sharded/: the same tensors in two .bin shards and pytorch_model.bin.index.json.
- pickles/evil/pytorch_model.bin: a torch zip whose data.pkl calls os.system through __reduce__.
"""
import json
import os
import shutil
from collections import OrderedDict
from pathlib import Path

import torch

from safetensors_numpy import read_safetensors

RESOURCES = Path(__file__).resolve().parents[1] / "resources"
SOURCE = RESOURCES / "fixtures" / "gpt_neox"


def state_dict():
    sd = OrderedDict()
    for name, value in read_safetensors(SOURCE / "model.safetensors").items():
        tensor = torch.tensor(value, dtype=torch.float32)
        if name == "embed_out.weight":
            tensor = tensor.t().contiguous().t()  # a view with strides (1, 257) over its storage
        sd[name] = tensor
    for layer in range(2):
        prefix = f"gpt_neox.layers.{layer}.attention."
        sd[prefix + "bias"] = torch.tril(torch.ones(128, 128, dtype=torch.bool)).view(1, 1, 128, 128)
        sd[prefix + "masked_bias"] = torch.tensor(-1e9)
        sd[prefix + "rotary_emb.inv_freq"] = 1.0 / (10000 ** (torch.arange(0, 4, 2).float() / 4))
    sd._metadata = OrderedDict({"": {"version": 1}})
    return sd


def folder(name):
    path = RESOURCES / "fixtures" / name
    shutil.rmtree(path, ignore_errors=True)
    path.mkdir(parents=True)
    for file in ("config.json", "tokenizer.json"):
        shutil.copy(SOURCE / file, path / file)
    return path


def main():
    sd = state_dict()
    torch.save(sd, folder("gpt_neox_bin") / "pytorch_model.bin")

    sharded = folder("gpt_neox_bin_sharded")
    names = ["pytorch_model-00001-of-00002.bin", "pytorch_model-00002-of-00002.bin"]
    first = OrderedDict((k, v) for k, v in sd.items() if "layers.0" in k or "embed_in" in k)
    second = OrderedDict((k, v) for k, v in sd.items() if k not in first)
    torch.save(first, sharded / names[0])
    torch.save(second, sharded / names[1])
    weight_map = {k: names[0] for k in first} | {k: names[1] for k in second}
    (sharded / "pytorch_model.bin.index.json").write_text(
        json.dumps({"metadata": {}, "weight_map": weight_map}, indent=2) + "\n")

    class Evil:
        def __reduce__(self):
            return (os.system, ("touch /tmp/modelmap-pwned",))

    evil = RESOURCES / "pickles" / "evil"
    evil.mkdir(parents=True, exist_ok=True)
    torch.save(OrderedDict(w=Evil()), evil / "pytorch_model.bin")


if __name__ == "__main__":
    main()
