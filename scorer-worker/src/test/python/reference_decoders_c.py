#!/usr/bin/env python3
"""Independent float64 reference for the group-C decoder families (issue 25): Gemma, Gemma 2,
Gemma 3 text, Qwen3, Qwen2-MoE, Mixtral, Mistral with a sliding window, Llama with the dynamic /
YaRN / linear RoPE scalings, and a Llama checkpoint stored in BF16.

Written from Hugging Face transformers' modelling code (the files named per family below), in
PyTorch float64, without any of the Java code under test. For every fixture it writes, under the
fixtures folder given on the command line, <fixture>/config.json (the fields the transformers
configuration class writes), <fixture>/model.safetensors (tensor names and shapes as save_pretrained
writes them for the *ForCausalLM class; random weights from a fixed numpy seed; written by the
small writer below), <fixture>/tokenizer.json (a copy of fixtures/llama/tokenizer.json) and
<fixture>/expected.json (the log-likelihoods of TEXTS). The reference reads the weights back from
the written file (float32 or bf16 widened to float64), so it scores exactly the stored values.

Then, per fixture, it switches each distinctive mechanism off (or applies a plausible wrong
reading of the config) and asserts the log-likelihoods move by more than 1e-2 relative on at
least one text; the table of these ablations is printed. Rows marked "info" are not asserted.

    apt-get install python3-torch python3-numpy
    /usr/bin/python3 scorer-worker/src/test/python/reference_decoders_c.py scorer-worker/src/test/resources/fixtures

Reruns rewrite the same bytes (fixed seeds, sorted JSON, sorted tensor names).

Families and what they follow (each fixture's expected.json names its files in "follows"):
- gemma, gemma2, gemma3_text: models/gemma/modular_gemma.py, models/gemma2/modular_gemma2.py,
  models/gemma3/modular_gemma3.py (GemmaRMSNorm, the scaled embedding, GemmaMLP, the attention
  classes, the *ForCausalLM soft-capping) -> gemma_family().
- qwen3, qwen2_moe, mixtral, mistral, llama (RoPE scalings, BF16): models/qwen3/modular_qwen3.py,
  models/qwen2_moe/modular_qwen2_moe.py, models/mixtral/modular_mixtral.py,
  models/mistral/modular_mistral.py, models/llama/modeling_llama.py and modeling_rope_utils.py
  -> llama_family().
Sliding windows follow masking_utils.sliding_window_overlay (a query at i sees keys j with
i - window < j <= i, i.e. `window` positions including itself).

The expected values were also compared (outside this script, not needed to rerun it) with
transformers 4.57.6 and 5.18.0 run in float64 with attn_implementation="eager": all agree within
1.2e-7 relative (transformers builds the RoPE tables in float32). Gemma 2 under "sdpa" differs by
the whole attn_logit_softcapping effect, because that path does not apply the soft-cap.
"""
import json
import math
import shutil
import struct
import sys
from pathlib import Path

import numpy as np
import torch
from safetensors_numpy import read_safetensors

TEXTS = [
    "The quiet river carries the old letter downstream.",
    "def add(a, b):\n    return a + b\n",
    "Größe, naïve café — ünïcödé ✓ 😀",
    "| year | value |\n| 2024 | 3.14 |",
    "x",
    # 225 bytes (226 tokens with the start token): longer than every sliding window below (16),
    # shorter than every max_position_embeddings (>= 512).
    "Über den Flüssen von Köln, naïve Grüße: Ἀθῆναι καὶ θάλασσα, 東京の夜空に星が光る。 The old ferry "
    "leaves at 7:45 🚢 and drifts past Straße №9 — Æther, 北京, Zürich ✓ until dawn.",
]
BOS = 256
SCRIPT = "reference_decoders_c.py"
THRESHOLD = 1e-2


# ----------------------------------------------------------------------------------------------
# safetensors writer (little-endian, u64 header length, JSON header with sorted keys and
# "__metadata__": {"format": "pt"}, header padded with spaces to a multiple of 8 as the official
# writer does, data in the order of the sorted names).
# ----------------------------------------------------------------------------------------------

def float32_to_bf16_bits(array):
    """Round-to-nearest-even float32 -> bfloat16 (what torch's .to(torch.bfloat16) does)."""
    bits = np.ascontiguousarray(array, dtype="<f4").view("<u4").astype(np.uint64)
    rounded = (bits + 0x7FFF + ((bits >> 16) & 1)) >> 16
    return rounded.astype("<u2")


def write_safetensors(path, tensors, dtype="F32"):
    header, chunks, offset = {}, [], 0
    for name in sorted(tensors):
        array = np.asarray(tensors[name], dtype=np.float64)
        data = (float32_to_bf16_bits(array.astype(np.float32)) if dtype == "BF16"
                else array.astype("<f4")).tobytes()
        header[name] = {"dtype": dtype, "shape": list(array.shape), "data_offsets": [offset, offset + len(data)]}
        chunks.append(data)
        offset += len(data)
    header["__metadata__"] = {"format": "pt"}
    blob = json.dumps(header, sort_keys=True, separators=(",", ":")).encode("utf-8")
    blob += b" " * (-len(blob) % 8)
    Path(path).write_bytes(struct.pack("<Q", len(blob)) + blob + b"".join(chunks))


# ----------------------------------------------------------------------------------------------
# Shared float64 building blocks
# ----------------------------------------------------------------------------------------------

def rms_norm(x, weight, eps, gemma):
    """LlamaRMSNorm: x * rsqrt(mean(x^2) + eps) * w.  GemmaRMSNorm / Gemma3RMSNorm: ... * (1 + w)
    (HF computes Gemma's in float32 and multiplies by (1 + w) before casting back; in float64 the
    only difference that remains is the 1 + w)."""
    normed = x * torch.rsqrt(x.pow(2).mean(-1, keepdim=True) + eps)
    return normed * ((1.0 + weight) if gemma else weight)


def gelu_tanh(x):
    """ACT2FN["gelu_pytorch_tanh"] (and "gelu_new"): the tanh approximation."""
    return 0.5 * x * (1.0 + torch.tanh(math.sqrt(2.0 / math.pi) * (x + 0.044715 * x.pow(3))))


ACTIVATIONS = {
    "silu": lambda x: x * torch.sigmoid(x),
    "gelu_pytorch_tanh": gelu_tanh,
    "gelu_new": gelu_tanh,
    "gelu": lambda x: 0.5 * x * (1.0 + torch.erf(x / math.sqrt(2.0))),
}


def rotate_half(x):
    half = x.shape[-1] // 2
    return torch.cat((-x[..., half:], x[..., :half]), dim=-1)


def apply_rope(x, inv_freq, attention_scaling):
    """apply_rotary_pos_emb with the rotate-half layout; cos/sin are multiplied by the rope type's
    attention_scaling (1 except for YaRN), so q and k are each scaled by it."""
    positions = torch.arange(x.shape[-2], dtype=torch.float64)
    freqs = torch.outer(positions, inv_freq)
    emb = torch.cat((freqs, freqs), dim=-1)
    cos, sin = emb.cos() * attention_scaling, emb.sin() * attention_scaling
    return x * cos + rotate_half(x) * sin


def default_inv_freq(theta, dim):
    return 1.0 / theta ** (torch.arange(0, dim, 2, dtype=torch.float64) / dim)


def rope_for(config, theta, scaling, dim):
    """modeling_rope_utils.py: ROPE_INIT_FUNCTIONS + dynamic_rope_update. Returns a function of the
    sequence length n giving (inv_freq, attention_scaling)."""
    kind = (scaling or {}).get("rope_type", (scaling or {}).get("type", "default")) if scaling else "default"
    max_pos = config["max_position_embeddings"]
    if kind == "default":
        inv = default_inv_freq(theta, dim)
        return lambda n: (inv, 1.0)
    if kind == "linear":  # _compute_linear_scaling_rope_parameters: inv_freq / factor
        inv = default_inv_freq(theta, dim) / scaling["factor"]
        return lambda n: (inv, 1.0)
    if kind == "dynamic":
        # _compute_dynamic_ntk_parameters with seq_len = max(seq_len, max_position_embeddings), where
        # dynamic_rope_update passes seq_len = max(position_ids) + 1 only when it exceeds the cached
        # length (max_position_embeddings). For n <= max_position_embeddings the base factor is
        # (factor * max / max - (factor - 1)) ** (d / (d - 2)) = 1: plain RoPE.
        factor = scaling["factor"]

        def dynamic(n):
            seq_len = max(n, max_pos)
            base = theta * ((factor * seq_len / max_pos) - (factor - 1)) ** (dim / (dim - 2))
            return default_inv_freq(base, dim), 1.0
        return dynamic
    if kind == "yarn":
        inv, attention = yarn_inv_freq(config, theta, scaling, dim)
        return lambda n: (inv, attention)
    if kind == "llama3":
        inv = default_inv_freq(theta, dim)
        factor, low, high = scaling["factor"], scaling["low_freq_factor"], scaling["high_freq_factor"]
        old = scaling["original_max_position_embeddings"]
        wavelen = 2 * math.pi / inv
        scaled = torch.where(wavelen > old / low, inv / factor, inv)
        smooth = (old / wavelen - low) / (high - low)
        smoothed = (1 - smooth) * scaled / factor + smooth * scaled
        medium = (wavelen >= old / high) & (wavelen <= old / low)
        inv = torch.where(medium, smoothed, scaled)
        return lambda n: (inv, 1.0)
    raise ValueError(f"rope type {kind}")


def yarn_inv_freq(config, theta, scaling, dim, ramp=True, mscale=True):
    """_compute_yarn_parameters (transformers >= 4.48 reading of rope_scaling)."""
    factor = scaling["factor"]
    if "original_max_position_embeddings" in scaling:
        original = scaling["original_max_position_embeddings"]
        # transformers 4.48-4.57 replace factor by max_position_embeddings / original here; v5 keeps
        # the configured factor. The fixture makes the two equal; check it.
        assert abs(config["max_position_embeddings"] / original - factor) < 1e-12
    else:
        original = config["max_position_embeddings"]
    attention = scaling.get("attention_factor")
    if attention is None:
        m, m_all = scaling.get("mscale"), scaling.get("mscale_all_dim")
        get = lambda s, ms=1.0: 1.0 if s <= 1 else 0.1 * ms * math.log(s) + 1.0
        attention = get(factor, m) / get(factor, m_all) if (m and m_all) else get(factor)
    if not mscale:
        attention = 1.0
    beta_fast = scaling.get("beta_fast") or 32
    beta_slow = scaling.get("beta_slow") or 1
    corr = lambda rot: (dim * math.log(original / (rot * 2 * math.pi))) / (2 * math.log(theta))
    low, high = corr(beta_fast), corr(beta_slow)
    if scaling.get("truncate", True):
        low, high = math.floor(low), math.ceil(high)
    low, high = max(low, 0), min(high, dim - 1)
    if low == high:
        high += 0.001
    pos_freqs = theta ** (torch.arange(0, dim, 2, dtype=torch.float64) / dim)
    extrapolation, interpolation = 1.0 / pos_freqs, 1.0 / (factor * pos_freqs)
    ramp_values = torch.clamp((torch.arange(dim // 2, dtype=torch.float64) - low) / (high - low), 0, 1)
    extrapolation_factor = 1 - ramp_values if ramp else torch.zeros(dim // 2, dtype=torch.float64)
    inv = interpolation * (1 - extrapolation_factor) + extrapolation * extrapolation_factor
    return inv, attention


# ----------------------------------------------------------------------------------------------
# config.json -> per-layer semantics (what transformers derives from each field)
# ----------------------------------------------------------------------------------------------

def spec_from_config(config):
    """One dict describing the forward pass; each family's reading of config.json."""
    mt = config["model_type"]
    heads = config["num_attention_heads"]
    kv = config.get("num_key_value_heads") or heads
    layers = config["num_hidden_layers"]
    head_dim = config.get("head_dim") or config["hidden_size"] // heads
    gemma = mt in ("gemma", "gemma2", "gemma3_text")
    spec = {
        "model_type": mt, "layers": layers, "heads": heads, "kv": kv, "head_dim": head_dim,
        "eps": config["rms_norm_eps"], "gemma_norm": gemma,
        "scaling": head_dim ** -0.5, "attn_softcap": None, "final_softcap": None,
        "windows": [None] * layers, "post_norms": False, "qk_norm": None,
        "tied": config.get("tie_word_embeddings", True if gemma else False),
        "embed_scale": None, "mlp": ["dense"] * layers, "routing": None,
    }
    theta = config.get("rope_theta", 10000.0)
    scaling = config.get("rope_scaling")
    if gemma:
        # GemmaModel / Gemma2Model / Gemma3TextScaledWordEmbedding: embeddings * sqrt(hidden_size) cast
        # to the hidden dtype (the checkpoint's float32 here): float32(sqrt(32)) = 5.656854152679443.
        spec["embed_scale"] = float(np.float32(config["hidden_size"] ** 0.5))
        # GemmaMLP (4.38-4.57): hidden_activation, falling back to gelu_pytorch_tanh when it is None
        # (hidden_act is ignored).  Gemma2/3: ACT2FN[hidden_activation].
        spec["act"] = config.get("hidden_activation") or "gelu_pytorch_tanh"
    else:
        spec["act"] = config["hidden_act"]
    if mt in ("gemma2", "gemma3_text"):
        spec["scaling"] = config["query_pre_attn_scalar"] ** -0.5
        spec["attn_softcap"] = config.get("attn_logit_softcapping")
        spec["final_softcap"] = config.get("final_logit_softcapping")
        spec["post_norms"] = True
    if mt == "gemma2":
        # Gemma2Config: layer_types default "sliding_attention" if (i + 1) % 2 else "full_attention"
        types = config.get("layer_types") or [
            "sliding_attention" if (i + 1) % 2 else "full_attention" for i in range(layers)]
        spec["windows"] = [config["sliding_window"] if t == "sliding_attention" else None for t in types]
    if mt == "gemma3_text":
        pattern = config.get("sliding_window_pattern", 6)
        types = config.get("layer_types") or [
            "sliding_attention" if (i + 1) % pattern else "full_attention" for i in range(layers)]
        spec["windows"] = [config["sliding_window"] if t == "sliding_attention" else None for t in types]
        spec["qk_norm"] = "head"
        # Gemma3RotaryEmbedding: full_attention layers use rope_theta + rope_scaling; sliding layers
        # use rope_local_base_freq with the default rope (no scaling).
        full = rope_for(config, theta, scaling, head_dim)
        local = rope_for(config, config.get("rope_local_base_freq", 10000.0), None, head_dim)
        spec["rope"] = [local if t == "sliding_attention" else full for t in types]
    else:
        spec["rope"] = [rope_for(config, theta, scaling, head_dim)] * layers
    if mt == "qwen3":
        spec["qk_norm"] = "head"
        window = config.get("sliding_window") if config.get("use_sliding_window", False) else None
        spec["windows"] = [window if window is not None and i >= config.get("max_window_layers", 28) else None
                           for i in range(layers)]
    if mt == "qwen2_moe":
        use = config.get("use_sliding_window", False)
        mwl = config.get("max_window_layers", 28)
        spec["windows"] = [config["sliding_window"] if use and (i + 1) % 2 and i < mwl else None
                           for i in range(layers)]
        only = config.get("mlp_only_layers") or []
        step = config.get("decoder_sparse_step", 1)
        spec["mlp"] = ["qwen2_moe" if i not in only and config["num_experts"] > 0 and (i + 1) % step == 0
                       else "dense" for i in range(layers)]
        spec["routing"] = {"experts": config["num_experts"], "top_k": config["num_experts_per_tok"],
                           "renormalise": config.get("norm_topk_prob", False), "shared": True, "shared_gate": True}
    if mt in ("mistral", "mixtral"):
        spec["windows"] = [config.get("sliding_window")] * layers
    if mt == "mixtral":
        spec["mlp"] = ["mixtral"] * layers
        spec["routing"] = {"experts": config["num_local_experts"], "top_k": config["num_experts_per_tok"],
                           "renormalise": True}
    spec["qkv_bias"] = config.get("qkv_bias", True) if mt == "qwen2_moe" else config.get("attention_bias", False)
    return spec


# ----------------------------------------------------------------------------------------------
# The forward pass
# ----------------------------------------------------------------------------------------------

def attention(spec, w, p, h, layer):
    n = h.shape[0]
    heads, kv, hd = spec["heads"], spec["kv"], spec["head_dim"]
    lin = lambda x, name, bias: x @ w[name + ".weight"].T + (w[name + ".bias"] if bias else 0)
    q = lin(h, p + "self_attn.q_proj", spec["qkv_bias"]).view(n, heads, hd)
    k = lin(h, p + "self_attn.k_proj", spec["qkv_bias"]).view(n, kv, hd)
    v = lin(h, p + "self_attn.v_proj", spec["qkv_bias"]).view(n, kv, hd)
    if spec["qk_norm"] == "head":  # Qwen3Attention / Gemma3Attention: RMSNorm over head_dim, before RoPE
        q = rms_norm(q, w[p + "self_attn.q_norm.weight"], spec["eps"], spec["gemma_norm"])
        k = rms_norm(k, w[p + "self_attn.k_norm.weight"], spec["eps"], spec["gemma_norm"])
    elif spec["qk_norm"] == "whole":  # ablation only: OLMo-2 style norm over all heads at once
        q = rms_norm(q.reshape(n, -1), w[p + "self_attn.q_norm.weight"].repeat(heads), spec["eps"],
                     spec["gemma_norm"]).view(n, heads, hd)
        k = rms_norm(k.reshape(n, -1), w[p + "self_attn.k_norm.weight"].repeat(kv), spec["eps"],
                     spec["gemma_norm"]).view(n, kv, hd)
    q, k, v = q.transpose(0, 1), k.transpose(0, 1), v.transpose(0, 1)
    inv_freq, attention_scaling = spec["rope"][layer](n)
    q, k = apply_rope(q, inv_freq, attention_scaling), apply_rope(k, inv_freq, attention_scaling)
    k = k.repeat_interleave(heads // kv, dim=0)  # repeat_kv: query head h uses kv head h // (heads / kv)
    v = v.repeat_interleave(heads // kv, dim=0)
    scores = q @ k.transpose(-1, -2) * spec["scaling"]
    if spec["attn_softcap"] is not None:  # Gemma2 eager_attention_forward: before the mask
        scores = spec["attn_softcap"] * torch.tanh(scores / spec["attn_softcap"])
    i = torch.arange(n)[:, None]
    j = torch.arange(n)[None, :]
    allowed = j <= i
    window = spec["windows"][layer]
    if window is not None:  # masking_utils.sliding_window_overlay: kv_idx > q_idx - sliding_window
        allowed = allowed & (j > i - window + spec.get("window_slack", 0))
    scores = scores.masked_fill(~allowed, float("-inf"))
    out = torch.softmax(scores, dim=-1) @ v
    out = out.transpose(0, 1).reshape(n, heads * hd)
    return out @ w[p + "self_attn.o_proj.weight"].T


def swiglu(x, w, gate, up, down, act):
    return (act(x @ w[gate].T) * (x @ w[up].T)) @ w[down].T


def moe(spec, w, p, h, kind):
    act = ACTIVATIONS[spec["act"]]
    r = spec["routing"]
    block = p + ("block_sparse_moe." if kind == "mixtral" else "mlp.")
    probs = torch.softmax(h @ w[block + "gate.weight"].T, dim=-1)  # softmax over all experts first
    top, chosen = torch.topk(probs, r["top_k"], dim=-1)
    if r["renormalise"]:
        top = top / top.sum(-1, keepdim=True)
    out = torch.zeros_like(h)
    for e in range(r["experts"]):
        if kind == "mixtral":  # MixtralBlockSparseTop2MLP: w2(act(w1 x) * w3 x)
            names = [block + f"experts.{e}.{m}.weight" for m in ("w1", "w3", "w2")]
        else:                  # Qwen2MoeMLP: down(act(gate x) * up x)
            names = [block + f"experts.{e}.{m}.weight" for m in ("gate_proj", "up_proj", "down_proj")]
        weight = (top * (chosen == e)).sum(-1, keepdim=True)  # 0 where expert e is not chosen
        out = out + weight * swiglu(h, w, *names, act)
    if kind == "qwen2_moe" and r.get("shared", True):
        shared = swiglu(h, w, block + "shared_expert.gate_proj.weight", block + "shared_expert.up_proj.weight",
                        block + "shared_expert.down_proj.weight", act)
        if r.get("shared_gate", True):
            shared = torch.sigmoid(h @ w[block + "shared_expert_gate.weight"].T) * shared
        out = out + shared
    return out


def logits_of(spec, w, ids):
    gemma = spec["gemma_norm"]
    norm = lambda x, name: rms_norm(x, w[name + ".weight"], spec["eps"], gemma)
    x = w["model.embed_tokens.weight"][ids]
    if spec["embed_scale"] is not None:
        x = x * spec["embed_scale"]
    for layer in range(spec["layers"]):
        p = f"model.layers.{layer}."
        a = attention(spec, w, p, norm(x, p + "input_layernorm"), layer)
        if spec["post_norms"]:  # Gemma2/3: post_attention_layernorm normalises the attention OUTPUT
            a = norm(a, p + "post_attention_layernorm") if not spec.get("skip_post_norms") else a
            x = x + a
            h = norm(x, p + "pre_feedforward_layernorm")
        else:                   # Llama family: post_attention_layernorm is the pre-MLP norm
            x = x + a
            h = norm(x, p + "post_attention_layernorm")
        kind = spec["mlp"][layer]
        if kind == "dense":
            m = swiglu(h, w, p + "mlp.gate_proj.weight", p + "mlp.up_proj.weight", p + "mlp.down_proj.weight",
                       ACTIVATIONS[spec["act"]])
        else:
            m = moe(spec, w, p, h, kind)
        if spec["post_norms"] and not spec.get("skip_post_norms"):
            m = norm(m, p + "post_feedforward_layernorm")
        x = x + m
    x = norm(x, "model.norm")
    head = w["model.embed_tokens.weight"] if spec["tied"] else w["lm_head.weight"]
    logits = x @ head.T
    if spec["final_softcap"] is not None:
        logits = spec["final_softcap"] * torch.tanh(logits / spec["final_softcap"])
    return logits


def log_likelihoods(spec, w):
    scores = []
    for text in TEXTS:
        ids = torch.tensor([BOS] + list(text.encode("utf-8")))
        logp = torch.log_softmax(logits_of(spec, w, ids), dim=-1)
        scores.append(float(logp[torch.arange(len(ids) - 1), ids[1:]].sum()))
    return scores


# ----------------------------------------------------------------------------------------------
# Checkpoints: configs and random weights
# ----------------------------------------------------------------------------------------------

class Weights:
    """Random weights from a fixed seed; gains chosen so activations are O(1) and every mechanism bites."""

    def __init__(self, seed):
        self.rng = np.random.default_rng(seed)
        self.tensors = {}

    def linear(self, name, out, inp, gain=1.0, bias=None, head_dim=None, head_spread=0.0):
        weight = self.rng.standard_normal((out, inp)) * gain / math.sqrt(inp)
        if head_spread:  # heads of different strength (so a norm over all heads differs from per-head)
            weight = weight * np.repeat(np.exp(head_spread * self.rng.standard_normal(out // head_dim)), head_dim)[:, None]
        self.tensors[name + ".weight"] = weight
        if bias is not None:
            self.tensors[name + ".bias"] = self.rng.standard_normal(out) * bias

    def norm(self, name, n, gemma, spread=0.15, center=None):
        # Gemma stores w with the effective scale 1 + w, so its weights sit near 0; Llama's near 1.
        center = (0.0 if gemma else 1.0) if center is None else center
        self.tensors[name + ".weight"] = center + spread * self.rng.standard_normal(n)

    def embed(self, name, vocab, hidden, std):
        self.tensors[name] = self.rng.standard_normal((vocab, hidden)) * std


def build_weights(config, seed, gains):
    mt = config["model_type"]
    gemma = mt in ("gemma", "gemma2", "gemma3_text")
    H, V = config["hidden_size"], config["vocab_size"]
    heads = config["num_attention_heads"]
    kv = config.get("num_key_value_heads") or heads
    hd = config.get("head_dim") or H // heads
    w = Weights(seed)
    w.embed("model.embed_tokens.weight", V, H, gains.get("embed", 1.0))
    bias = gains.get("qkv_bias") if (config.get("qkv_bias", True) if mt == "qwen2_moe"
                                     else config.get("attention_bias", False)) else None
    for layer in range(config["num_hidden_layers"]):
        p = f"model.layers.{layer}."
        w.norm(p + "input_layernorm", H, gemma)
        post = gains.get("post_attn_norm_center") if mt in ("gemma2", "gemma3_text") else None
        w.norm(p + "post_attention_layernorm", H, gemma, center=post)
        if mt in ("gemma2", "gemma3_text"):
            w.norm(p + "pre_feedforward_layernorm", H, gemma)
            w.norm(p + "post_feedforward_layernorm", H, gemma)
        spread = gains.get("head_spread", 0.0)
        w.linear(p + "self_attn.q_proj", heads * hd, H, gains.get("qk", 1.0), bias, hd, spread)
        w.linear(p + "self_attn.k_proj", kv * hd, H, gains.get("qk", 1.0), bias, hd, spread)
        w.linear(p + "self_attn.v_proj", kv * hd, H, gains.get("v", 1.0), bias)
        w.linear(p + "self_attn.o_proj", H, heads * hd, gains.get("o", 1.0))
        if mt in ("qwen3", "gemma3_text"):
            w.norm(p + "self_attn.q_norm", hd, gemma, center=gains.get("qk_norm_center"))
            w.norm(p + "self_attn.k_norm", hd, gemma, center=gains.get("qk_norm_center"))
        mlp_gain = gains.get("mlp", 1.0)
        if mt == "mixtral":
            I = config["intermediate_size"]
            w.linear(p + "block_sparse_moe.gate", config["num_local_experts"], H, gains.get("router", 1.0))
            for e in range(config["num_local_experts"]):
                q = p + f"block_sparse_moe.experts.{e}."
                w.linear(q + "w1", I, H, mlp_gain)
                w.linear(q + "w2", H, I, mlp_gain)
                w.linear(q + "w3", I, H, mlp_gain)
        elif mt == "qwen2_moe":
            I, S = config["moe_intermediate_size"], config["shared_expert_intermediate_size"]
            w.linear(p + "mlp.gate", config["num_experts"], H, gains.get("router", 1.0))
            for e in range(config["num_experts"]):
                q = p + f"mlp.experts.{e}."
                w.linear(q + "gate_proj", I, H, mlp_gain)
                w.linear(q + "up_proj", I, H, mlp_gain)
                w.linear(q + "down_proj", H, I, mlp_gain)
            w.linear(p + "mlp.shared_expert.gate_proj", S, H, mlp_gain)
            w.linear(p + "mlp.shared_expert.up_proj", S, H, mlp_gain)
            w.linear(p + "mlp.shared_expert.down_proj", H, S, mlp_gain)
            w.linear(p + "mlp.shared_expert_gate", 1, H, gains.get("shared_gate", 1.0))
        else:
            I = config["intermediate_size"]
            w.linear(p + "mlp.gate_proj", I, H, mlp_gain)
            w.linear(p + "mlp.up_proj", I, H, mlp_gain)
            w.linear(p + "mlp.down_proj", H, I, mlp_gain)
    w.norm("model.norm", H, gemma)
    if not config.get("tie_word_embeddings", True if gemma else False):
        w.linear("lm_head", V, H, gains.get("head", 1.0))
    return w.tensors


def llama_config(**overrides):
    config = {
        "architectures": ["LlamaForCausalLM"], "model_type": "llama", "attention_bias": False,
        "attention_dropout": 0.0, "bos_token_id": BOS, "eos_token_id": BOS, "head_dim": 8, "hidden_act": "silu",
        "hidden_size": 32, "initializer_range": 0.02, "intermediate_size": 64, "max_position_embeddings": 512,
        "mlp_bias": False, "num_attention_heads": 4, "num_hidden_layers": 2, "num_key_value_heads": 2,
        "pretraining_tp": 1, "rms_norm_eps": 1e-05, "rope_scaling": None, "rope_theta": 10000.0,
        "tie_word_embeddings": False, "torch_dtype": "float32", "use_cache": True, "vocab_size": 257,
    }
    config.update(overrides)
    return config


LLAMA_GAINS = {"embed": 1.0, "qk": 2.2, "v": 1.0, "o": 1.0, "mlp": 1.0, "head": 3.0}


def fixtures():
    """(name, config, seed, gains, weight dtype, function name, follows, ablations)."""
    gemma_common = {
        "attention_bias": False, "attention_dropout": 0.0, "bos_token_id": BOS, "eos_token_id": BOS,
        "pad_token_id": 0, "hidden_size": 32, "initializer_range": 0.02, "max_position_embeddings": 512,
        "rms_norm_eps": 1e-06, "rope_theta": 10000.0, "tie_word_embeddings": True, "torch_dtype": "float32",
        "use_cache": True,
    }
    gemma = dict(gemma_common, **{
        "architectures": ["GemmaForCausalLM"], "model_type": "gemma", "head_dim": 16,
        "hidden_act": "gelu_pytorch_tanh", "hidden_activation": "gelu_pytorch_tanh", "intermediate_size": 64,
        "num_attention_heads": 4, "num_hidden_layers": 2, "num_key_value_heads": 1, "rope_scaling": None,
        "vocab_size": 260,
    })
    gemma2 = dict(gemma_common, **{
        "architectures": ["Gemma2ForCausalLM"], "model_type": "gemma2", "attn_logit_softcapping": 3.0,
        "cache_implementation": "hybrid", "final_logit_softcapping": 4.0, "head_dim": 16,
        "hidden_act": "gelu_pytorch_tanh", "hidden_activation": "gelu_pytorch_tanh", "intermediate_size": 32,
        "num_attention_heads": 4, "num_hidden_layers": 4, "num_key_value_heads": 1, "query_pre_attn_scalar": 64,
        "sliding_window": 16, "vocab_size": 257,
    })
    gemma3 = dict(gemma_common, **{
        "architectures": ["Gemma3ForCausalLM"], "model_type": "gemma3_text", "attn_logit_softcapping": None,
        "cache_implementation": "hybrid", "final_logit_softcapping": None, "head_dim": 12,
        "hidden_activation": "gelu_pytorch_tanh", "intermediate_size": 24, "num_attention_heads": 4,
        "num_hidden_layers": 6, "num_key_value_heads": 1, "query_pre_attn_scalar": 32,
        "rope_local_base_freq": 10000.0, "rope_scaling": {"factor": 8.0, "rope_type": "linear"},
        "rope_theta": 1000000.0, "sliding_window": 16, "sliding_window_pattern": 6,
        "layer_types": ["sliding_attention"] * 5 + ["full_attention"], "vocab_size": 257,
    })
    qwen3 = {
        "architectures": ["Qwen3ForCausalLM"], "model_type": "qwen3", "attention_bias": False,
        "attention_dropout": 0.0, "bos_token_id": BOS, "eos_token_id": BOS, "head_dim": 16, "hidden_act": "silu",
        "hidden_size": 32, "initializer_range": 0.02, "intermediate_size": 64, "max_position_embeddings": 512,
        "max_window_layers": 28, "num_attention_heads": 4, "num_hidden_layers": 2, "num_key_value_heads": 2,
        "rms_norm_eps": 1e-06, "rope_scaling": None, "rope_theta": 1000000.0, "sliding_window": None,
        "tie_word_embeddings": True, "torch_dtype": "float32", "use_cache": True, "use_sliding_window": False,
        "vocab_size": 260,
    }
    qwen2_moe = {
        "architectures": ["Qwen2MoeForCausalLM"], "model_type": "qwen2_moe", "attention_dropout": 0.0,
        "bos_token_id": BOS, "eos_token_id": BOS, "decoder_sparse_step": 1, "hidden_act": "silu",
        "hidden_size": 32, "initializer_range": 0.02, "intermediate_size": 64, "max_position_embeddings": 512,
        "max_window_layers": 21, "mlp_only_layers": [], "moe_intermediate_size": 16, "norm_topk_prob": False,
        "num_attention_heads": 4, "num_experts": 4, "num_experts_per_tok": 2, "num_hidden_layers": 2,
        "num_key_value_heads": 2, "output_router_logits": False, "rms_norm_eps": 1e-06, "rope_scaling": None,
        "rope_theta": 1000000.0, "router_aux_loss_coef": 0.001, "shared_expert_intermediate_size": 32,
        # As Qwen1.5-MoE ships: a sliding_window value with use_sliding_window false (it must NOT apply).
        "sliding_window": 16, "tie_word_embeddings": False, "torch_dtype": "float32", "use_cache": True,
        "use_sliding_window": False, "vocab_size": 260,
    }
    mixtral = {
        "architectures": ["MixtralForCausalLM"], "model_type": "mixtral", "attention_dropout": 0.0,
        "bos_token_id": BOS, "eos_token_id": BOS, "hidden_act": "silu", "hidden_size": 32,
        "initializer_range": 0.02, "intermediate_size": 24, "max_position_embeddings": 512,
        "num_attention_heads": 4, "num_experts_per_tok": 2, "num_hidden_layers": 2, "num_key_value_heads": 2,
        "num_local_experts": 4, "output_router_logits": False, "rms_norm_eps": 1e-05, "rope_theta": 1000000.0,
        "router_aux_loss_coef": 0.02, "router_jitter_noise": 0.0, "sliding_window": None,
        "tie_word_embeddings": False, "torch_dtype": "float32", "use_cache": True, "vocab_size": 257,
    }
    mistral = {
        "architectures": ["MistralForCausalLM"], "model_type": "mistral", "attention_dropout": 0.0,
        "bos_token_id": BOS, "eos_token_id": BOS, "head_dim": 8, "hidden_act": "silu", "hidden_size": 32,
        "initializer_range": 0.02, "intermediate_size": 64, "max_position_embeddings": 512,
        "num_attention_heads": 4, "num_hidden_layers": 2, "num_key_value_heads": 2, "rms_norm_eps": 1e-05,
        "rope_theta": 10000.0, "sliding_window": 16, "tie_word_embeddings": False, "torch_dtype": "float32",
        "use_cache": True, "vocab_size": 257,
    }
    llama_dynamic = llama_config(rope_scaling={"rope_type": "dynamic", "factor": 2.0})
    llama_yarn = llama_config(rope_scaling={"rope_type": "yarn", "factor": 16.0,
                                            "original_max_position_embeddings": 32})
    llama_linear = llama_config(rope_scaling={"rope_type": "linear", "factor": 4.0})
    llama_bf16 = llama_config(torch_dtype="bfloat16", rope_theta=500000.0)

    def with_spec(**changes):
        return lambda s: dict(s, **changes)

    def map_rope(fn):
        return lambda s: dict(s, rope=[fn(i, r) for i, r in enumerate(s["rope"])])

    plain_rope = lambda config: (lambda s: dict(s, rope=[rope_for(config, config["rope_theta"], None, s["head_dim"])]
                                                * s["layers"]))
    gemma_modeling = "src/transformers/models/gemma/modular_gemma.py (modeling_gemma.py)"
    return [
        ("gemma", gemma, 103, {"embed": 0.35, "qk": 1.5, "v": 1.5, "o": 1.5, "mlp": 1.2}, "F32", "gemma_family",
         gemma_modeling + ": GemmaRMSNorm (1 + w), GemmaTextScaledWordEmbedding / normalizer, GemmaMLP, "
         "GemmaAttention (scaling head_dim**-0.5), GemmaForCausalLM (tied lm_head)",
         [("RMSNorm * w instead of * (1 + w)", with_spec(gemma_norm=False), True),
          ("no sqrt(hidden_size) embedding normaliser", with_spec(embed_scale=None), True),
          ("scaling (hidden/heads)**-0.5 instead of head_dim**-0.5", with_spec(scaling=8 ** -0.5), True),
          ("exact erf gelu instead of gelu_pytorch_tanh", with_spec(act="gelu"), False),
          ("normaliser sqrt(32) in float64 instead of float32-rounded", with_spec(embed_scale=32 ** 0.5), False)]),
        ("gemma2", gemma2, 204, {"embed": 0.35, "qk": 2.5, "post_attn_norm_center": 1.0, "mlp": 1.2}, "F32", "gemma_family",
         "src/transformers/models/gemma2/modular_gemma2.py (modeling_gemma2.py): Gemma2Config.layer_types, "
         "Gemma2Attention (query_pre_attn_scalar, sliding_window, attn_logit_softcapping), eager_attention_forward "
         "(softcap before mask), Gemma2DecoderLayer (4 norms), Gemma2ForCausalLM (final_logit_softcapping); "
         "masking_utils.sliding_window_overlay",
         [("no attn_logit_softcapping", with_spec(attn_softcap=None), True),
          ("no final_logit_softcapping", with_spec(final_softcap=None), True),
          ("no post_attention/post_feedforward norms", with_spec(skip_post_norms=True), True),
          ("scaling head_dim**-0.5 instead of query_pre_attn_scalar**-0.5", with_spec(scaling=16 ** -0.5), True),
          ("no sliding window", with_spec(windows=[None] * 4), True),
          ("window on odd layers instead of even", with_spec(windows=[None, 16, None, 16]), True),
          ("window on every layer", with_spec(windows=[16] * 4), True),
          ("window keeps 17 positions instead of 16", with_spec(window_slack=-1), True)]),
        ("gemma3_text", gemma3, 303, {"embed": 0.45, "qk_norm_center": 1.5, "post_attn_norm_center": 1.0, "mlp": 1.2}, "F32", "gemma_family",
         "src/transformers/models/gemma3/modular_gemma3.py (modeling_gemma3.py): Gemma3TextConfig (layer_types "
         "from sliding_window_pattern, rope_local_base_freq), Gemma3RotaryEmbedding per layer type, "
         "Gemma3Attention (q_norm/k_norm before RoPE, query_pre_attn_scalar), Gemma3DecoderLayer, "
         "Gemma3TextScaledWordEmbedding, Gemma3ForCausalLM; modeling_rope_utils._compute_linear_scaling_rope_parameters",
         [("no q_norm/k_norm", with_spec(qk_norm=None), True),
          ("no post_attention/post_feedforward norms", with_spec(skip_post_norms=True), True),
          ("sliding layers use rope_theta instead of rope_local_base_freq",
           map_rope(lambda i, r: rope_for(gemma3, 1000000.0, None, 12) if i < 5 else r), True),
          ("global layer without linear rope_scaling",
           map_rope(lambda i, r: rope_for(gemma3, 1000000.0, None, 12) if i == 5 else r), True),
          ("linear rope_scaling also on sliding layers",
           map_rope(lambda i, r: rope_for(gemma3, 10000.0, gemma3["rope_scaling"], 12) if i < 5 else r), True),
          ("no sliding window", with_spec(windows=[None] * 6), True),
          ("Gemma2 pattern (even layers sliding)", with_spec(windows=[16, None, 16, None, 16, None]), True),
          ("scaling head_dim**-0.5 instead of query_pre_attn_scalar**-0.5", with_spec(scaling=12 ** -0.5), True)]),
        ("qwen3", qwen3, 404, {"embed": 0.6, "qk": 3.0, "head_spread": 0.7, "mlp": 1.0}, "F32", "llama_family",
         "src/transformers/models/qwen3/modular_qwen3.py (modeling_qwen3.py): Qwen3Attention (q_norm/k_norm "
         "RMSNorm over head_dim before RoPE, no q/k/v bias), Qwen3Config (head_dim, layer_types), "
         "Qwen3ForCausalLM (tied lm_head)",
         [("no q_norm/k_norm", with_spec(qk_norm=None), True),
          ("q/k norm over all heads at once (OLMo-2 style)", with_spec(qk_norm="whole"), True),
          ("scaling (hidden/heads)**-0.5 instead of head_dim**-0.5", with_spec(scaling=8 ** -0.5), True)]),
        ("qwen2_moe", qwen2_moe, 505, {"embed": 1.0, "qk": 2.0, "mlp": 2.0, "router": 1.0, "qkv_bias": 0.5,
                                       "shared_gate": 3.0, "head": 3.0}, "F32", "llama_family",
         "src/transformers/models/qwen2_moe/modular_qwen2_moe.py (modeling_qwen2_moe.py): Qwen2MoeTopKRouter / "
         "Qwen2MoeSparseMoeBlock (softmax over experts, top-k, norm_topk_prob, shared_expert * "
         "sigmoid(shared_expert_gate)), Qwen2MoeDecoderLayer (decoder_sparse_step, mlp_only_layers), "
         "Qwen2MoeAttention (qkv_bias), Qwen2MoeConfig (use_sliding_window)",
         [("top-k weights renormalised (norm_topk_prob true)",
           lambda s: dict(s, routing=dict(s["routing"], renormalise=True)), True),
          ("top-1 instead of top-2", lambda s: dict(s, routing=dict(s["routing"], top_k=1)), True),
          ("no shared expert", lambda s: dict(s, routing=dict(s["routing"], shared=False)), True),
          ("shared expert without sigmoid gate", lambda s: dict(s, routing=dict(s["routing"], shared_gate=False)),
           True),
          ("no q/k/v biases", with_spec(qkv_bias=False), True),
          ("sliding_window applied although use_sliding_window is false", with_spec(windows=[16, 16]), True)]),
        ("mixtral", mixtral, 606, {"embed": 1.0, "qk": 2.0, "mlp": 1.5, "router": 1.0, "head": 3.0}, "F32",
         "llama_family",
         "src/transformers/models/mixtral/modular_mixtral.py (modeling_mixtral.py): MixtralSparseMoeBlock "
         "(softmax, top-k, renormalise), MixtralBlockSparseTop2MLP (w2(act(w1 x) * w3 x)), MixtralAttention",
         [("top-1 instead of top-2", lambda s: dict(s, routing=dict(s["routing"], top_k=1)), True),
          ("top-2 weights not renormalised", lambda s: dict(s, routing=dict(s["routing"], renormalise=False)), True),
          ("all 4 experts softmax-weighted (dense)", lambda s: dict(s, routing=dict(s["routing"], top_k=4)), True)]),
        ("mistral_window", mistral, 707, LLAMA_GAINS, "F32", "llama_family",
         "src/transformers/models/mistral/modular_mistral.py (modeling_mistral.py): MistralModel "
         "(create_sliding_window_causal_mask when sliding_window is set), MistralAttention; "
         "masking_utils.sliding_window_overlay (kv_idx > q_idx - sliding_window)",
         [("no sliding window", with_spec(windows=[None, None]), True),
          ("window keeps 17 positions instead of 16", with_spec(window_slack=-1), True)]),
        ("llama_dynamic", llama_dynamic, 808, LLAMA_GAINS, "F32", "llama_family",
         "src/transformers/modeling_rope_utils.py: _compute_dynamic_ntk_parameters, dynamic_rope_update "
         "(inv_freq recomputed only when max(position_ids) + 1 > max_position_embeddings); "
         "models/llama/modeling_llama.py",
         [("NTK base applied statically at factor (as if seq_len = 2 * max_position_embeddings)",
           lambda s: dict(s, rope=[lambda n: (default_inv_freq(10000.0 * (2.0 * 2 - 1) ** (8 / 6), 8), 1.0)] * 2),
           True),
          ("plain rope (must equal: dynamic is inactive below max_position_embeddings)",
           plain_rope(llama_dynamic), "zero")]),
        ("llama_yarn", llama_yarn, 909, LLAMA_GAINS, "F32", "llama_family",
         "src/transformers/modeling_rope_utils.py: _compute_yarn_parameters (find_correction_range with "
         "original_max_position_embeddings, linear_ramp_factor, attention_factor = 0.1 ln(factor) + 1 applied "
         "to cos and sin); models/llama/modeling_llama.py (LlamaRotaryEmbedding)",
         [("plain rope", plain_rope(llama_yarn), True),
          ("no attention_factor (mscale 1)",
           map_rope(lambda i, r: (lambda inv: (lambda n: (inv, 1.0)))(
               yarn_inv_freq(llama_yarn, 10000.0, llama_yarn["rope_scaling"], 8)[0])), True),
          ("no ramp: every frequency interpolated (linear / factor) with attention_factor",
           map_rope(lambda i, r: (lambda f: (lambda n: f))(
               yarn_inv_freq(llama_yarn, 10000.0, llama_yarn["rope_scaling"], 8, ramp=False))), True),
          ("correction range from max_position_embeddings (transformers 4.45 reading)",
           map_rope(lambda i, r: (lambda f: (lambda n: f))(
               yarn_inv_freq(dict(llama_yarn, max_position_embeddings=512), 10000.0,
                             {"rope_type": "yarn", "factor": 16.0}, 8))), True)]),
        ("llama_linear", llama_linear, 1010, LLAMA_GAINS, "F32", "llama_family",
         "src/transformers/modeling_rope_utils.py: _compute_linear_scaling_rope_parameters (inv_freq / factor); "
         "models/llama/modeling_llama.py",
         [("plain rope", plain_rope(llama_linear), True)]),
        ("llama_bf16", llama_bf16, 1111, LLAMA_GAINS, "BF16", "llama_family",
         "models/llama/modeling_llama.py (LlamaForCausalLM) on a checkpoint whose tensors are all BF16, "
         "widened exactly to float64",
         [("weights at their float32 values before bf16 rounding", "unrounded", False)]),
    ]


def llama_family(spec, w):
    """Llama-style decoders (modeling_llama / modeling_mistral / modeling_mixtral / modeling_qwen3 /
    modeling_qwen2_moe): pre-norm LlamaRMSNorm, SwiGLU or MoE MLP, rotate-half RoPE."""
    return log_likelihoods(spec, w)


def gemma_family(spec, w):
    """Gemma / Gemma 2 / Gemma 3 text decoders: (1 + w) RMSNorms, scaled embeddings, GeGLU (tanh)."""
    return log_likelihoods(spec, w)


def relative_change(base, other):
    return max(abs(a - b) / abs(a) for a, b in zip(base, other))


def main(root):
    root = Path(root)
    tokenizer = root / "llama" / "tokenizer.json"
    table = []
    failures = []
    for name, config, seed, gains, dtype, function, follows, ablations in fixtures():
        folder = root / name
        folder.mkdir(parents=True, exist_ok=True)
        (folder / "config.json").write_text(json.dumps(config, indent=2, sort_keys=True) + "\n")
        raw = build_weights(config, seed, gains)
        write_safetensors(folder / "model.safetensors", raw, dtype)
        if tokenizer.resolve() != (folder / "tokenizer.json").resolve():
            shutil.copyfile(tokenizer, folder / "tokenizer.json")
        weights = {k: torch.tensor(v) for k, v in read_safetensors(folder / "model.safetensors").items()}
        assert sorted(weights) == sorted(raw)
        spec = spec_from_config(json.loads((folder / "config.json").read_text()))
        forward = {"llama_family": llama_family, "gemma_family": gemma_family}[function]
        scores = forward(spec, weights)
        assert all(math.isfinite(s) for s in scores)
        (folder / "expected.json").write_text(json.dumps({
            "texts": TEXTS, "logLikelihoods": scores, "reference": f"{SCRIPT}::{function}", "follows": follows,
        }, indent=2) + "\n")
        size = (folder / "model.safetensors").stat().st_size
        print(f"{name:14s} {config['model_type']:12s} {size:7d} B  " + " ".join(f"{s:.6f}" for s in scores))
        for label, change, asserted in ablations:
            if change == "unrounded":
                other = forward(spec, {k: torch.tensor(v.astype(np.float32).astype(np.float64)) for k, v in raw.items()})
            else:
                other = forward(change(spec), weights)
            rel = relative_change(scores, other)
            if asserted == "zero":
                ok = rel < 1e-12
                mark = "== 0"
            elif asserted:
                ok = rel > THRESHOLD
                mark = "> 1e-2"
            else:
                ok, mark = True, "info"
            table.append((name, label, rel, mark, ok))
            if not ok:
                failures.append((name, label, rel))
    print()
    print(f"{'fixture':14s} {'ablation':88s} {'max rel. change':>15s}  check")
    for name, label, rel, mark, ok in table:
        print(f"{name:14s} {label:88s} {rel:15.3e}  {mark} {'ok' if ok else 'FAIL'}")
    if failures:
        raise SystemExit(f"ablations that did not matter: {failures}")


if __name__ == "__main__":
    with torch.no_grad():
        main(sys.argv[1])
