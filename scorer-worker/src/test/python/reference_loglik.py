#!/usr/bin/env python3
"""Independent reference for the scorer's architectures (GPT-2, Llama family, GPT-NeoX).

Written from the Hugging Face modelling code's definitions, in PyTorch (float64), without any of the
Java code under test. Reads each fixture folder's config.json and model.safetensors (parsed by hand),
scores the texts of TEXTS (byte-level tokens, the start token first) and writes expected.json there.

    apt-get install python3-torch python3-numpy
    /usr/bin/python3 scorer-worker/src/test/python/reference_loglik.py scorer-worker/src/test/resources/fixtures
"""
import json
import math
import sys
from pathlib import Path

import torch
from safetensors_numpy import read_safetensors

TEXTS = [
    "The quiet river carries the old letter downstream.",
    "def add(a, b):\n    return a + b\n",
    "Größe, naïve café — ünïcödé ✓ 😀",
    "| year | value |\n| 2024 | 3.14 |",
    "x",
]
BOS = 256


def load_safetensors(path):
    return {name: torch.tensor(array) for name, array in read_safetensors(path).items()}


def rotate_half(x):
    half = x.shape[-1] // 2
    return torch.cat((-x[..., half:], x[..., :half]), dim=-1)


def rope(x, inv_freq):
    dims = 2 * inv_freq.shape[0]
    positions = torch.arange(x.shape[-2], dtype=torch.float64)
    freqs = torch.outer(positions, inv_freq)
    emb = torch.cat((freqs, freqs), dim=-1)
    rot, rest = x[..., :dims], x[..., dims:]
    return torch.cat((rot * emb.cos() + rotate_half(rot) * emb.sin(), rest), dim=-1)


def attention(q, k, v):
    length = q.shape[-2]
    scores = q @ k.transpose(-1, -2) / math.sqrt(q.shape[-1])
    mask = torch.triu(torch.full((length, length), float("-inf"), dtype=torch.float64), diagonal=1)
    return torch.softmax(scores + mask, dim=-1) @ v


def llama_inv_freq(config, head_dim):
    theta = config.get("rope_theta", 10000.0)
    inv = 1.0 / theta ** (torch.arange(0, head_dim, 2, dtype=torch.float64) / head_dim)
    scaling = config.get("rope_scaling")
    if not scaling:
        return inv
    kind = scaling.get("rope_type", scaling.get("type"))
    factor = scaling["factor"]
    if kind == "linear":
        return inv / factor
    assert kind == "llama3"
    low, high = scaling["low_freq_factor"], scaling["high_freq_factor"]
    old = scaling["original_max_position_embeddings"]
    wavelen = 2 * math.pi / inv
    scaled = torch.where(wavelen > old / low, inv / factor, inv)
    smooth = (old / wavelen - low) / (high - low)
    smoothed = (1 - smooth) * scaled / factor + smooth * scaled
    medium = (wavelen >= old / high) & (wavelen <= old / low)
    return torch.where(medium, smoothed, scaled)


def llama_logits(config, w, ids):
    heads, kv = config["num_attention_heads"], config.get("num_key_value_heads", config["num_attention_heads"])
    hd = config["hidden_size"] // heads
    eps = config["rms_norm_eps"]
    inv = llama_inv_freq(config, hd)
    rms = lambda x, g: x / torch.sqrt(x.pow(2).mean(-1, keepdim=True) + eps) * g
    lin = lambda x, name: x @ w[name + ".weight"].T + (w[name + ".bias"] if name + ".bias" in w else 0)
    x = w["model.embed_tokens.weight"][ids]
    n = len(ids)
    for layer in range(config["num_hidden_layers"]):
        p = f"model.layers.{layer}."
        h = rms(x, w[p + "input_layernorm.weight"])
        q = lin(h, p + "self_attn.q_proj").view(n, heads, hd).transpose(0, 1)
        k = lin(h, p + "self_attn.k_proj").view(n, kv, hd).transpose(0, 1)
        v = lin(h, p + "self_attn.v_proj").view(n, kv, hd).transpose(0, 1)
        q, k = rope(q, inv), rope(k, inv)
        k = k.repeat_interleave(heads // kv, dim=0)
        v = v.repeat_interleave(heads // kv, dim=0)
        o = attention(q, k, v).transpose(0, 1).reshape(n, heads * hd)
        x = x + lin(o, p + "self_attn.o_proj")
        h = rms(x, w[p + "post_attention_layernorm.weight"])
        gate = lin(h, p + "mlp.gate_proj")
        x = x + lin(gate * torch.sigmoid(gate) * lin(h, p + "mlp.up_proj"), p + "mlp.down_proj")
    head = w.get("lm_head.weight", w["model.embed_tokens.weight"])
    return rms(x, w["model.norm.weight"]) @ head.T


def neox_logits(config, w, ids):
    heads = config["num_attention_heads"]
    hd = config["hidden_size"] // heads
    rot = int(hd * config["rotary_pct"])
    inv = 1.0 / config.get("rotary_emb_base", 10000) ** (torch.arange(0, rot, 2, dtype=torch.float64) / rot)
    eps = config["layer_norm_eps"]
    ln = lambda x, name: torch.nn.functional.layer_norm(x, (x.shape[-1],), w[name + ".weight"], w[name + ".bias"], eps)
    lin = lambda x, name: x @ w[name + ".weight"].T + w[name + ".bias"]
    x = w["gpt_neox.embed_in.weight"][ids]
    n = len(ids)
    for layer in range(config["num_hidden_layers"]):
        p = f"gpt_neox.layers.{layer}."
        qkv = lin(ln(x, p + "input_layernorm"), p + "attention.query_key_value").view(n, heads, 3 * hd).transpose(0, 1)
        q, k, v = qkv[..., :hd], qkv[..., hd:2 * hd], qkv[..., 2 * hd:]
        o = attention(rope(q, inv), rope(k, inv), v).transpose(0, 1).reshape(n, heads * hd)
        attended = lin(o, p + "attention.dense")
        mlp_in = ln(x, p + "post_attention_layernorm") if config.get("use_parallel_residual", True) \
            else ln(x + attended, p + "post_attention_layernorm")
        mlp = lin(torch.nn.functional.gelu(lin(mlp_in, p + "mlp.dense_h_to_4h")), p + "mlp.dense_4h_to_h")
        x = x + attended + mlp
    return ln(x, "gpt_neox.final_layer_norm") @ w["embed_out.weight"].T


def gpt2_logits(config, w, ids):
    heads, d = config["n_head"], config["n_embd"]
    hd = d // heads
    n = len(ids)
    ln = lambda x, name: torch.nn.functional.layer_norm(x, (d,), w[name + ".weight"], w[name + ".bias"],
                                                        config["layer_norm_epsilon"])
    conv = lambda x, name: x @ w[name + ".weight"] + w[name + ".bias"]  # GPT-2's Conv1D stores [in, out]
    x = w["wte.weight"][ids] + w["wpe.weight"][torch.arange(n)]
    for layer in range(config["n_layer"]):
        p = f"h.{layer}."
        q, k, v = conv(ln(x, p + "ln_1"), p + "attn.c_attn").split(d, dim=-1)
        q, k, v = (t.view(n, heads, hd).transpose(0, 1) for t in (q, k, v))
        x = x + conv(attention(q, k, v).transpose(0, 1).reshape(n, d), p + "attn.c_proj")
        h = conv(ln(x, p + "ln_2"), p + "mlp.c_fc")
        h = 0.5 * h * (1 + torch.tanh(math.sqrt(2 / math.pi) * (h + 0.044715 * h ** 3)))
        x = x + conv(h, p + "mlp.c_proj")
    return ln(x, "ln_f") @ w["wte.weight"].T


def log_likelihood(logits_of, ids):
    logits = logits_of(ids)
    logp = torch.log_softmax(logits, dim=-1)
    return float(sum(logp[t - 1, ids[t]] for t in range(1, len(ids))))


def main(root):
    for name in ("gpt2", "llama", "gpt_neox"):  # the other fixtures have reference scripts of their own
        folder = Path(root) / name
        config = json.loads((folder / "config.json").read_text())
        weights = load_safetensors(folder / "model.safetensors")
        forward = {"gpt2": gpt2_logits, "llama": llama_logits, "mistral": llama_logits, "qwen2": llama_logits,
                   "gpt_neox": neox_logits}[config["model_type"]]
        scores = []
        for text in TEXTS:
            ids = torch.tensor([BOS] + list(text.encode("utf-8")))
            scores.append(log_likelihood(lambda t: forward(config, weights, t), ids))
        (folder / "expected.json").write_text(json.dumps({"texts": TEXTS, "logLikelihoods": scores}, indent=2))
        print(folder.name, scores)


if __name__ == "__main__":
    with torch.no_grad():
        main(sys.argv[1])
