#!/usr/bin/env python3
"""Traces the GPT-2 fixture to TorchScript, for the scorer's TorchScript source test.

A batched GPT-2 written here in PyTorch (float32) from the same definitions as reference_loglik.py,
loaded with the fixture's weights and traced with torch.jit.trace: token ids [batch, length] in,
logits [batch, length, vocab] out. The Java test compares its scores with fixtures/gpt2/expected.json.

    /usr/bin/python3 scorer-worker/src/test/python/trace_torchscript.py \
        scorer-worker/src/test/resources/fixtures/gpt2 scorer-worker/src/test/resources/torchscript/gpt2
"""
import json
import math
import shutil
import sys
from pathlib import Path

import torch

from reference_loglik import load_safetensors


class TracedGpt2(torch.nn.Module):
    def __init__(self, config, weights):
        super().__init__()
        self.heads, self.width, self.layers = config["n_head"], config["n_embd"], config["n_layer"]
        self.eps = config["layer_norm_epsilon"]
        self.w = torch.nn.ParameterDict({name.replace(".", "_"): torch.nn.Parameter(t.float(), requires_grad=False)
                                         for name, t in weights.items()})

    def p(self, name):
        return self.w[name.replace(".", "_")]

    def ln(self, x, name):
        return torch.nn.functional.layer_norm(x, (self.width,), self.p(name + ".weight"), self.p(name + ".bias"),
                                              self.eps)

    def conv(self, x, name):
        return x @ self.p(name + ".weight") + self.p(name + ".bias")

    def forward(self, ids):
        batch, n = ids.shape
        hd = self.width // self.heads
        x = self.p("wte.weight")[ids] + self.p("wpe.weight")[torch.arange(n)]
        mask = torch.triu(torch.full((n, n), float("-inf")), diagonal=1)
        for layer in range(self.layers):
            q, k, v = self.conv(self.ln(x, f"h.{layer}.ln_1"), f"h.{layer}.attn.c_attn").split(self.width, dim=-1)
            q, k, v = (t.view(batch, n, self.heads, hd).transpose(1, 2) for t in (q, k, v))
            attn = torch.softmax(q @ k.transpose(-1, -2) / math.sqrt(hd) + mask, dim=-1) @ v
            x = x + self.conv(attn.transpose(1, 2).reshape(batch, n, self.width), f"h.{layer}.attn.c_proj")
            h = self.conv(self.ln(x, f"h.{layer}.ln_2"), f"h.{layer}.mlp.c_fc")
            h = 0.5 * h * (1 + torch.tanh(math.sqrt(2 / math.pi) * (h + 0.044715 * h ** 3)))
            x = x + self.conv(h, f"h.{layer}.mlp.c_proj")
        return self.ln(x, "ln_f") @ self.p("wte.weight").T


def main(source, target):
    source, target = Path(source), Path(target)
    config = json.loads((source / "config.json").read_text())
    model = TracedGpt2(config, load_safetensors(source / "model.safetensors")).eval()
    # traced on one shape; every size is symbolic in the graph except what Python code reads from them
    example = torch.randint(0, config["vocab_size"], (2, 7))
    traced = torch.jit.trace(model, example, check_inputs=[(torch.randint(0, 257, (3, 11)),)])
    target.mkdir(parents=True, exist_ok=True)
    traced.save(str(target / "torchscript.pt"))
    for name in ("config.json", "tokenizer.json"):
        shutil.copy(source / name, target / name)
    print("traced to", target / "torchscript.pt")


if __name__ == "__main__":
    with torch.no_grad():
        main(sys.argv[1], sys.argv[2])
