#!/usr/bin/env python3
"""Independent reference for a trained zoo model: GPT-2 from its Hugging Face definition, in NumPy
float64, without any of the Java code under test (no torch needed). Reads a zoo folder's config.json
and model.safetensors (F16 or F32, parsed by hand), scores TEXTS (byte-level tokens, the start
token 256 first, every byte scored once) and writes the log-likelihoods to
scorer-worker/src/test/resources/zoo-reference.json.

    pip install numpy   (here: numpy 2.4.6)
    python3 scorer-worker/src/test/python/reference_zoo_numpy.py prose-a code-a-rounded
"""
import json
import math
import sys
from pathlib import Path

import numpy as np
from safetensors_numpy import read_safetensors

ROOT = Path(__file__).resolve().parents[3]  # scorer-worker
ZOO = ROOT / "src/main/resources/io/modelmap/scorer/zoo"
OUT = ROOT / "src/test/resources/zoo-reference.json"
TEXTS = [
    "The quiet river carries the old letter downstream, and nobody knows why. ",
    "    for (int i = 0; i < count; i++) {\n      total += i * 3;\n    }\n",
    "4. Licensee shall retain all copyright notices, subject to the terms and conditions of this License.",
    "812,2003,R7,55120,101.234,3.1415,0.27183\n813,1999,R2,401,97.500,8.0000,0.50000\n",
    "Größe, naïve café: ünïcödé bytes ✓",
]
START = 256


def load(folder):
    return json.loads((folder / "config.json").read_text()), read_safetensors(folder / "model.safetensors")


def layer_norm(x, g, b, eps):
    mu = x.mean(-1, keepdims=True)
    var = ((x - mu) ** 2).mean(-1, keepdims=True)
    return (x - mu) / np.sqrt(var + eps) * g + b


def gelu_new(x):
    return 0.5 * x * (1 + np.tanh(math.sqrt(2 / math.pi) * (x + 0.044715 * x ** 3)))


def log_likelihood(config, w, text):
    ids = [START] + list(text.encode("utf-8"))
    n, d, heads = len(ids), config["n_embd"], config["n_head"]
    hd, eps = d // heads, config["layer_norm_epsilon"]
    x = w["wte.weight"][ids] + w["wpe.weight"][:n]
    mask = np.triu(np.full((n, n), -np.inf), 1)
    for layer in range(config["n_layer"]):
        p = f"h.{layer}."
        h = layer_norm(x, w[p + "ln_1.weight"], w[p + "ln_1.bias"], eps)
        qkv = h @ w[p + "attn.c_attn.weight"] + w[p + "attn.c_attn.bias"]
        q, k, v = (qkv[:, i * d:(i + 1) * d].reshape(n, heads, hd).transpose(1, 0, 2) for i in range(3))
        scores = q @ k.transpose(0, 2, 1) / math.sqrt(hd) + mask
        scores = np.exp(scores - scores.max(-1, keepdims=True))
        attended = (scores / scores.sum(-1, keepdims=True)) @ v
        x = x + attended.transpose(1, 0, 2).reshape(n, d) @ w[p + "attn.c_proj.weight"] + w[p + "attn.c_proj.bias"]
        h = layer_norm(x, w[p + "ln_2.weight"], w[p + "ln_2.bias"], eps)
        x = x + gelu_new(h @ w[p + "mlp.c_fc.weight"] + w[p + "mlp.c_fc.bias"]) @ w[p + "mlp.c_proj.weight"] \
            + w[p + "mlp.c_proj.bias"]
    logits = layer_norm(x, w["ln_f.weight"], w["ln_f.bias"], eps) @ w["wte.weight"].T
    top = logits.max(-1, keepdims=True)
    log_probs = logits - top - np.log(np.exp(logits - top).sum(-1, keepdims=True))
    return float(sum(log_probs[t, ids[t + 1]] for t in range(n - 1)))


models = {}
for name in sys.argv[1:]:
    config, w = load(ZOO / name)
    models[name] = [log_likelihood(config, w, t) for t in TEXTS]
OUT.write_text(json.dumps({"texts": TEXTS, "logLikelihoods": models}, indent=2, ensure_ascii=False) + "\n", encoding="utf-8")
print(f"{len(models)} models, {len(TEXTS)} texts written to {OUT}")
