#!/usr/bin/env python3
"""Independent reference for the "classic" causal-LM families: GPT-J, CodeGen, GPT-Neo, GPTBigCode, OPT
(125m- and 350m-style), XGLM, BLOOM (power-of-two and six heads) and MPT.

Written from the Hugging Face transformers modelling code (read with the search tool, never from the Java
code under test), in PyTorch float64. For every fixture it writes, under the fixtures folder given as the
only argument, a folder with
  - config.json       the fields transformers' configuration class writes for that model_type,
  - model.safetensors tiny random float32 weights, names and shapes as the checkpoint holds them,
                      written by write_safetensors below (seeded numpy.random.default_rng, so the bytes
                      are the same on every run),
  - tokenizer.json    a copy of ../llama/tokenizer.json (byte-level: id = byte, 256 = <|endoftext|>),
  - expected.json     the log-likelihood of each text of TEXTS, ids [256] + the UTF-8 bytes, summed over
                      t >= 1 of log_softmax(logits[t-1])[ids[t]], one text at a time, eval mode.
It then scores each fixture again with each distinctive mechanism switched off and asserts that the
log-likelihoods move (the ablation table it prints): by more than 1e-2 relative on some text for a structural
mechanism, more than 1e-3 for GPT-Neo's window off by one, more than 1e-4 (the Java test's tolerance) for an
activation variant (tanh vs erf GELU differ by at most 4.7e-4, so the MLPs keep half their units near -2.7).

Names follow save_pretrained of the *ForCausalLM class, except two fixtures that copy a real checkpoint's quirk:
opt_350m ("decoder.*", no "model." prefix, as facebook/opt-350m) and bloom_6heads (no "transformer." prefix, and
"n_embed" / "num_attention_heads" in config.json, as bigscience/bloom).

    apt-get install python3-torch python3-numpy
    /usr/bin/python3 scorer-worker/src/test/python/reference_classic.py scorer-worker/src/test/resources/fixtures

The reference reads the weights back from the written model.safetensors (float32 widened to float64), so it
scores exactly the stored values.
"""
import json
import math
import shutil
import struct
import sys
from pathlib import Path

import numpy as np
import torch
import torch.nn.functional as F

from safetensors_numpy import read_safetensors

TEXTS = [
    "The quiet river carries the old letter downstream.",
    "def add(a, b):\n    return a + b\n",
    "Größe, naïve café — ünïcödé ✓ 😀",
    "| year | value |\n| 2024 | 3.14 |",
    "x",
    "Long ago the Grüße from Köln reached Zürich; Ἐν ἀρχῇ ἦν ὁ λόγος, said the monk. 春眠不覺曉，處處聞啼鳥。 "
    "Then the river ran on 🌊 past the mill: äöü ÄÖÜ ß, ελληνικά, 漢字 ✓ 🚀",
]
LONG = TEXTS[-1]
assert 150 <= len(LONG.encode("utf-8")) <= 250
BOS = 256
SCRIPT = "reference_classic.py"
ABLATION_MIN = 1e-2  # a structural mechanism switched off must move some text's log-likelihood by this (relative)
ACTIVATION_MIN = 1e-4  # an activation variant must at least move it past the Java test's 1e-4 tolerance


# ---------------------------------------------------------------------------------------------------------
# Files

def write_safetensors(path, tensors):
    """Safetensors as the Rust/Python library writes it: u64 little-endian header length, a JSON header
    (keys sorted, dtype/shape/data_offsets, "__metadata__": {"format": "pt"}) padded with spaces to a
    multiple of 8, then the raw little-endian data in header order."""
    header, blobs, offset = {}, [], 0
    for name in sorted(tensors):
        array = np.ascontiguousarray(tensors[name], dtype="<f4")
        data = array.tobytes()
        header[name] = {"dtype": "F32", "shape": list(array.shape), "data_offsets": [offset, offset + len(data)]}
        blobs.append(data)
        offset += len(data)
    header["__metadata__"] = {"format": "pt"}
    text = json.dumps(header, separators=(",", ":"), sort_keys=True).encode("utf-8")
    text += b" " * (-len(text) % 8)
    Path(path).write_bytes(struct.pack("<Q", len(text)) + text + b"".join(blobs))


def load_weights(path):
    return {name: torch.tensor(array) for name, array in read_safetensors(path).items()}


class Init:
    """Seeded random weights, scaled so activations stay O(1): Linear weights N(0, gain^2 / fan_in)."""

    def __init__(self, seed):
        self.rng = np.random.default_rng(seed)

    def normal(self, shape, std):
        return (self.rng.standard_normal(shape) * std).astype(np.float32)

    def linear(self, out_features, in_features, gain=1.0):
        return self.normal((out_features, in_features), gain / math.sqrt(in_features))

    def bias(self, n, std=0.1):
        return self.normal((n,), std)

    def norm_weight(self, n, centre=1.0):
        return (centre + self.normal((n,), 0.1)).astype(np.float32)

    def norm_bias(self, n):
        return self.normal((n,), 0.1)

    def mlp_in(self, inner, d, gain=2.0):
        """First half of the units ordinary; second half held near -2.7, where the tanh and erf GELUs differ
        most (by 4.7e-4 on outputs of about -0.01), so that the exact GELU variant shows in the scores."""
        half = inner // 2
        weight = np.concatenate((self.linear(half, d, gain), self.linear(inner - half, d, 0.6)), axis=0)
        bias = np.concatenate((self.bias(half), (-2.7 + self.normal((inner - half,), 0.2)).astype(np.float32)))
        return weight, bias

    def mlp_out(self, d, inner, gain=1.0, tail_gain=12.0):
        weight = self.linear(d, inner, gain)
        weight[:, inner // 2:] *= tail_gain
        return weight


# ---------------------------------------------------------------------------------------------------------
# Shared pieces (float64)

def layer_norm(x, w, b, eps):
    return F.layer_norm(x, (x.shape[-1],), w, b, eps)


def linear(x, w, name, bias=True):
    y = x @ w[name + ".weight"].T
    return y + w[name + ".bias"] if bias else y


def gelu_tanh(x):
    """transformers' gelu_new (NewGELUActivation) and gelu_pytorch_tanh: the same tanh formula."""
    return 0.5 * x * (1.0 + torch.tanh(math.sqrt(2.0 / math.pi) * (x + 0.044715 * x.pow(3))))


def bloom_gelu(x):
    """modeling_bloom.bloom_gelu_forward, with its literal constant 0.79788456."""
    return x * 0.5 * (1.0 + torch.tanh(0.79788456 * x * (1 + 0.044715 * x * x)))


def gelu_erf(x):
    return 0.5 * x * (1.0 + torch.erf(x / math.sqrt(2.0)))


def causal_attention(q, k, v, scale, bias=None, window=None):
    """q [H, n, D], k/v [H or 1, n, D]; bias [H, 1 or n, n] added to the scaled scores; window w keeps key j
    for query i when i - w < j <= i (GPT-Neo's local layers)."""
    n = q.shape[-2]
    scores = (q @ k.transpose(-1, -2)) * scale
    if bias is not None:
        scores = scores + bias
    i = torch.arange(n).view(n, 1)
    j = torch.arange(n).view(1, n)
    allowed = j <= i
    if window is not None:
        allowed = allowed & (i - j < window)
    scores = scores.masked_fill(~allowed, float("-inf"))
    return torch.softmax(scores, dim=-1) @ v


def heads(x, n_heads):
    """[n, H*D] -> [H, n, D]"""
    n = x.shape[0]
    return x.view(n, n_heads, -1).transpose(0, 1)


def merge(x):
    """[H, n, D] -> [n, H*D]"""
    return x.transpose(0, 1).reshape(x.shape[1], -1)


def rotary_interleaved(x, rotary_dim, positions, mode="interleaved"):
    """GPT-J / CodeGen rotary on the first rotary_dim channels of x [H, n, D].

    modeling_gptj.create_sinusoidal_positions: inv_freq = 1 / 10000^(arange(0, rotary_dim, 2) / rotary_dim),
    sin/cos of position * inv_freq; apply_rotary_pos_emb repeats each sin/cos twice (repeat_interleave) and
    rotate_every_two maps (x0, x1, x2, x3, ...) to (-x1, x0, -x3, x2, ...): channel pairs (2i, 2i+1) rotate
    by position * inv_freq[i]. mode="half" is the NeoX/Llama rotate_half layout (an ablation)."""
    inv_freq = 1.0 / (10000.0 ** (torch.arange(0, rotary_dim, 2, dtype=torch.float64) / rotary_dim))
    angles = positions.to(torch.float64).view(-1, 1) * inv_freq.view(1, -1)  # [n, rotary_dim/2]
    rot, rest = x[..., :rotary_dim], x[..., rotary_dim:]
    if mode == "interleaved":
        sin = torch.repeat_interleave(angles.sin(), 2, dim=-1)
        cos = torch.repeat_interleave(angles.cos(), 2, dim=-1)
        rotated = torch.stack((-rot[..., 1::2], rot[..., ::2]), dim=-1).flatten(-2)
    else:
        sin = torch.cat((angles.sin(), angles.sin()), dim=-1)
        cos = torch.cat((angles.cos(), angles.cos()), dim=-1)
        half = rotary_dim // 2
        rotated = torch.cat((-rot[..., half:], rot[..., :half]), dim=-1)
    return torch.cat((rot * cos + rotated * sin, rest), dim=-1)


def alibi_slopes_bloom(n_heads):
    """modeling_bloom.build_alibi_tensor: closest power of two p <= n; slopes (2^(-8/p))^k, k = 1..p; when
    n != p, the extra min(p, n - p) heads take (2^(-4/p))^k for k = 1, 3, 5, ... (odd powers)."""
    p = 2 ** math.floor(math.log2(n_heads))
    base = 2.0 ** (-(2.0 ** -(math.log2(p) - 3)))
    slopes = [base ** k for k in range(1, p + 1)]
    if p != n_heads:
        extra_base = 2.0 ** (-(2.0 ** -(math.log2(2 * p) - 3)))
        remaining = min(p, n_heads - p)
        slopes += [extra_base ** k for k in range(1, 2 * remaining, 2)]
    return torch.tensor(slopes, dtype=torch.float64)


def alibi_slopes_mpt(n_heads, alibi_bias_max=8):
    """modeling_mpt.build_mpt_alibi_tensor: P = next power of two >= n; m = (1..P) * alibi_bias_max / P;
    slopes 1 / 2^m; when n != P, concat(slopes[1::2], slopes[::2])[:n]."""
    p = 2 ** math.ceil(math.log2(n_heads))
    m = torch.arange(1, p + 1, dtype=torch.float64) * (alibi_bias_max / p)
    slopes = 1.0 / torch.pow(2.0, m)
    if p != n_heads:
        slopes = torch.cat((slopes[1::2], slopes[::2]))[:n_heads]
    return slopes


def alibi_bias(slopes, n):
    """[H, 1, n]: slope_h * key position j. Both BLOOM (slope * j) and MPT (slope * (j - (L - 1)), L its
    max_seq_len) add this up to a per-row constant, which softmax ignores."""
    return slopes.view(-1, 1, 1) * torch.arange(n, dtype=torch.float64).view(1, 1, n)


# ---------------------------------------------------------------------------------------------------------
# GPT-J and CodeGen

def gptj_logits(config, w, ids, ab=frozenset()):
    """modeling_gptj.py: GPTJModel.forward, GPTJBlock.forward (attn and mlp both read ln_1's output and are
    added to the residual together), GPTJAttention (q/k/v/out_proj without bias, partial interleaved rotary via
    create_sinusoidal_positions / rotate_every_two / apply_rotary_pos_emb, scores / sqrt(head_dim)), GPTJMLP
    (fc_in, gelu_new, fc_out), GPTJForCausalLM (lm_head with bias, not tied)."""
    return _gptj_like(config, w, ids, ab, codegen=False)


def codegen_logits(config, w, ids, ab=frozenset()):
    """modeling_codegen.py: as GPT-J except CodeGenAttention.forward's fused qkv_proj: the 3E outputs are
    reshaped to (mp_num = 4, 3E/4); within each of the 4 groups the order is query, value, key (local_dim =
    E/4 each, torch.split(..., local_dim)); _split_heads then reshapes (4, H/4, D) -> (H, D), so head h sits in
    group h // (H/4). Attention scores add the mask and then divide by sqrt(head_dim) (same result)."""
    return _gptj_like(config, w, ids, ab, codegen=True)


def _gptj_like(config, w, ids, ab, codegen):
    n_heads, d = config["n_head"], config["n_embd"]
    hd = d // n_heads
    rotary_dim = d // n_heads if "rotary_full" in ab else config["rotary_dim"]
    mode = "half" if "rotate_half" in ab else "interleaved"
    eps = config["layer_norm_epsilon"]
    n = len(ids)
    positions = torch.arange(n)
    x = w["transformer.wte.weight"][ids]
    for layer in range(config["n_layer"]):
        p = f"transformer.h.{layer}."
        h = layer_norm(x, w[p + "ln_1.weight"], w[p + "ln_1.bias"], eps)
        if codegen:
            qkv = linear(h, w, p + "attn.qkv_proj", bias=False)  # [n, 3E]
            mp_num, local = 4, d // 4
            groups = qkv.view(n, mp_num, 3 * local)
            order = (0, 1, 2) if "qkv_order" in ab else (0, 2, 1)  # q, v, k in transformers
            if "gptj_split" in ab:  # read the fused weight as three contiguous [q | k | v] blocks
                q, k, v = qkv[:, :d], qkv[:, d:2 * d], qkv[:, 2 * d:]
            else:
                q, k, v = (groups[..., i * local:(i + 1) * local].reshape(n, d) for i in order)
        else:
            q = linear(h, w, p + "attn.q_proj", bias=False)
            k = linear(h, w, p + "attn.k_proj", bias=False)
            v = linear(h, w, p + "attn.v_proj", bias=False)
        q, k, v = heads(q, n_heads), heads(k, n_heads), heads(v, n_heads)
        q = rotary_interleaved(q, rotary_dim, positions, mode)
        k = rotary_interleaved(k, rotary_dim, positions, mode)
        attn = linear(merge(causal_attention(q, k, v, 1.0 / math.sqrt(hd))), w, p + "attn.out_proj", bias=False)
        mlp_in = layer_norm(x + attn, w[p + "ln_1.weight"], w[p + "ln_1.bias"], eps) if "sequential" in ab else h
        act = gelu_erf if "gelu_erf" in ab else gelu_tanh
        mlp = linear(act(linear(mlp_in, w, p + "mlp.fc_in")), w, p + "mlp.fc_out")
        x = x + attn + mlp
    x = layer_norm(x, w["transformer.ln_f.weight"], w["transformer.ln_f.bias"], eps)
    return linear(x, w, "lm_head")


def make_gptj(init):
    d, n_layers, vocab, inner = 32, 2, 260, 128
    config = {
        "activation_function": "gelu_new",
        "architectures": ["GPTJForCausalLM"],
        "attn_pdrop": 0.0,
        "bos_token_id": BOS,
        "embd_pdrop": 0.0,
        "eos_token_id": BOS,
        "gradient_checkpointing": False,
        "initializer_range": 0.02,
        "layer_norm_epsilon": 1e-05,
        "model_type": "gptj",
        "n_embd": d,
        "n_head": 4,
        "n_inner": None,
        "n_layer": n_layers,
        "n_positions": 512,
        "resid_pdrop": 0.0,
        "rotary": True,
        "rotary_dim": 4,
        "scale_attn_weights": True,
        "tie_word_embeddings": False,
        "torch_dtype": "float32",
        "use_cache": True,
        "vocab_size": vocab,
    }
    t = {"transformer.wte.weight": init.normal((vocab, d), 1.0)}
    for layer in range(n_layers):
        p = f"transformer.h.{layer}."
        t[p + "ln_1.weight"] = init.norm_weight(d)
        t[p + "ln_1.bias"] = init.norm_bias(d)
        for name in ("q_proj", "k_proj"):
            t[p + f"attn.{name}.weight"] = init.linear(d, d, 2.0)
        t[p + "attn.v_proj.weight"] = init.linear(d, d)
        t[p + "attn.out_proj.weight"] = init.linear(d, d)
        t[p + "mlp.fc_in.weight"], t[p + "mlp.fc_in.bias"] = init.mlp_in(inner, d)
        t[p + "mlp.fc_out.weight"] = init.mlp_out(d, inner)
        t[p + "mlp.fc_out.bias"] = init.bias(d)
    t["transformer.ln_f.weight"] = init.norm_weight(d)
    t["transformer.ln_f.bias"] = init.norm_bias(d)
    t["lm_head.weight"] = init.linear(vocab, d, 2.0)
    t["lm_head.bias"] = init.bias(vocab, 0.5)
    return config, t


def make_codegen(init):
    d, n_layers, vocab, inner = 48, 2, 257, 64
    config = {
        "activation_function": "gelu_new",
        "architectures": ["CodeGenForCausalLM"],
        "attn_pdrop": 0.0,
        "bos_token_id": BOS,
        "embd_pdrop": 0.0,
        "eos_token_id": BOS,
        "gradient_checkpointing": False,
        "initializer_range": 0.02,
        "layer_norm_epsilon": 1e-05,
        "model_type": "codegen",
        "n_ctx": 512,
        "n_embd": d,
        "n_head": 8,
        "n_inner": inner,
        "n_layer": n_layers,
        "n_positions": 512,
        "resid_pdrop": 0.0,
        "rotary_dim": 4,
        "scale_attn_weights": True,
        "tie_word_embeddings": False,
        "tokenizer_class": "GPT2Tokenizer",
        "torch_dtype": "float32",
        "use_cache": True,
        "vocab_size": vocab,
    }
    t = {"transformer.wte.weight": init.normal((vocab, d), 1.0)}
    for layer in range(n_layers):
        p = f"transformer.h.{layer}."
        t[p + "ln_1.weight"] = init.norm_weight(d)
        t[p + "ln_1.bias"] = init.norm_bias(d)
        t[p + "attn.qkv_proj.weight"] = init.linear(3 * d, d, 3.0)
        t[p + "attn.out_proj.weight"] = init.linear(d, d)
        t[p + "mlp.fc_in.weight"], t[p + "mlp.fc_in.bias"] = init.mlp_in(inner, d)
        t[p + "mlp.fc_out.weight"] = init.mlp_out(d, inner)
        t[p + "mlp.fc_out.bias"] = init.bias(d)
    t["transformer.ln_f.weight"] = init.norm_weight(d)
    t["transformer.ln_f.bias"] = init.norm_bias(d)
    t["lm_head.weight"] = init.linear(vocab, d, 2.0)
    t["lm_head.bias"] = init.bias(vocab, 0.5)
    return config, t


# ---------------------------------------------------------------------------------------------------------
# GPT-Neo

def gpt_neo_logits(config, w, ids, ab=frozenset()):
    """modeling_gpt_neo.py: GPTNeoModel.forward (wte + wpe at positions 0..n-1), GPTNeoBlock (pre-LN, ln_1 ->
    attn -> residual, ln_2 -> mlp -> residual), GPTNeoSelfAttention (q/k/v_proj without bias, out_proj with
    bias, scores q.k^T with NO 1/sqrt(head_dim) scaling, causal mask; a "local" layer's bias buffer is
    tril(ones) ^ tril(ones, -window_size): query i sees keys i - window_size < j <= i), layer i's type is
    config.attention_layers[i] (GPTNeoConfig.expand_attention_types_params of attention_types), GPTNeoMLP
    (c_fc, gelu_new, c_proj, with biases), ln_f, GPTNeoForCausalLM (lm_head tied to wte, no bias)."""
    n_heads, d = config["num_heads"], config["hidden_size"]
    hd = d // n_heads
    eps = config["layer_norm_epsilon"]
    types = list(config["attention_layers"])
    if "all_global" in ab:
        types = ["global"] * len(types)
    if "all_local" in ab:
        types = ["local"] * len(types)
    if "swap_types" in ab:
        types = [{"global": "local", "local": "global"}[kind] for kind in types]
    window = config["window_size"] + (1 if "window_plus_one" in ab else 0)
    scale = 1.0 / math.sqrt(hd) if "scaled" in ab else 1.0
    n = len(ids)
    x = w["transformer.wte.weight"][ids] + w["transformer.wpe.weight"][torch.arange(n)]
    for layer in range(config["num_layers"]):
        p = f"transformer.h.{layer}."
        h = layer_norm(x, w[p + "ln_1.weight"], w[p + "ln_1.bias"], eps)
        q = heads(linear(h, w, p + "attn.attention.q_proj", bias=False), n_heads)
        k = heads(linear(h, w, p + "attn.attention.k_proj", bias=False), n_heads)
        v = heads(linear(h, w, p + "attn.attention.v_proj", bias=False), n_heads)
        local = window if types[layer] == "local" else None
        x = x + linear(merge(causal_attention(q, k, v, scale, window=local)), w, p + "attn.attention.out_proj")
        h = layer_norm(x, w[p + "ln_2.weight"], w[p + "ln_2.bias"], eps)
        x = x + linear(gelu_tanh(linear(h, w, p + "mlp.c_fc")), w, p + "mlp.c_proj")
    x = layer_norm(x, w["transformer.ln_f.weight"], w["transformer.ln_f.bias"], eps)
    return x @ w["transformer.wte.weight"].T


def make_gpt_neo(init):
    d, n_layers, vocab, inner, positions = 32, 2, 257, 128, 512
    attention_types = [[["global", "local"], 1]]
    layers = [kind for kinds, repeat in attention_types for _ in range(repeat) for kind in kinds]
    config = {
        "activation_function": "gelu_new",
        "architectures": ["GPTNeoForCausalLM"],
        "attention_dropout": 0.0,
        "attention_layers": layers,
        "attention_types": attention_types,
        "bos_token_id": BOS,
        "embed_dropout": 0.0,
        "eos_token_id": BOS,
        "gradient_checkpointing": False,
        "hidden_size": d,
        "initializer_range": 0.02,
        "intermediate_size": None,
        "layer_norm_epsilon": 1e-05,
        "max_position_embeddings": positions,
        "model_type": "gpt_neo",
        "num_heads": 4,
        "num_layers": n_layers,
        "resid_dropout": 0.0,
        "summary_activation": None,
        "summary_first_dropout": 0.1,
        "summary_proj_to_labels": True,
        "summary_type": "cls_index",
        "summary_use_proj": True,
        "torch_dtype": "float32",
        "use_cache": True,
        "vocab_size": vocab,
        "window_size": 16,
    }
    t = {"transformer.wte.weight": init.normal((vocab, d), 0.5),
         "transformer.wpe.weight": init.normal((positions, d), 0.5)}
    for layer in range(n_layers):
        p = f"transformer.h.{layer}."
        t[p + "ln_1.weight"] = init.norm_weight(d)
        t[p + "ln_1.bias"] = init.norm_bias(d)
        # unscaled scores: q.k over head_dim 8 without / sqrt(8), so q and k are kept smaller
        t[p + "attn.attention.q_proj.weight"] = init.linear(d, d, 0.9)
        t[p + "attn.attention.k_proj.weight"] = init.linear(d, d, 0.9)
        t[p + "attn.attention.v_proj.weight"] = init.linear(d, d)
        t[p + "attn.attention.out_proj.weight"] = init.linear(d, d)
        t[p + "attn.attention.out_proj.bias"] = init.bias(d)
        t[p + "ln_2.weight"] = init.norm_weight(d)
        t[p + "ln_2.bias"] = init.norm_bias(d)
        t[p + "mlp.c_fc.weight"], t[p + "mlp.c_fc.bias"] = init.mlp_in(inner, d)
        t[p + "mlp.c_proj.weight"] = init.mlp_out(d, inner)
        t[p + "mlp.c_proj.bias"] = init.bias(d)
    t["transformer.ln_f.weight"] = init.norm_weight(d)
    t["transformer.ln_f.bias"] = init.norm_bias(d)
    return config, t


# ---------------------------------------------------------------------------------------------------------
# GPTBigCode

def gpt_bigcode_logits(config, w, ids, ab=frozenset()):
    """modeling_gpt_bigcode.py: GPTBigCodeModel.forward (wte + wpe at positions 0..n-1), GPTBigCodeBlock (pre-LN
    GPT-2 block), GPTBigCodeAttention with multi_query: c_attn is an nn.Linear (weight [out, in], NOT GPT-2's
    Conv1D [in, out]) of width E + 2 * head_dim; split (E, 2 * head_dim) into query and key_value, key_value
    split (head_dim, head_dim) into key then value, one key/value head shared by all query heads; scores scaled
    by 1 / sqrt(head_dim) (scale_attn_weights); c_proj; GPTBigCodeMLP (c_fc, gelu_pytorch_tanh, c_proj, biases);
    ln_f; GPTBigCodeForCausalLM (lm_head tied to wte, no bias)."""
    n_heads, d = config["n_head"], config["n_embd"]
    hd = d // n_heads
    eps = config["layer_norm_epsilon"]
    n = len(ids)
    x = w["transformer.wte.weight"][ids] + w["transformer.wpe.weight"][torch.arange(n)]
    for layer in range(config["n_layer"]):
        p = f"transformer.h.{layer}."
        h = layer_norm(x, w[p + "ln_1.weight"], w[p + "ln_1.bias"], eps)
        fused = linear(h, w, p + "attn.c_attn")
        q, k, v = fused[:, :d], fused[:, d:d + hd], fused[:, d + hd:]
        if "swap_kv" in ab:
            k, v = v, k
        q = heads(q, n_heads)
        k, v = k.unsqueeze(0), v.unsqueeze(0)
        scale = 1.0 if "unscaled" in ab else 1.0 / math.sqrt(hd)
        x = x + linear(merge(causal_attention(q, k, v, scale)), w, p + "attn.c_proj")
        h = layer_norm(x, w[p + "ln_2.weight"], w[p + "ln_2.bias"], eps)
        act = gelu_erf if "gelu_erf" in ab else gelu_tanh
        x = x + linear(act(linear(h, w, p + "mlp.c_fc")), w, p + "mlp.c_proj")
    x = layer_norm(x, w["transformer.ln_f.weight"], w["transformer.ln_f.bias"], eps)
    return x @ w["transformer.wte.weight"].T


def make_gpt_bigcode(init):
    d, n_heads, n_layers, vocab, inner, positions = 32, 4, 2, 257, 128, 512
    hd = d // n_heads
    config = {
        "activation_function": "gelu_pytorch_tanh",
        "architectures": ["GPTBigCodeForCausalLM"],
        "attention_softmax_in_fp32": True,
        "attn_pdrop": 0.0,
        "bos_token_id": BOS,
        "embd_pdrop": 0.0,
        "eos_token_id": BOS,
        "initializer_range": 0.02,
        "layer_norm_epsilon": 1e-05,
        "model_type": "gpt_bigcode",
        "multi_query": True,
        "n_embd": d,
        "n_head": n_heads,
        "n_inner": inner,
        "n_layer": n_layers,
        "n_positions": positions,
        "resid_pdrop": 0.0,
        "scale_attention_softmax_in_fp32": True,
        "scale_attn_weights": True,
        "summary_activation": None,
        "summary_first_dropout": 0.1,
        "summary_proj_to_labels": True,
        "summary_type": "cls_index",
        "summary_use_proj": True,
        "torch_dtype": "float32",
        "use_cache": True,
        "vocab_size": vocab,
    }
    t = {"transformer.wte.weight": init.normal((vocab, d), 0.5),
         "transformer.wpe.weight": init.normal((positions, d), 0.5)}
    for layer in range(n_layers):
        p = f"transformer.h.{layer}."
        t[p + "ln_1.weight"] = init.norm_weight(d)
        t[p + "ln_1.bias"] = init.norm_bias(d)
        qk = init.linear(d + hd, d, 2.0)
        value = init.linear(hd, d, 1.5)
        t[p + "attn.c_attn.weight"] = np.concatenate((qk, value), axis=0)
        t[p + "attn.c_attn.bias"] = init.bias(d + 2 * hd)
        t[p + "attn.c_proj.weight"] = init.linear(d, d)
        t[p + "attn.c_proj.bias"] = init.bias(d)
        t[p + "ln_2.weight"] = init.norm_weight(d)
        t[p + "ln_2.bias"] = init.norm_bias(d)
        t[p + "mlp.c_fc.weight"], t[p + "mlp.c_fc.bias"] = init.mlp_in(inner, d)
        t[p + "mlp.c_proj.weight"] = init.mlp_out(d, inner)
        t[p + "mlp.c_proj.bias"] = init.bias(d)
    t["transformer.ln_f.weight"] = init.norm_weight(d)
    t["transformer.ln_f.bias"] = init.norm_bias(d)
    return config, t


# ---------------------------------------------------------------------------------------------------------
# OPT

def opt_logits(config, w, ids, ab=frozenset()):
    """modeling_opt.py: OPTDecoder.forward (embed_tokens [vocab, word_embed_proj_dim]; project_in when
    word_embed_proj_dim != hidden_size; plus OPTLearnedPositionalEmbedding, whose table has
    max_position_embeddings + 2 rows and is read at position + offset 2; layers; final_layer_norm only when
    do_layer_norm_before and not _remove_final_layer_norm; project_out), OPTDecoderLayer (do_layer_norm_before:
    pre-LN, else post-LN: self_attn_layer_norm after the attention residual, final_layer_norm after the MLP
    residual), OPTAttention (q_proj(x) * head_dim^-0.5, biases per enable_bias), fc1 / ReLU / fc2, nn.LayerNorm
    with its default eps 1e-5 (OPTConfig has no epsilon), OPTForCausalLM (lm_head [vocab,
    word_embed_proj_dim] tied to embed_tokens)."""
    prefix = config["_fixture_prefix"]
    n_heads, d = config["num_attention_heads"], config["hidden_size"]
    hd = d // n_heads
    eps = 1e-5
    pre = config["do_layer_norm_before"] != ("flip_norm" in ab)
    offset = 0 if "offset0" in ab else 2
    act = F.gelu if "gelu" in ab else torch.relu
    n = len(ids)
    ln = lambda x, name: layer_norm(x, w[name + ".weight"], w[name + ".bias"], eps)
    x = w[prefix + "embed_tokens.weight"][ids]
    if prefix + "project_in.weight" in w:
        x = linear(x, w, prefix + "project_in", bias=False)
    x = x + w[prefix + "embed_positions.weight"][torch.arange(n) + offset]
    for layer in range(config["num_hidden_layers"]):
        p = f"{prefix}layers.{layer}."
        residual = x
        h = ln(x, p + "self_attn_layer_norm") if pre else x
        q = heads(linear(h, w, p + "self_attn.q_proj") * hd ** -0.5, n_heads)
        k = heads(linear(h, w, p + "self_attn.k_proj"), n_heads)
        v = heads(linear(h, w, p + "self_attn.v_proj"), n_heads)
        x = residual + linear(merge(causal_attention(q, k, v, 1.0)), w, p + "self_attn.out_proj")
        if not pre:
            x = ln(x, p + "self_attn_layer_norm")
        residual = x
        h = ln(x, p + "final_layer_norm") if pre else x
        x = residual + linear(act(linear(h, w, p + "fc1")), w, p + "fc2")
        if not pre:
            x = ln(x, p + "final_layer_norm")
    if prefix + "final_layer_norm.weight" in w and "no_final_norm" not in ab:
        x = ln(x, prefix + "final_layer_norm")
    if prefix + "project_out.weight" in w:
        x = linear(x, w, prefix + "project_out", bias=False)
    return x @ w[prefix + "embed_tokens.weight"].T


def make_opt(init, style):
    """style "125m": pre-LN, word_embed_proj_dim == hidden_size, model.decoder.final_layer_norm saved.
    style "350m": post-LN (do_layer_norm_before false), word_embed_proj_dim < hidden_size with project_in /
    project_out, no decoder-level final_layer_norm (OPTDecoder builds none when do_layer_norm_before is
    false), and the names without the "model." prefix: facebook/opt-350m's checkpoint was saved from OPTModel
    ("decoder.embed_tokens.weight", ...; transformers adds the base_model_prefix "model" when loading)."""
    d, n_layers, vocab, ffn, positions = 32, 2, 260, 128, 512
    proj = d if style == "125m" else 16
    config = {
        "_remove_final_layer_norm": False,
        "activation_dropout": 0.0,
        "activation_function": "relu",
        "architectures": ["OPTForCausalLM"],
        "attention_dropout": 0.0,
        "bos_token_id": BOS,
        "do_layer_norm_before": style == "125m",
        "dropout": 0.1,
        "enable_bias": True,
        "eos_token_id": BOS,
        "ffn_dim": ffn,
        "hidden_size": d,
        "init_std": 0.02,
        "layer_norm_elementwise_affine": True,
        "layerdrop": 0.0,
        "max_position_embeddings": positions,
        "model_type": "opt",
        "num_attention_heads": 4,
        "num_hidden_layers": n_layers,
        "pad_token_id": 1,
        "torch_dtype": "float32",
        "use_cache": True,
        "vocab_size": vocab,
        "word_embed_proj_dim": proj,
    }
    prefix = "model.decoder." if style == "125m" else "decoder."
    t = {prefix + "embed_tokens.weight": init.normal((vocab, proj), 0.5 if style == "125m" else 0.7),
         prefix + "embed_positions.weight": init.normal((positions + 2, d), 0.5)}
    if proj != d:
        t[prefix + "project_in.weight"] = init.linear(d, proj, 1.0)
        t[prefix + "project_out.weight"] = init.linear(proj, d, 1.0)
    for layer in range(n_layers):
        p = f"{prefix}layers.{layer}."
        for name, gain in (("q_proj", 2.0), ("k_proj", 2.0), ("v_proj", 1.0), ("out_proj", 1.0)):
            t[p + f"self_attn.{name}.weight"] = init.linear(d, d, gain)
            t[p + f"self_attn.{name}.bias"] = init.bias(d)
        t[p + "self_attn_layer_norm.weight"] = init.norm_weight(d)
        t[p + "self_attn_layer_norm.bias"] = init.norm_bias(d)
        t[p + "fc1.weight"] = init.linear(ffn, d, 2.0)
        t[p + "fc1.bias"] = init.bias(ffn)
        t[p + "fc2.weight"] = init.linear(d, ffn, 1.5)
        t[p + "fc2.bias"] = init.bias(d)
        t[p + "final_layer_norm.weight"] = init.norm_weight(d)
        t[p + "final_layer_norm.bias"] = init.norm_bias(d)
    if style == "125m":
        t[prefix + "final_layer_norm.weight"] = init.norm_weight(d)
        t[prefix + "final_layer_norm.bias"] = init.norm_bias(d)
    return config, t


# ---------------------------------------------------------------------------------------------------------
# XGLM

def xglm_sinusoids(num_embeddings, dim, padding_idx):
    """XGLMSinusoidalPositionalEmbedding.get_embedding: half = dim / 2, freq_i = exp(-i * ln(10000) / (half - 1)),
    row p = [sin(p * freq) | cos(p * freq)] (concatenated halves, not interleaved), row padding_idx zeroed."""
    half = dim // 2
    freq = torch.exp(torch.arange(half, dtype=torch.float64) * -(math.log(10000.0) / (half - 1)))
    angles = torch.arange(num_embeddings, dtype=torch.float64).view(-1, 1) * freq.view(1, -1)
    table = torch.cat((angles.sin(), angles.cos()), dim=1)
    if dim % 2 == 1:
        table = torch.cat((table, torch.zeros(num_embeddings, 1, dtype=torch.float64)), dim=1)
    if padding_idx is not None:
        table[padding_idx] = 0
    return table


def xglm_logits(config, w, ids, ab=frozenset()):
    """modeling_xglm.py: XGLMModel.forward (XGLMScaledWordEmbedding: embed_tokens * sqrt(d_model) when
    scale_embedding; plus the non-persistent sinusoidal table, XGLMSinusoidalPositionalEmbedding, read at
    position + offset 2; layers; model.layer_norm), XGLMDecoderLayer (pre-LN: self_attn_layer_norm -> attn ->
    residual, final_layer_norm -> fc1 -> gelu (erf) -> fc2 -> residual), XGLMAttention (q_proj * head_dim^-0.5,
    all biases), nn.LayerNorm default eps 1e-5, XGLMForCausalLM (lm_head tied to the unscaled embed_tokens)."""
    n_heads, d = config["attention_heads"], config["d_model"]
    hd = d // n_heads
    eps = 1e-5
    n = len(ids)
    scale = math.sqrt(d) if config["scale_embedding"] and "no_embed_scale" not in ab else 1.0
    offset = 0 if "offset0" in ab else 2
    table = xglm_sinusoids(config["max_position_embeddings"] + 2, d, config["pad_token_id"])
    if "interleaved_sinusoids" in ab:
        table = torch.stack((table[:, :d // 2], table[:, d // 2:]), dim=-1).flatten(-2)
    ln = lambda x, name: layer_norm(x, w[name + ".weight"], w[name + ".bias"], eps)
    act = gelu_tanh if "gelu_tanh" in ab else gelu_erf
    x = w["model.embed_tokens.weight"][ids] * scale + table[torch.arange(n) + offset]
    for layer in range(config["num_layers"]):
        p = f"model.layers.{layer}."
        h = ln(x, p + "self_attn_layer_norm")
        q = heads(linear(h, w, p + "self_attn.q_proj") * hd ** -0.5, n_heads)
        k = heads(linear(h, w, p + "self_attn.k_proj"), n_heads)
        v = heads(linear(h, w, p + "self_attn.v_proj"), n_heads)
        x = x + linear(merge(causal_attention(q, k, v, 1.0)), w, p + "self_attn.out_proj")
        h = ln(x, p + "final_layer_norm")
        x = x + linear(act(linear(h, w, p + "fc1")), w, p + "fc2")
    x = ln(x, "model.layer_norm")
    head = w["model.embed_tokens.weight"] * (scale if "scaled_head" in ab else 1.0)
    return x @ head.T


def make_xglm(init):
    d, n_layers, vocab, ffn = 32, 2, 260, 128
    config = {
        "activation_dropout": 0.0,
        "activation_function": "gelu",
        "architectures": ["XGLMForCausalLM"],
        "attention_dropout": 0.1,
        "attention_heads": 4,
        "bos_token_id": BOS,
        "d_model": d,
        "decoder_start_token_id": 2,
        "dropout": 0.1,
        "eos_token_id": BOS,
        "ffn_dim": ffn,
        "init_std": 0.02,
        "layerdrop": 0.0,
        "max_position_embeddings": 512,
        "model_type": "xglm",
        "num_layers": n_layers,
        "pad_token_id": 1,
        "scale_embedding": True,
        "torch_dtype": "float32",
        "use_cache": True,
        "vocab_size": vocab,
    }
    # embeddings of std 0.25: times sqrt(32) they are O(1), as large as the sinusoids
    t = {"model.embed_tokens.weight": init.normal((vocab, d), 0.25)}
    for layer in range(n_layers):
        p = f"model.layers.{layer}."
        for name, gain in (("k_proj", 2.0), ("v_proj", 1.0), ("q_proj", 2.0), ("out_proj", 1.0)):
            t[p + f"self_attn.{name}.weight"] = init.linear(d, d, gain)
            t[p + f"self_attn.{name}.bias"] = init.bias(d)
        t[p + "self_attn_layer_norm.weight"] = init.norm_weight(d)
        t[p + "self_attn_layer_norm.bias"] = init.norm_bias(d)
        t[p + "fc1.weight"], t[p + "fc1.bias"] = init.mlp_in(ffn, d)
        t[p + "fc2.weight"] = init.mlp_out(d, ffn, 1.5)
        t[p + "fc2.bias"] = init.bias(d)
        t[p + "final_layer_norm.weight"] = init.norm_weight(d)
        t[p + "final_layer_norm.bias"] = init.norm_bias(d)
    t["model.layer_norm.weight"] = init.norm_weight(d, centre=2.0)
    t["model.layer_norm.bias"] = init.norm_bias(d)
    return config, t


# ---------------------------------------------------------------------------------------------------------
# BLOOM

def bloom_logits(config, w, ids, ab=frozenset()):
    """modeling_bloom.py: BloomModel.forward (word_embeddings, then word_embeddings_layernorm; ALiBi from
    build_alibi_tensor; layers; ln_f), BloomBlock (input_layernorm -> self_attention, residual = the block input
    as apply_residual_connection_post_layernorm is false; post_attention_layernorm -> mlp, residual = attention
    output), BloomAttention (query_key_value viewed as [n, heads, 3 * head_dim] and split per head into q, k, v;
    scores q.k^T / sqrt(head_dim) + alibi; dense), BloomMLP (dense_h_to_4h, bloom_gelu_forward,
    dense_4h_to_h), BloomForCausalLM (lm_head tied to word_embeddings). The per-layer 1/layer_number factors of
    older versions cancel (beta and alpha scaled down, scores scaled back up)."""
    prefix = config["_fixture_prefix"]
    n_heads = config["n_head"] if "n_head" in config else config["num_attention_heads"]
    d = config["hidden_size"] if "hidden_size" in config else config["n_embed"]
    hd = d // n_heads
    eps = config["layer_norm_epsilon"]
    n = len(ids)
    ln = lambda x, name: layer_norm(x, w[name + ".weight"], w[name + ".bias"], eps)
    slopes = alibi_slopes_bloom(n_heads)
    if "naive_slopes" in ab:  # 2^(-8k/n) for k = 1..n, right only for powers of two
        slopes = torch.tensor([2.0 ** (-8.0 * k / n_heads) for k in range(1, n_heads + 1)], dtype=torch.float64)
    if "equal_slopes" in ab:
        slopes = torch.full((n_heads,), float(slopes.mean()), dtype=torch.float64)
    bias = None if "no_alibi" in ab else alibi_bias(slopes, n)
    act = gelu_erf if "gelu_erf" in ab else bloom_gelu
    x = w[prefix + "word_embeddings.weight"][ids]
    if "no_embedding_norm" not in ab:
        x = ln(x, prefix + "word_embeddings_layernorm")
    for layer in range(config["n_layer"]):
        p = f"{prefix}h.{layer}."
        h = ln(x, p + "input_layernorm")
        fused = linear(h, w, p + "self_attention.query_key_value")
        if "blocked_qkv" in ab:  # read the fused weight as [q | k | v] blocks (NeoX/GPT-2 style): wrong for BLOOM
            q, k, v = (heads(fused[:, i * d:(i + 1) * d], n_heads) for i in range(3))
        else:
            per_head = fused.view(n, n_heads, 3 * hd).transpose(0, 1)
            q, k, v = per_head[..., :hd], per_head[..., hd:2 * hd], per_head[..., 2 * hd:]
        x = x + linear(merge(causal_attention(q, k, v, 1.0 / math.sqrt(hd), bias)), w, p + "self_attention.dense")
        h = ln(x, p + "post_attention_layernorm")
        x = x + linear(act(linear(h, w, p + "mlp.dense_h_to_4h")), w, p + "mlp.dense_4h_to_h")
    x = ln(x, prefix + "ln_f")
    return x @ w[prefix + "word_embeddings.weight"].T


def make_bloom(init, n_heads, style):
    """style "save_pretrained": names "transformer.*" as BloomForCausalLM.save_pretrained writes them and
    "hidden_size" / "n_head" in config. style "bigscience": names without the prefix ("word_embeddings.weight",
    "h.0....") as the bigscience/bloom-* checkpoints hold them (saved from BloomModel), and config keys as
    bigscience/bloom's config.json spells them: "n_embed" (BloomConfig pops it into hidden_size) and
    "num_attention_heads" (BloomConfig.attribute_map sends it to n_head)."""
    hd = 8 if n_heads == 4 else 6
    d, n_layers, vocab = n_heads * hd, 2, 260
    config = {
        "apply_residual_connection_post_layernorm": False,
        "architectures": ["BloomForCausalLM"],
        "attention_dropout": 0.0,
        "attention_softmax_in_fp32": True,
        "bias_dropout_fusion": True,
        "bos_token_id": BOS,
        "eos_token_id": BOS,
        "hidden_dropout": 0.0,
        "hidden_size": d,
        "initializer_range": 0.02,
        "layer_norm_epsilon": 1e-05,
        "masked_softmax_fusion": True,
        "model_type": "bloom",
        "n_head": n_heads,
        "n_inner": None,
        "n_layer": n_layers,
        "offset_alibi": 100,
        "pad_token_id": 3,
        "pretraining_tp": 1,
        "skip_bias_add": True,
        "skip_bias_add_qkv": False,
        "slow_but_exact": False,
        "torch_dtype": "float32",
        "unk_token_id": 0,
        "use_cache": True,
        "vocab_size": vocab,
    }
    if style == "bigscience":
        renamed = {"hidden_size": "n_embed", "n_head": "num_attention_heads"}
        config = {renamed.get(key, key): value for key, value in config.items()}
    prefix = "transformer." if style == "save_pretrained" else ""
    t = {prefix + "word_embeddings.weight": init.normal((vocab, d), 0.5),
         prefix + "word_embeddings_layernorm.weight": init.norm_weight(d),
         prefix + "word_embeddings_layernorm.bias": init.norm_bias(d)}
    for layer in range(n_layers):
        p = f"{prefix}h.{layer}."
        t[p + "input_layernorm.weight"] = init.norm_weight(d)
        t[p + "input_layernorm.bias"] = init.norm_bias(d)
        t[p + "self_attention.query_key_value.weight"] = init.linear(3 * d, d, 2.0)
        t[p + "self_attention.query_key_value.bias"] = init.bias(3 * d)
        t[p + "self_attention.dense.weight"] = init.linear(d, d)
        t[p + "self_attention.dense.bias"] = init.bias(d)
        t[p + "post_attention_layernorm.weight"] = init.norm_weight(d)
        t[p + "post_attention_layernorm.bias"] = init.norm_bias(d)
        t[p + "mlp.dense_h_to_4h.weight"], t[p + "mlp.dense_h_to_4h.bias"] = init.mlp_in(4 * d, d)
        t[p + "mlp.dense_4h_to_h.weight"] = init.mlp_out(d, 4 * d)
        t[p + "mlp.dense_4h_to_h.bias"] = init.bias(d)
    t[prefix + "ln_f.weight"] = init.norm_weight(d)
    t[prefix + "ln_f.bias"] = init.norm_bias(d)
    return config, t


# ---------------------------------------------------------------------------------------------------------
# MPT

def mpt_logits(config, w, ids, ab=frozenset()):
    """modeling_mpt.py: MptModel.forward (wte, no position embedding; ALiBi from build_mpt_alibi_tensor(n_heads,
    max_seq_len) -- called WITHOUT attn_config.alibi_bias_max, so transformers always uses its default 8; blocks;
    norm_f), MptBlock (norm_1 -> attn -> residual, norm_2 -> ffn -> residual; every LayerNorm has its bias set
    to None: weight only), MptAttention (Wqkv without bias, clamped to [-clip_qkv, clip_qkv] when clip_qkv is
    set, chunked into q | k | v; scores * softmax_scale (None -> 1/sqrt(head_dim)) + alibi; out_proj without
    bias), MptMLP (up_proj to 4 * d_model, exact erf GELU, down_proj; no biases; expansion_ratio is not read),
    MptForCausalLM (lm_head tied to wte, no logit_scale)."""
    attn = config["attn_config"]
    n_heads, d = config["n_heads"], config["d_model"]
    hd = d // n_heads
    eps = config["layer_norm_epsilon"]
    n = len(ids)
    scale = attn["softmax_scale"] if attn["softmax_scale"] is not None else 1.0 / math.sqrt(hd)
    slopes = alibi_slopes_mpt(n_heads, 8)
    if "equal_slopes" in ab:
        slopes = torch.full((n_heads,), float(slopes.mean()), dtype=torch.float64)
    bias = None if "no_alibi" in ab else alibi_bias(slopes, n)
    clip = None if "no_clip" in ab else attn["clip_qkv"]
    act = gelu_tanh if "gelu_tanh" in ab else gelu_erf
    x = w["transformer.wte.weight"][ids]
    for layer in range(config["n_layers"]):
        p = f"transformer.blocks.{layer}."
        h = layer_norm(x, w[p + "norm_1.weight"], None, eps)
        qkv = linear(h, w, p + "attn.Wqkv", bias=False)
        if clip:
            qkv = qkv.clamp(min=-clip, max=clip)
        q, k, v = (heads(part, n_heads) for part in qkv.chunk(3, dim=-1))
        x = x + linear(merge(causal_attention(q, k, v, scale, bias)), w, p + "attn.out_proj", bias=False)
        h = layer_norm(x, w[p + "norm_2.weight"], None, eps)
        x = x + linear(act(linear(h, w, p + "ffn.up_proj", bias=False)), w, p + "ffn.down_proj", bias=False)
    x = layer_norm(x, w["transformer.norm_f.weight"], None, eps)
    return x @ w["transformer.wte.weight"].T


def make_mpt(init):
    d, n_heads, n_layers, vocab = 32, 4, 2, 260
    config = {
        "architectures": ["MptForCausalLM"],
        "attn_config": {
            "alibi": True,
            "alibi_bias_max": 8,
            "attn_impl": "torch",
            "attn_pdrop": 0.0,
            "attn_type": "multihead_attention",
            "attn_uses_sequence_id": False,
            "clip_qkv": 1.5,
            "prefix_lm": False,
            "qk_ln": False,
            "softmax_scale": None,
        },
        "bos_token_id": BOS,
        "d_model": d,
        "emb_pdrop": 0.0,
        "embedding_fraction": 1.0,
        "eos_token_id": BOS,
        "expansion_ratio": 4,
        "init_device": "cpu",
        "initializer_range": 0.02,
        "layer_norm_epsilon": 1e-05,
        "learned_pos_emb": True,
        "logit_scale": None,
        "max_seq_len": 512,
        "model_type": "mpt",
        "n_heads": n_heads,
        "n_layers": n_layers,
        "no_bias": True,
        "norm_type": "low_precision_layernorm",
        "resid_pdrop": 0.0,
        "torch_dtype": "float32",
        "use_cache": False,
        "verbose": 0,
        "vocab_size": vocab,
    }
    # MPT has no biases to hold GELU units near -2.7 (see Init.mlp_in); instead every token embedding shares a
    # common vector c (which shifts all tied logits equally, so softmax ignores it), and half of up_proj's rows
    # point against LayerNorm(c), so those units sit near -2.7 whatever the token
    common = init.normal((d,), 1.0)
    t = {"transformer.wte.weight": (init.normal((vocab, d), 0.5) + common).astype(np.float32)}
    direction = (common - common.mean()) / common.std()
    direction = direction / np.linalg.norm(direction)
    for layer in range(n_layers):
        p = f"transformer.blocks.{layer}."
        t[p + "norm_1.weight"] = init.norm_weight(d)
        t[p + "attn.Wqkv.weight"] = init.linear(3 * d, d, 1.6)
        t[p + "attn.out_proj.weight"] = init.linear(d, d, 2.0)
        t[p + "norm_2.weight"] = init.norm_weight(d)
        up = init.linear(4 * d, d, 2.0)
        up[2 * d:] = (-2.7 / (math.sqrt(d) * 0.85)) * direction + init.linear(2 * d, d, 0.3)
        t[p + "ffn.up_proj.weight"] = up.astype(np.float32)
        t[p + "ffn.down_proj.weight"] = init.mlp_out(d, 4 * d)
    t["transformer.norm_f.weight"] = init.norm_weight(d)
    return config, t


# ---------------------------------------------------------------------------------------------------------
# Fixtures

FOLLOWS = {
    "gptj": "src/transformers/models/gptj/modeling_gptj.py (GPTJForCausalLM, GPTJModel, GPTJBlock, GPTJAttention, "
            "create_sinusoidal_positions, rotate_every_two, apply_rotary_pos_emb, GPTJMLP); configuration_gptj.py",
    "codegen": "src/transformers/models/codegen/modeling_codegen.py (CodeGenForCausalLM, CodeGenAttention.forward "
               "with mp_num = 4 and _split_heads, CodeGenBlock, CodeGenMLP); configuration_codegen.py",
    "gpt_neo": "src/transformers/models/gpt_neo/modeling_gpt_neo.py (GPTNeoForCausalLM, GPTNeoModel, GPTNeoBlock, "
               "GPTNeoSelfAttention with its local bias buffer, GPTNeoMLP); configuration_gpt_neo.py "
               "(expand_attention_types_params)",
    "gpt_bigcode": "src/transformers/models/gpt_bigcode/modeling_gpt_bigcode.py (GPTBigCodeForCausalLM, "
                   "GPTBigCodeModel, GPTBigCodeBlock, GPTBigCodeAttention multi_query, GPTBigCodeMLP); "
                   "configuration_gpt_bigcode.py",
    "opt": "src/transformers/models/opt/modeling_opt.py (OPTForCausalLM, OPTDecoder, OPTDecoderLayer, OPTAttention, "
           "OPTLearnedPositionalEmbedding); configuration_opt.py",
    "xglm": "src/transformers/models/xglm/modeling_xglm.py (XGLMForCausalLM, XGLMModel, XGLMDecoderLayer, "
            "XGLMAttention, XGLMScaledWordEmbedding, XGLMSinusoidalPositionalEmbedding); configuration_xglm.py",
    "bloom": "src/transformers/models/bloom/modeling_bloom.py (BloomForCausalLM, BloomModel, BloomBlock, "
             "BloomAttention, BloomMLP, build_alibi_tensor, bloom_gelu_forward); configuration_bloom.py",
    "mpt": "src/transformers/models/mpt/modeling_mpt.py (MptForCausalLM, MptModel, MptBlock, MptAttention, MptMLP, "
           "build_mpt_alibi_tensor); configuration_mpt.py (MptConfig, MptAttentionConfig)",
}

# fixture name -> (seed, builder, forward, note, [(ablation, description, threshold)])
STRUCTURAL, ACTIVATION, OFF_BY_ONE = ABLATION_MIN, ACTIVATION_MIN, 1e-3
FIXTURES = {
    "gptj": (2501, make_gptj, gptj_logits, "rotary_dim 4 of head_dim 8, interleaved (rotate_every_two); "
             "attention and MLP in parallel off ln_1; lm_head has a bias", [
        ("rotate_half", "rotate_half (NeoX layout) instead of rotate_every_two", STRUCTURAL),
        ("rotary_full", "rotary over the whole head_dim instead of rotary_dim", STRUCTURAL),
        ("sequential", "MLP reads ln_1(x + attn) instead of ln_1(x) (no parallel residual)", STRUCTURAL),
        ("gelu_erf", "erf GELU instead of gelu_new", ACTIVATION)]),
    "codegen": (2502, make_codegen, codegen_logits, "8 heads of head_dim 6 (2 heads per mp_num group), "
                "rotary_dim 4; fused qkv_proj in 4 groups of [q | v | k]", [
        ("gptj_split", "qkv_proj read as contiguous [q | k | v] blocks", STRUCTURAL),
        ("qkv_order", "within each mp group q, k, v instead of q, v, k", STRUCTURAL),
        ("rotate_half", "rotate_half instead of rotate_every_two", STRUCTURAL),
        ("rotary_full", "rotary over the whole head_dim", STRUCTURAL)]),
    "gpt_neo": (2503, make_gpt_neo, gpt_neo_logits, "layer 0 global, layer 1 local with window_size 16; "
                "scores not scaled by 1/sqrt(head_dim)", [
        ("scaled", "scores scaled by 1/sqrt(head_dim)", STRUCTURAL),
        ("all_global", "no local window (every layer global)", STRUCTURAL),
        ("all_local", "every layer local", STRUCTURAL),
        ("swap_types", "local on layer 0, global on layer 1", STRUCTURAL),
        ("window_plus_one", "window of window_size + 1 keys (an off-by-one check)", OFF_BY_ONE)]),
    "gpt_bigcode": (2504, make_gpt_bigcode, gpt_bigcode_logits, "multi_query: one shared key/value head; "
                    "c_attn is an nn.Linear [E + 2 * head_dim, E]", [
        ("swap_kv", "key_value split as value then key", STRUCTURAL),
        ("unscaled", "no 1/sqrt(head_dim) scaling", STRUCTURAL),
        ("gelu_erf", "erf GELU instead of gelu_pytorch_tanh", ACTIVATION)]),
    "opt": (2505, lambda init: make_opt(init, "125m"), opt_logits, "125m style: pre-LN, word_embed_proj_dim == "
            "hidden_size, positions read at position + 2, model.decoder.final_layer_norm", [
        ("offset0", "position offset 0 instead of 2", STRUCTURAL),
        ("flip_norm", "post-LN instead of pre-LN", STRUCTURAL),
        ("no_final_norm", "without model.decoder.final_layer_norm", STRUCTURAL),
        ("gelu", "GELU instead of ReLU", STRUCTURAL)]),
    "opt_350m": (2506, lambda init: make_opt(init, "350m"), opt_logits, "350m style: post-LN "
                 "(do_layer_norm_before false), word_embed_proj_dim 16 < hidden_size 32 with project_in / "
                 "project_out, no decoder final_layer_norm, tensor names without the model. prefix as "
                 "facebook/opt-350m holds them", [
        ("offset0", "position offset 0 instead of 2", STRUCTURAL),
        ("flip_norm", "pre-LN instead of post-LN", STRUCTURAL)]),
    "xglm": (2507, make_xglm, xglm_logits, "embeddings times sqrt(d_model); sinusoidal positions [sin | cos] "
             "computed (not stored), read at position + 2; lm_head tied to the unscaled embed_tokens", [
        ("no_embed_scale", "no sqrt(d_model) embedding scale", STRUCTURAL),
        ("offset0", "sinusoid rows at position + 0 instead of + 2", STRUCTURAL),
        ("interleaved_sinusoids", "sin/cos interleaved instead of [sin | cos]", STRUCTURAL),
        ("scaled_head", "lm_head uses the scaled embeddings", STRUCTURAL),
        ("gelu_tanh", "tanh GELU instead of erf GELU", ACTIVATION)]),
    "bloom": (2508, lambda init: make_bloom(init, 4, "save_pretrained"), bloom_logits, "4 heads, slopes "
              "1/4, 1/16, 1/64, 1/256; word_embeddings_layernorm; query_key_value laid out per head", [
        ("no_alibi", "without ALiBi", STRUCTURAL),
        ("equal_slopes", "all heads at the mean slope", STRUCTURAL),
        ("no_embedding_norm", "without word_embeddings_layernorm", STRUCTURAL),
        ("blocked_qkv", "query_key_value read as [q | k | v] blocks", STRUCTURAL),
        ("gelu_erf", "erf GELU instead of bloom_gelu", ACTIVATION)]),
    "bloom_6heads": (2509, lambda init: make_bloom(init, 6, "bigscience"), bloom_logits, "6 heads (head_dim 6): "
                     "slopes 1/4, 1/16, 1/64, 1/256, then 1/2, 1/8; names without the transformer. prefix, "
                     "n_embed and num_attention_heads instead of hidden_size and n_head, as bigscience/bloom", [
        ("naive_slopes", "slopes 2^(-8k/6), k = 1..6 (the power-of-two rule applied to 6 heads)", STRUCTURAL),
        ("no_alibi", "without ALiBi", STRUCTURAL)]),
    "mpt": (2510, make_mpt, mpt_logits, "ALiBi with alibi_bias_max 8 (transformers ignores the field), "
            "clip_qkv 1.5, weight-only LayerNorms, no biases, erf GELU, tied head", [
        ("no_alibi", "without ALiBi", STRUCTURAL),
        ("equal_slopes", "all heads at the mean slope", STRUCTURAL),
        ("no_clip", "without clip_qkv", STRUCTURAL),
        ("gelu_tanh", "tanh GELU instead of erf GELU", ACTIVATION)]),
}


def log_likelihood(logits_of, ids):
    logp = torch.log_softmax(logits_of(ids), dim=-1)
    return float(sum(logp[t - 1, ids[t]] for t in range(1, len(ids))))


def score(forward, config, weights, ab=frozenset()):
    return [log_likelihood(lambda t: forward(config, weights, t, ab),
                           torch.tensor([BOS] + list(text.encode("utf-8")))) for text in TEXTS]


def main(root):
    root = Path(root)
    tokenizer = root / "llama" / "tokenizer.json"
    rows = []
    for name, (seed, build, forward, note, ablations) in FIXTURES.items():
        config, tensors = build(Init(seed))
        folder = root / name
        folder.mkdir(parents=True, exist_ok=True)
        (folder / "config.json").write_text(json.dumps(config, indent=2) + "\n")
        write_safetensors(folder / "model.safetensors", tensors)
        shutil.copyfile(tokenizer, folder / "tokenizer.json")
        weights = load_weights(folder / "model.safetensors")
        run_config = dict(config, _fixture_prefix=_prefix(name))
        scores = score(forward, run_config, weights)
        expected = {
            "texts": TEXTS,
            "logLikelihoods": scores,
            "reference": f"{SCRIPT}::{forward.__name__}",
            "follows": FOLLOWS[config["model_type"]],
            "note": note,
        }
        (folder / "expected.json").write_text(json.dumps(expected, indent=2) + "\n")
        size = (folder / "model.safetensors").stat().st_size
        print(f"{name:13s} {size / 1024:6.1f} KiB  " + " ".join(f"{s:.4f}" for s in scores))
        for flag, description, threshold in ablations:
            changed = score(forward, run_config, weights, frozenset([flag]))
            rel = max(abs(a - b) / abs(b) for a, b in zip(changed, scores))
            worst = max(range(len(TEXTS)), key=lambda i: abs(changed[i] - scores[i]) / abs(scores[i]))
            rows.append((name, flag, description, rel, worst, threshold))
    print()
    print(f"{'fixture':13s} {'switched off':22s} {'max rel. change':>15s}  text  needed  what")
    failures = []
    for name, flag, description, rel, worst, threshold in rows:
        ok = rel > threshold
        print(f"{name:13s} {flag:22s} {rel:15.3e}  {worst:4d}  {threshold:.0e}  {description}"
              + ("" if ok else "   <-- TOO SMALL"))
        if not ok:
            failures.append(f"{name}/{flag}")
    if failures:
        raise SystemExit("ablations that do not bite: " + ", ".join(failures))


def _prefix(name):
    return {"opt": "model.decoder.", "opt_350m": "decoder.", "bloom": "transformer.", "bloom_6heads": ""}.get(name, "")


if __name__ == "__main__":
    torch.set_num_threads(1)
    with torch.no_grad():
        main(sys.argv[1])
