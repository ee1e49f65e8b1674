#!/usr/bin/env python3
"""Independent float64 reference for the decoder families of group B: falcon (7B multi-query, 40B
grouped "new decoder architecture", RW ALiBi), phi (phi-2, and with qk_layernorm), phi3 (LongRoPE,
and Phi-4-mini style partial rotary), stablelm (partial rotary 0.25, and per-head q/k LayerNorm with
the parallel residual of stablelm-2-12b), starcoder2 (sliding window), granite (muP multipliers),
olmo (parameter-free LayerNorm, clip_qkv) and olmo2 (post norms, full-width q/k RMSNorm).

Each family's forward pass is written here, in PyTorch float64, from the Hugging Face transformers
modelling code named in its docstring (facts taken: formulas, key names, config fields and defaults;
no code of the Java scorer under test was read or used). The script writes, for every fixture, a
folder under the fixtures root with:
  config.json        the fields the transformers configuration class writes, in the layout of the
                     released checkpoints (rope_theta / rope_scaling / partial_rotary_factor at the top
                     level, as transformers 4.x writes them and as the checkpoints on the Hub carry them)
  model.safetensors  random float32 weights (numpy default_rng, fixed seed per fixture), tensor names
                     and shapes exactly as save_pretrained writes them for the *ForCausalLM class
                     (tied lm_head not saved), written by the small writer below
  tokenizer.json     a copy of the byte-level tokenizer of the llama fixture (id = byte, 256 = <|endoftext|>)
  expected.json      per text: sum over t >= 1 of log_softmax(logits[t-1])[ids[t]], ids = [256] + utf-8 bytes,
                     one text at a time, float64, eval mode
The weights are read back from the written file (float32 widened to float64) before scoring.

Checked once, outside this script, against transformers 5.18.0 (torch 2.13 CPU, weights loaded with
from_pretrained from these folders, no missing or unexpected keys, model in float64, eager and SDPA):
every log-likelihood agrees to a relative 1.1e-7 or better (the residue is transformers' float32
rotary tables), except falcon_rw under eager attention (see falcon_logits).

After the expected values the script switches each family's distinctive mechanism off (or swaps it
for the plausible wrong variant) and asserts that the log-likelihoods move by more than 1e-2
relative on at least one text, printing the table of these ablations.

    apt-get install python3-torch python3-numpy
    /usr/bin/python3 scorer-worker/src/test/python/reference_decoders_b.py scorer-worker/src/test/resources/fixtures
"""
import json
import math
import shutil
import struct
import sys
from pathlib import Path

import numpy as np
import torch

sys.path.insert(0, str(Path(__file__).resolve().parent))
from safetensors_numpy import read_safetensors  # noqa: E402

TEXTS = [
    "The quiet river carries the old letter downstream.",
    "def add(a, b):\n    return a + b\n",
    "Größe, naïve café — ünïcödé ✓ 😀",
    "| year | value |\n| 2024 | 3.14 |",
    "x",
    # 225 UTF-8 bytes (226 ids with the start token): longer than every sliding window and than the
    # LongRoPE original_max_position_embeddings of the fixtures below, shorter than 256 and than
    # max_position_embeddings.
    "Über den Fluß trägt die Fähre 42 Kisten; the ferryman hums «καλή μέρα, θάλασσα» and 你好，世界 "
    "before noon — naïve plans fail, Größe matters, and everyone laughs 😀🚢 as the tide turns east.",
]
BOS = 256
SCRIPT = "reference_decoders_b.py"
MIN_RELATIVE_CHANGE = 1e-2
F64 = torch.float64


# ----------------------------------------------------------------------------------------------
# Shared pieces (float64)
# ----------------------------------------------------------------------------------------------

def layer_norm(x, weight=None, bias=None, eps=1e-5):
    """torch.nn.LayerNorm: (x - mean) / sqrt(biased var + eps) * weight + bias."""
    mean = x.mean(-1, keepdim=True)
    var = ((x - mean) ** 2).mean(-1, keepdim=True)
    y = (x - mean) / torch.sqrt(var + eps)
    if weight is not None:
        y = y * weight
    if bias is not None:
        y = y + bias
    return y


def rms_norm(x, weight, eps):
    """LlamaRMSNorm / Phi3RMSNorm / GraniteRMSNorm / Olmo2RMSNorm: x * rsqrt(mean(x^2) + eps) * weight."""
    return x / torch.sqrt(x.pow(2).mean(-1, keepdim=True) + eps) * weight


def gelu_erf(x):
    """ACT2FN["gelu"]: exact GELU, 0.5 x (1 + erf(x / sqrt 2))."""
    return 0.5 * x * (1.0 + torch.erf(x / math.sqrt(2.0)))


def gelu_tanh(x):
    """ACT2FN["gelu_new"] and ACT2FN["gelu_pytorch_tanh"]: 0.5 x (1 + tanh(sqrt(2/pi) (x + 0.044715 x^3)))."""
    return 0.5 * x * (1.0 + torch.tanh(math.sqrt(2.0 / math.pi) * (x + 0.044715 * x ** 3)))


def silu(x):
    return x * torch.sigmoid(x)


def rotate_half(x):
    half = x.shape[-1] // 2
    return torch.cat((-x[..., half:], x[..., :half]), dim=-1)


def default_inv_freq(theta, dim):
    """_compute_default_rope_parameters: 1 / theta^(arange(0, dim, 2) / dim), dim = rotary dims."""
    return 1.0 / theta ** (torch.arange(0, dim, 2, dtype=F64) / dim)


def rope_tables(n, inv_freq, scale=1.0):
    """*RotaryEmbedding.forward: emb = cat(freqs, freqs); cos/sin times attention_scaling."""
    freqs = torch.outer(torch.arange(n, dtype=F64), inv_freq)
    emb = torch.cat((freqs, freqs), dim=-1)
    return emb.cos() * scale, emb.sin() * scale


def apply_rope(x, cos, sin):
    """apply_rotary_pos_emb on the first cos.shape[-1] dims (rotate_half inside that part), rest passed."""
    rd = cos.shape[-1]
    rot, rest = x[..., :rd], x[..., rd:]
    return torch.cat((rot * cos + rotate_half(rot) * sin, rest), dim=-1)


def attend(q, k, v, scale, bias=None, window=None, kv_of_head=None):
    """Causal softmax attention. q: [H, n, d]; k, v: [KV, n, d]. Query head h reads key/value head
    kv_of_head[h] (default h // (H / KV), as repeat_kv). bias: [H, 1 or n, n] added to the scaled
    scores. window: key j visible from query i iff i - window < j <= i (masking_utils
    sliding_window_overlay: kv_idx > q_idx - sliding_window)."""
    heads, n = q.shape[0], q.shape[1]
    if kv_of_head is None:
        kv_of_head = [h // (heads // k.shape[0]) for h in range(heads)]
    k, v = k[kv_of_head], v[kv_of_head]
    scores = q @ k.transpose(-1, -2) * scale
    if bias is not None:
        scores = scores + bias
    i = torch.arange(n).view(-1, 1)
    j = torch.arange(n).view(1, -1)
    allowed = j <= i
    if window is not None:
        allowed = allowed & (j > i - window)
    scores = scores.masked_fill(~allowed, float("-inf"))
    return torch.softmax(scores, dim=-1) @ v


def heads_of(x, count, hd):
    """[n, count * hd] -> [count, n, hd] (view(n, count, hd).transpose)."""
    return x.view(x.shape[0], count, hd).transpose(0, 1)


def merge(o):
    """[H, n, hd] -> [n, H * hd]."""
    return o.transpose(0, 1).reshape(o.shape[1], -1)


def linear(w, name, x):
    """nn.Linear: x W^T (+ b when the checkpoint has the bias)."""
    y = x @ w[name + ".weight"].T
    if name + ".bias" in w:
        y = y + w[name + ".bias"]
    return y


# ----------------------------------------------------------------------------------------------
# falcon
# ----------------------------------------------------------------------------------------------

def falcon_slopes(heads):
    """build_alibi_tensor's slopes: base 2^(-2^-(log2(p) - 3)) for p = 2^floor(log2 heads), powers 1..p,
    then for the remaining heads base 2^(-2^-(log2(2p) - 3)) with odd powers 1, 3, ..."""
    p = 2 ** math.floor(math.log2(heads))
    base = 2.0 ** (-(2.0 ** -(math.log2(p) - 3)))
    slopes = [base ** k for k in range(1, p + 1)]
    if p != heads:
        extra = 2.0 ** (-(2.0 ** -(math.log2(2 * p) - 3)))
        slopes += [extra ** k for k in range(1, 1 + 2 * min(p, heads - p), 2)]
    return torch.tensor(slopes, dtype=F64)


def falcon_logits(config, w, ids, ab=frozenset()):
    """transformers/models/falcon/modeling_falcon.py (with configuration_falcon.py):
    FalconModel.forward, FalconDecoderLayer.forward, FalconAttention._split_heads / forward (the eager
    and the SDPA paths agree), FalconMLP, build_alibi_tensor, FalconRotaryEmbedding,
    FalconForCausalLM (lm_head tied to transformer.word_embeddings unless tie_word_embeddings=false).

    - query_key_value is split three ways:
        new_decoder_architecture: view(n, num_kv_heads, H/num_kv_heads + 2, hd): per kv group the
            group's query heads, then its key, then its value; query head h uses group h // (H/KV).
        multi_query (old architecture): view(n, H + 2, hd): H query heads, one key, one value (all
            heads share them; config num_kv_heads is ignored).
        otherwise: view(n, H, 3, hd): per head [q_h, k_h, v_h] interleaved.
    - alibi=true: no rotary; scores = (q.k + slope_h * j) / sqrt(hd), j the key position: the
      ALiBi bias is scaled by 1/sqrt(head_dim) too (BLOOM adds it unscaled). Slopes are rounded
      through bfloat16 (slopes[..., None].bfloat16() * positions): exact for powers of two times
      positions < 256, as here. This is the SDPA path, which FalconPreTrainedModel._check_and_enable_sdpa
      makes the default: FalconModel folds alibi / sqrt(hd) into the causal mask. The eager path
      (attn_implementation="eager") adds (q.k + alibi) / sqrt(hd) AND that mask, i.e. the bias twice;
      this reference follows the default (single) bias, which is also the original Falcon code's.
    - parallel_attn / new_decoder_architecture: out = x + attn(ln_a(x)) + mlp(ln_m(x)) with ln_a/ln_m
      = ln_attn/ln_mlp when new_decoder_architecture and num_ln_in_parallel_attn (None -> 2) == 2,
      else both input_layernorm. Sequential: y = x + attn(input_layernorm(x)),
      out = y + mlp(post_attention_layernorm(y)).
    - MLP: dense_4h_to_h(act(dense_h_to_4h(x))), act = config.activation ("gelu": exact erf GELU).
    """
    heads, d = config["num_attention_heads"], config["hidden_size"]
    hd = d // heads
    eps = config["layer_norm_epsilon"]
    new_arch = config["new_decoder_architecture"]
    kv = config["num_kv_heads"] if (new_arch or not config["multi_query"]) else 1
    n_ln = config.get("num_ln_in_parallel_attn")
    if n_ln is None and new_arch:
        n_ln = 2
    parallel = (config["parallel_attn"] or "parallel" in ab) and "sequential" not in ab
    alibi = config["alibi"] and "alibi_off" not in ab
    act = {"gelu": gelu_erf}[config.get("activation", "gelu")]
    ln = lambda x, name: layer_norm(x, w[name + ".weight"], w[name + ".bias"], eps)
    n = len(ids)
    cos, sin = rope_tables(n, default_inv_freq(config.get("rope_theta", 10000.0), hd))
    slopes = falcon_slopes(heads)
    if "alibi_equal_slopes" in ab:
        slopes = torch.full_like(slopes, float(slopes[0]))
    x = w["transformer.word_embeddings.weight"][ids]
    for layer in range(config["num_hidden_layers"]):
        p = f"transformer.h.{layer}."
        if new_arch and n_ln == 2:
            attn_in = ln(x, p + "ln_attn")
            mlp_in = ln(x, p + ("ln_attn" if "single_ln" in ab else "ln_mlp"))
        else:
            attn_in = ln(x, p + "input_layernorm")
            mlp_in = attn_in
        qkv = linear(w, p + "self_attention.query_key_value", attn_in)
        kv_of_head = None
        if "qkv_split_contiguous" in ab:  # wrong: [all q | all k | all v] as in Llama-style fused weights
            q, k, v = qkv.split([heads * hd, kv * hd, kv * hd], dim=-1)
            q, k, v = heads_of(q, heads, hd), heads_of(k, kv, hd), heads_of(v, kv, hd)
        elif new_arch:
            g = qkv.view(n, kv, heads // kv + 2, hd)
            q = g[:, :, :-2].reshape(n, heads, hd).transpose(0, 1)
            k = g[:, :, -2].transpose(0, 1)
            v = g[:, :, -1].transpose(0, 1)
            if "kv_group_interleaved" in ab:  # wrong: head h reads kv h % KV
                kv_of_head = [h % kv for h in range(heads)]
        elif config["multi_query"]:
            s = qkv.view(n, heads + 2, hd)
            if "kv_first" in ab:  # wrong: key and value in the first two slots
                k, v, q = s[:, :1], s[:, 1:2], s[:, 2:]
            else:
                q, k, v = s[:, :heads], s[:, heads:heads + 1], s[:, heads + 1:]
            q, k, v = q.transpose(0, 1), k.transpose(0, 1), v.transpose(0, 1)
        else:
            s = qkv.view(n, heads, 3, hd)
            q, k, v = s[:, :, 0].transpose(0, 1), s[:, :, 1].transpose(0, 1), s[:, :, 2].transpose(0, 1)
        bias = None
        if alibi:
            positions = torch.arange(n, dtype=F64)
            bias = (slopes.view(-1, 1) * positions.view(1, -1)).view(heads, 1, n)
            if "alibi_unscaled" not in ab:
                bias = bias / math.sqrt(hd)
        elif "rotary_off" not in ab and not config["alibi"]:
            q, k = apply_rope(q, cos, sin), apply_rope(k, cos, sin)
        o = attend(q, k, v, 1.0 / math.sqrt(hd), bias=bias, kv_of_head=kv_of_head)
        attn_out = linear(w, p + "self_attention.dense", merge(o))
        mlp = lambda t: linear(w, p + "mlp.dense_4h_to_h", act(linear(w, p + "mlp.dense_h_to_4h", t)))
        if new_arch or parallel:
            x = x + mlp(mlp_in) + attn_out
        else:
            y = x + attn_out
            # post_attention_layernorm exists only in sequential checkpoints; the "sequential" ablation
            # of a parallel one goes through its only norm, input_layernorm.
            x = y + mlp(ln(y, p + ("input_layernorm" if config["parallel_attn"] else "post_attention_layernorm")))
    x = ln(x, "transformer.ln_f")
    head = w["lm_head.weight"] if "lm_head.weight" in w else w["transformer.word_embeddings.weight"]
    return x @ head.T


# ----------------------------------------------------------------------------------------------
# phi
# ----------------------------------------------------------------------------------------------

def phi_logits(config, w, ids, ab=frozenset()):
    """transformers/models/phi/modeling_phi.py: PhiModel.forward, PhiDecoderLayer.forward (attention and
    MLP in parallel off ONE input_layernorm: x + attn(ln(x)) + mlp(ln(x))), PhiAttention.forward
    (q/k/v_proj with bias; optional q_layernorm/k_layernorm = nn.LayerNorm(head_dim) with weight and
    bias, ONE per projection shared by all heads, applied per head after the head split and before
    rotary; partial rotary: the first rotary_ndims = int(head_dim * partial_rotary_factor) dims of each
    head rotated with rotate_half inside that part, inv_freq over rotary_ndims; scaling head_dim^-0.5;
    output self_attn.dense with bias), PhiMLP (fc2(gelu_new(fc1))), model.final_layernorm,
    PhiForCausalLM.lm_head = nn.Linear(hidden, vocab, bias=True)."""
    heads, d = config["num_attention_heads"], config["hidden_size"]
    hd = d // heads
    kv = config.get("num_key_value_heads") or heads
    eps = config["layer_norm_eps"]
    rot = hd if "rotary_full" in ab else int(hd * config["partial_rotary_factor"])
    cos, sin = rope_tables(len(ids), default_inv_freq(config["rope_theta"], rot))
    act = {"gelu_new": gelu_tanh, "gelu": gelu_erf}[config["hidden_act"]]
    if "gelu_erf" in ab:
        act = gelu_erf
    ln = lambda x, name: layer_norm(x, w[name + ".weight"], w[name + ".bias"], eps)
    x = w["model.embed_tokens.weight"][ids]
    for layer in range(config["num_hidden_layers"]):
        p = f"model.layers.{layer}."
        h = ln(x, p + "input_layernorm")
        q = heads_of(linear(w, p + "self_attn.q_proj", h), heads, hd)
        k = heads_of(linear(w, p + "self_attn.k_proj", h), kv, hd)
        v = heads_of(linear(w, p + "self_attn.v_proj", h), kv, hd)
        if config.get("qk_layernorm") and "qk_layernorm_off" not in ab:
            q = ln(q, p + "self_attn.q_layernorm")
            k = ln(k, p + "self_attn.k_layernorm")
        q, k = apply_rope(q, cos, sin), apply_rope(k, cos, sin)
        attn_out = linear(w, p + "self_attn.dense", merge(attend(q, k, v, hd ** -0.5)))
        if "sequential" in ab:
            x = x + attn_out
            h = ln(x, p + "input_layernorm")
            x = x + linear(w, p + "mlp.fc2", act(linear(w, p + "mlp.fc1", h)))
        else:
            x = x + attn_out + linear(w, p + "mlp.fc2", act(linear(w, p + "mlp.fc1", h)))
    x = ln(x, "model.final_layernorm")
    logits = x @ w["lm_head.weight"].T
    if "no_lm_head_bias" not in ab:
        logits = logits + w["lm_head.bias"]
    return logits


# ----------------------------------------------------------------------------------------------
# phi3
# ----------------------------------------------------------------------------------------------

def phi3_rope(config, n, ab=frozenset()):
    """modeling_rope_utils._compute_longrope_parameters and dynamic_rope_update's
    longrope_frequency_update, with Phi3RotaryEmbedding.forward:
      dim = int(head_dim * partial_rotary_factor); ext = long_factor if seq_len >
      original_max_position_embeddings else short_factor, where seq_len = max(position_ids) + 1 = n, the
      length of the whole sequence in this forward call (one choice for all its positions);
      inv_freq = 1 / (ext * theta^(arange(0, dim, 2) / dim));
      factor = rope_scaling["factor"] if given else max_position_embeddings / original_max_position_embeddings;
      attention_factor = rope_scaling["attention_factor"] if given else (1 if factor <= 1 else
      sqrt(1 + ln(factor) / ln(original_max_position_embeddings))), multiplied into cos AND sin (so
      into the rotated dims of q and k only), for short and long sequences alike.
    original_max_position_embeddings is read from the top level of the config (Phi-3 writes it there)."""
    hd = config["hidden_size"] // config["num_attention_heads"]
    theta = config.get("rope_theta", 10000.0)
    prf = config.get("partial_rotary_factor", 1.0)
    dim = int(hd * prf)
    scaling = config.get("rope_scaling")
    if not scaling:
        return rope_tables(n, default_inv_freq(theta, dim))
    kind = scaling.get("rope_type", scaling.get("type"))
    assert kind in ("longrope", "su"), kind
    original = config.get("original_max_position_embeddings", scaling.get("original_max_position_embeddings"))
    factor = scaling.get("factor") or config["max_position_embeddings"] / original
    attention_factor = scaling.get("attention_factor")
    if attention_factor is None:
        attention_factor = 1.0 if factor <= 1.0 else math.sqrt(1 + math.log(factor) / math.log(original))
    long = n > original
    if "short_factors_always" in ab:
        long = False
    if "long_factors_always" in ab:
        long = True
    ext = torch.tensor(scaling["long_factor" if long else "short_factor"], dtype=F64)
    if "partial_off" in ab:  # wrong: rotate the whole head (factor list padded with its last value)
        dim = hd
        ext = torch.cat((ext, ext[-1:].repeat(dim // 2 - len(ext))))
    if "no_attention_factor" in ab:
        attention_factor = 1.0
    inv_freq = 1.0 / (ext * theta ** (torch.arange(0, dim, 2, dtype=F64) / dim))
    return rope_tables(n, inv_freq, attention_factor)


def phi3_logits(config, w, ids, ab=frozenset()):
    """transformers/models/phi3/modeling_phi3.py: Phi3Model.forward, Phi3DecoderLayer.forward
    (pre-norm, RMSNorm input_layernorm / post_attention_layernorm), Phi3Attention.forward (fused
    qkv_proj, no bias: rows [0, H*hd) query, next KV*hd key, rest value; rotary via
    apply_rotary_pos_emb on the first cos.shape[-1] dims), Phi3MLP.forward (gate_up_proj output
    chunked in two: FIRST half gate, SECOND half up; down_proj(up * silu(gate))), Phi3RotaryEmbedding
    with longrope (see phi3_rope), model.norm, lm_head (tied to embed_tokens when tie_word_embeddings).
    Sliding window: none in these fixtures (sliding_window null)."""
    heads, d = config["num_attention_heads"], config["hidden_size"]
    hd = d // heads
    kv = config.get("num_key_value_heads") or heads
    eps = config["rms_norm_eps"]
    cos, sin = phi3_rope(config, len(ids), ab)
    x = w["model.embed_tokens.weight"][ids]
    for layer in range(config["num_hidden_layers"]):
        p = f"model.layers.{layer}."
        h = rms_norm(x, w[p + "input_layernorm.weight"], eps)
        qkv = linear(w, p + "self_attn.qkv_proj", h)
        q, k, v = qkv.split([heads * hd, kv * hd, kv * hd], dim=-1)
        q, k, v = heads_of(q, heads, hd), heads_of(k, kv, hd), heads_of(v, kv, hd)
        q, k = apply_rope(q, cos, sin), apply_rope(k, cos, sin)
        x = x + linear(w, p + "self_attn.o_proj", merge(attend(q, k, v, hd ** -0.5, window=config.get("sliding_window"))))
        h = rms_norm(x, w[p + "post_attention_layernorm.weight"], eps)
        gate, up = linear(w, p + "mlp.gate_up_proj", h).chunk(2, dim=-1)
        if "gate_up_swapped" in ab:
            gate, up = up, gate
        x = x + linear(w, p + "mlp.down_proj", up * silu(gate))
    x = rms_norm(x, w["model.norm.weight"], eps)
    head = w["lm_head.weight"] if "lm_head.weight" in w else w["model.embed_tokens.weight"]
    return x @ head.T


# ----------------------------------------------------------------------------------------------
# stablelm
# ----------------------------------------------------------------------------------------------

def stablelm_logits(config, w, ids, ab=frozenset()):
    """transformers/models/stablelm/modeling_stablelm.py: StableLmModel.forward, StableLmDecoderLayer
    (nn.LayerNorm WITH bias, eps layer_norm_eps; use_parallel_residual=false: y = x + attn(ln1(x)),
    out = y + mlp(post_attention_layernorm(y)); true: out = x + attn(ln1(x)) + mlp(ln1(x)) and no
    post_attention_layernorm exists), StableLmAttention (q/k/v_proj bias = use_qkv_bias, o_proj no bias;
    qk_layernorm: StableLmLayerNormPerHead = one nn.LayerNorm(head_dim, bias=False) PER HEAD,
    q_layernorm.norms.{0..H-1}, k_layernorm.norms.{0..KV-1}, applied after the head split and before
    rotary; partial rotary: rotary_ndims = int(head_dim * partial_rotary_factor), inv_freq over
    rotary_ndims, rotate_half inside the first rotary_ndims dims), StableLmMLP
    (down(silu(gate(x)) * up(x))), model.norm LayerNorm, lm_head without bias."""
    heads, d = config["num_attention_heads"], config["hidden_size"]
    hd = d // heads
    kv = config.get("num_key_value_heads") or heads
    eps = config["layer_norm_eps"]
    rot = hd if "rotary_full" in ab else int(hd * config["partial_rotary_factor"])
    cos, sin = rope_tables(len(ids), default_inv_freq(config["rope_theta"], rot))
    no_ln_bias = "ln_no_bias" in ab
    ln = lambda x, name: layer_norm(x, w[name + ".weight"], None if no_ln_bias else w[name + ".bias"], eps)
    lin = (lambda name, x: x @ w[name + ".weight"].T) if "no_qkv_bias" in ab else (lambda name, x: linear(w, name, x))

    def per_head(t, name, count):
        if "qk_layernorm_head0_shared" in ab:
            return torch.stack([layer_norm(t[i], w[f"{name}.norms.0.weight"], None, eps) for i in range(count)])
        return torch.stack([layer_norm(t[i], w[f"{name}.norms.{i}.weight"], None, eps) for i in range(count)])

    x = w["model.embed_tokens.weight"][ids]
    for layer in range(config["num_hidden_layers"]):
        p = f"model.layers.{layer}."
        h = ln(x, p + "input_layernorm")
        q = heads_of(lin(p + "self_attn.q_proj", h), heads, hd)
        k = heads_of(lin(p + "self_attn.k_proj", h), kv, hd)
        v = heads_of(lin(p + "self_attn.v_proj", h), kv, hd)
        if config.get("qk_layernorm") and "qk_layernorm_off" not in ab:
            q = per_head(q, p + "self_attn.q_layernorm", heads)
            k = per_head(k, p + "self_attn.k_layernorm", kv)
        q, k = apply_rope(q, cos, sin), apply_rope(k, cos, sin)
        attn_out = linear(w, p + "self_attn.o_proj", merge(attend(q, k, v, hd ** -0.5)))
        mlp = lambda t: linear(w, p + "mlp.down_proj",
                               silu(linear(w, p + "mlp.gate_proj", t)) * linear(w, p + "mlp.up_proj", t))
        if config["use_parallel_residual"] and "sequential" not in ab:
            x = x + attn_out + mlp(h)
        elif config["use_parallel_residual"]:  # ablation: sequential through the only norm there is
            x = x + attn_out
            x = x + mlp(ln(x, p + "input_layernorm"))
        else:
            x = x + attn_out
            x = x + mlp(ln(x, p + "post_attention_layernorm"))
    x = ln(x, "model.norm")
    head = w["lm_head.weight"] if "lm_head.weight" in w else w["model.embed_tokens.weight"]
    return x @ head.T


# ----------------------------------------------------------------------------------------------
# starcoder2
# ----------------------------------------------------------------------------------------------

def starcoder2_logits(config, w, ids, ab=frozenset()):
    """transformers/models/starcoder2/modeling_starcoder2.py: Starcoder2Model.forward (sliding-window
    causal mask when sliding_window is set: query i sees keys i - W < j <= i, W keys including itself,
    masking_utils.sliding_window_overlay), Starcoder2DecoderLayer (pre-norm nn.LayerNorm with bias,
    eps norm_epsilon), Starcoder2Attention (q/k/v/o_proj with bias = use_bias, GQA by repeat_kv:
    query head h reads kv head h // (H/KV); full rotary, rotate_half), Starcoder2MLP
    (c_proj(gelu_pytorch_tanh(c_fc(x))), biases = use_bias), model.norm, lm_head tied to
    embed_tokens (tie_word_embeddings defaults to true)."""
    heads, d = config["num_attention_heads"], config["hidden_size"]
    hd = d // heads
    kv = config["num_key_value_heads"]
    eps = config["norm_epsilon"]
    cos, sin = rope_tables(len(ids), default_inv_freq(config["rope_theta"], hd))
    act = {"gelu_pytorch_tanh": gelu_tanh, "gelu": gelu_erf}[config["hidden_act"]]
    if "gelu_erf" in ab:
        act = gelu_erf
    window = None if "window_off" in ab else config.get("sliding_window")
    kv_of_head = [h % kv for h in range(heads)] if "kv_group_interleaved" in ab else None
    lin = (lambda name, x: x @ w[name + ".weight"].T) if "no_bias" in ab else (lambda name, x: linear(w, name, x))
    ln = lambda x, name: layer_norm(x, w[name + ".weight"], w[name + ".bias"], eps)
    x = w["model.embed_tokens.weight"][ids]
    for layer in range(config["num_hidden_layers"]):
        p = f"model.layers.{layer}."
        h = ln(x, p + "input_layernorm")
        q = heads_of(lin(p + "self_attn.q_proj", h), heads, hd)
        k = heads_of(lin(p + "self_attn.k_proj", h), kv, hd)
        v = heads_of(lin(p + "self_attn.v_proj", h), kv, hd)
        q, k = apply_rope(q, cos, sin), apply_rope(k, cos, sin)
        x = x + lin(p + "self_attn.o_proj", merge(attend(q, k, v, hd ** -0.5, window=window, kv_of_head=kv_of_head)))
        h = ln(x, p + "post_attention_layernorm")
        x = x + lin(p + "mlp.c_proj", act(lin(p + "mlp.c_fc", h)))
    x = ln(x, "model.norm")
    head = w["lm_head.weight"] if "lm_head.weight" in w else w["model.embed_tokens.weight"]
    return x @ head.T


# ----------------------------------------------------------------------------------------------
# granite
# ----------------------------------------------------------------------------------------------

def granite_logits(config, w, ids, ab=frozenset()):
    """transformers/models/granite/modeling_granite.py: GraniteModel.forward (inputs_embeds *
    embedding_multiplier), GraniteDecoderLayer (x + sublayer(rmsnorm(x)) * residual_multiplier, for
    attention and MLP), GraniteAttention (Llama attention with scaling = attention_multiplier instead of
    head_dim^-0.5), GraniteMLP (SwiGLU), GraniteForCausalLM.forward (logits = lm_head(norm(x)) /
    logits_scaling)."""
    heads, d = config["num_attention_heads"], config["hidden_size"]
    hd = d // heads
    kv = config.get("num_key_value_heads") or heads
    eps = config["rms_norm_eps"]
    em = 1.0 if "embedding_multiplier_1" in ab else config["embedding_multiplier"]
    am = hd ** -0.5 if "attention_multiplier_rsqrt" in ab else config["attention_multiplier"]
    rm = 1.0 if "residual_multiplier_1" in ab else config["residual_multiplier"]
    ls = 1.0 if "logits_scaling_1" in ab else config["logits_scaling"]
    cos, sin = rope_tables(len(ids), default_inv_freq(config["rope_theta"], hd))
    x = w["model.embed_tokens.weight"][ids] * em
    for layer in range(config["num_hidden_layers"]):
        p = f"model.layers.{layer}."
        h = rms_norm(x, w[p + "input_layernorm.weight"], eps)
        q = heads_of(linear(w, p + "self_attn.q_proj", h), heads, hd)
        k = heads_of(linear(w, p + "self_attn.k_proj", h), kv, hd)
        v = heads_of(linear(w, p + "self_attn.v_proj", h), kv, hd)
        q, k = apply_rope(q, cos, sin), apply_rope(k, cos, sin)
        x = x + linear(w, p + "self_attn.o_proj", merge(attend(q, k, v, am))) * rm
        h = rms_norm(x, w[p + "post_attention_layernorm.weight"], eps)
        mlp = linear(w, p + "mlp.down_proj", silu(linear(w, p + "mlp.gate_proj", h)) * linear(w, p + "mlp.up_proj", h))
        x = x + mlp * rm
    x = rms_norm(x, w["model.norm.weight"], eps)
    head = w["lm_head.weight"] if "lm_head.weight" in w else w["model.embed_tokens.weight"]
    return (x @ head.T) / ls


# ----------------------------------------------------------------------------------------------
# olmo
# ----------------------------------------------------------------------------------------------

def olmo_logits(config, w, ids, ab=frozenset()):
    """transformers/models/olmo/modeling_olmo.py: OlmoLayerNorm (F.layer_norm with NO weight and NO bias,
    eps fixed at 1e-5, not a config field; no norm tensors in the checkpoint), OlmoDecoderLayer
    (pre-norm Llama layout), OlmoAttention.forward (q/k/v_proj outputs clamped to
    [-clip_qkv, clip_qkv] when clip_qkv is set, before the head split and rotary), OlmoMLP (SwiGLU),
    model.norm = OlmoLayerNorm, lm_head."""
    heads, d = config["num_attention_heads"], config["hidden_size"]
    hd = d // heads
    kv = config.get("num_key_value_heads") or heads
    clip = None if "clip_off" in ab else config.get("clip_qkv")
    cos, sin = rope_tables(len(ids), default_inv_freq(config["rope_theta"], hd))
    norm = lambda x: layer_norm(x, None, None, 1e-5)
    clamp = (lambda t: t) if clip is None else (lambda t: t.clamp(-clip, clip))
    x = w["model.embed_tokens.weight"][ids]
    for layer in range(config["num_hidden_layers"]):
        p = f"model.layers.{layer}."
        h = norm(x)
        q = heads_of(clamp(linear(w, p + "self_attn.q_proj", h)), heads, hd)
        k = heads_of(clamp(linear(w, p + "self_attn.k_proj", h)), kv, hd)
        v = heads_of(clamp(linear(w, p + "self_attn.v_proj", h)), kv, hd)
        q, k = apply_rope(q, cos, sin), apply_rope(k, cos, sin)
        x = x + linear(w, p + "self_attn.o_proj", merge(attend(q, k, v, hd ** -0.5)))
        h = norm(x)
        x = x + linear(w, p + "mlp.down_proj", silu(linear(w, p + "mlp.gate_proj", h)) * linear(w, p + "mlp.up_proj", h))
    x = norm(x)
    head = w["lm_head.weight"] if "lm_head.weight" in w else w["model.embed_tokens.weight"]
    return x @ head.T


# ----------------------------------------------------------------------------------------------
# olmo2
# ----------------------------------------------------------------------------------------------

def olmo2_logits(config, w, ids, ab=frozenset()):
    """transformers/models/olmo2/modeling_olmo2.py: Olmo2DecoderLayer.forward (NO input norm:
    y = x + post_attention_layernorm(attn(x)); out = y + post_feedforward_layernorm(mlp(y))),
    Olmo2Attention.forward (q = q_norm(q_proj(x)), k = k_norm(k_proj(x)) with Olmo2RMSNorm over the
    WHOLE projection width, H*hd resp. KV*hd, before the head split and rotary), Olmo2RMSNorm
    (eps rms_norm_eps), Olmo2MLP (SwiGLU), model.norm (RMSNorm), lm_head."""
    heads, d = config["num_attention_heads"], config["hidden_size"]
    hd = d // heads
    kv = config.get("num_key_value_heads") or heads
    eps = config["rms_norm_eps"]
    cos, sin = rope_tables(len(ids), default_inv_freq(config["rope_theta"], hd))
    rms = lambda x, name: rms_norm(x, w[name + ".weight"], eps)

    def qk_norm(t, name, count):
        if "qk_norm_off" in ab:
            return t
        if "qk_norm_per_head" in ab:  # wrong: RMS statistics per head (weights still per channel)
            g = w[name + ".weight"].view(count, hd)
            return rms_norm(t.view(t.shape[0], count, hd), g, eps).reshape(t.shape)
        return rms(t, name)

    x = w["model.embed_tokens.weight"][ids]
    for layer in range(config["num_hidden_layers"]):
        p = f"model.layers.{layer}."
        pre = "post_norm_as_pre_norm" in ab
        h = rms(x, p + "post_attention_layernorm") if pre else x
        q = heads_of(qk_norm(linear(w, p + "self_attn.q_proj", h), p + "self_attn.q_norm", heads), heads, hd)
        k = heads_of(qk_norm(linear(w, p + "self_attn.k_proj", h), p + "self_attn.k_norm", kv), kv, hd)
        v = heads_of(linear(w, p + "self_attn.v_proj", h), kv, hd)
        q, k = apply_rope(q, cos, sin), apply_rope(k, cos, sin)
        attn_out = linear(w, p + "self_attn.o_proj", merge(attend(q, k, v, hd ** -0.5)))
        if pre or "post_norms_off" in ab:
            x = x + attn_out
        else:
            x = x + rms(attn_out, p + "post_attention_layernorm")
        h = rms(x, p + "post_feedforward_layernorm") if pre else x
        mlp = linear(w, p + "mlp.down_proj", silu(linear(w, p + "mlp.gate_proj", h)) * linear(w, p + "mlp.up_proj", h))
        if pre or "post_norms_off" in ab:
            x = x + mlp
        else:
            x = x + rms(mlp, p + "post_feedforward_layernorm")
    x = rms(x, "model.norm")
    head = w["lm_head.weight"] if "lm_head.weight" in w else w["model.embed_tokens.weight"]
    return x @ head.T


FORWARDS = {
    "falcon": falcon_logits,
    "phi": phi_logits,
    "phi3": phi3_logits,
    "stablelm": stablelm_logits,
    "starcoder2": starcoder2_logits,
    "granite": granite_logits,
    "olmo": olmo_logits,
    "olmo2": olmo2_logits,
}
FOLLOWS = {
    "falcon": "transformers/models/falcon/modeling_falcon.py, configuration_falcon.py",
    "phi": "transformers/models/phi/modeling_phi.py, configuration_phi.py",
    "phi3": "transformers/models/phi3/modeling_phi3.py, configuration_phi3.py, modeling_rope_utils.py (longrope)",
    "stablelm": "transformers/models/stablelm/modeling_stablelm.py, configuration_stablelm.py",
    "starcoder2": "transformers/models/starcoder2/modeling_starcoder2.py, configuration_starcoder2.py, masking_utils.py",
    "granite": "transformers/models/granite/modeling_granite.py, configuration_granite.py",
    "olmo": "transformers/models/olmo/modeling_olmo.py, configuration_olmo.py",
    "olmo2": "transformers/models/olmo2/modeling_olmo2.py, configuration_olmo2.py",
}


# ----------------------------------------------------------------------------------------------
# Weights
# ----------------------------------------------------------------------------------------------

class Weights:
    """Random float32 tensors from one seeded generator, in insertion order."""

    def __init__(self, seed):
        self.rng = np.random.default_rng(seed)
        self.tensors = {}

    def normal(self, name, shape, std, mean=0.0):
        self.tensors[name] = (mean + std * self.rng.standard_normal(shape)).astype(np.float32)

    def linear(self, name, out_features, in_features, gain=1.0, bias=False, bias_std=0.2):
        self.normal(name + ".weight", (out_features, in_features), gain / math.sqrt(in_features))
        if bias:
            self.normal(name + ".bias", (out_features,), bias_std)

    def norm(self, name, size, bias=False, std=0.1):
        self.normal(name + ".weight", (size,), std, mean=1.0)
        if bias:
            self.normal(name + ".bias", (size,), std)


def falcon_weights(cfg, seed):
    g = Weights(seed)
    d, heads, vocab = cfg["hidden_size"], cfg["num_attention_heads"], cfg["vocab_size"]
    hd = d // heads
    bias = cfg["bias"]
    if cfg["new_decoder_architecture"]:
        qkv_out = (cfg["num_kv_heads"] * 2 + heads) * hd
    elif cfg["multi_query"]:
        qkv_out = d + 2 * hd
    else:
        qkv_out = 3 * d
    g.normal("transformer.word_embeddings.weight", (vocab, d), 0.5 if cfg["tie_word_embeddings"] else 1.0)
    for layer in range(cfg["num_hidden_layers"]):
        p = f"transformer.h.{layer}."
        if not cfg["parallel_attn"]:
            g.norm(p + "input_layernorm", d, bias=True)
            g.norm(p + "post_attention_layernorm", d, bias=True)
        elif cfg["new_decoder_architecture"] and (cfg.get("num_ln_in_parallel_attn") or 2) == 2:
            g.norm(p + "ln_attn", d, bias=True, std=0.3)
            g.norm(p + "ln_mlp", d, bias=True, std=0.3)
        else:
            g.norm(p + "input_layernorm", d, bias=True)
        g.linear(p + "self_attention.query_key_value", qkv_out, d, gain=1.6, bias=bias)
        g.linear(p + "self_attention.dense", d, d, gain=1.0, bias=bias)
        g.linear(p + "mlp.dense_h_to_4h", cfg["ffn_hidden_size"], d, gain=1.5, bias=bias)
        g.linear(p + "mlp.dense_4h_to_h", d, cfg["ffn_hidden_size"], gain=1.0, bias=bias)
    g.norm("transformer.ln_f", d, bias=True)
    if not cfg["tie_word_embeddings"]:
        g.linear("lm_head", vocab, d, gain=2.0)
    return g.tensors


def phi_weights(cfg, seed):
    g = Weights(seed)
    d, heads, vocab = cfg["hidden_size"], cfg["num_attention_heads"], cfg["vocab_size"]
    hd = d // heads
    kv = cfg["num_key_value_heads"]
    g.normal("model.embed_tokens.weight", (vocab, d), 0.5 if cfg["tie_word_embeddings"] else 1.0)
    for layer in range(cfg["num_hidden_layers"]):
        p = f"model.layers.{layer}."
        g.linear(p + "self_attn.q_proj", heads * hd, d, gain=1.6, bias=True)
        g.linear(p + "self_attn.k_proj", kv * hd, d, gain=1.6, bias=True)
        g.linear(p + "self_attn.v_proj", kv * hd, d, bias=True)
        g.linear(p + "self_attn.dense", d, heads * hd, bias=True)
        if cfg["qk_layernorm"]:
            g.norm(p + "self_attn.q_layernorm", hd, bias=True, std=0.5)
            g.norm(p + "self_attn.k_layernorm", hd, bias=True, std=0.5)
        g.linear(p + "mlp.fc1", cfg["intermediate_size"], d, gain=1.5, bias=True)
        g.linear(p + "mlp.fc2", d, cfg["intermediate_size"], bias=True)
        g.norm(p + "input_layernorm", d, bias=True)
    g.norm("model.final_layernorm", d, bias=True)
    g.linear("lm_head", vocab, d, gain=2.0, bias=True, bias_std=1.0)
    return g.tensors


def phi3_weights(cfg, seed):
    g = Weights(seed)
    d, heads, vocab = cfg["hidden_size"], cfg["num_attention_heads"], cfg["vocab_size"]
    hd = d // heads
    kv = cfg["num_key_value_heads"]
    inter = cfg["intermediate_size"]
    g.normal("model.embed_tokens.weight", (vocab, d), 0.5 if cfg["tie_word_embeddings"] else 1.0)
    for layer in range(cfg["num_hidden_layers"]):
        p = f"model.layers.{layer}."
        # Keys share a component with the first query head of their group, so that attention has a
        # systematic dependence on relative position and the rotary frequencies (short vs long) matter.
        q = 2.0 * g.rng.standard_normal((heads * hd, d)) / math.sqrt(d)
        k = 2.0 * g.rng.standard_normal((kv * hd, d)) / math.sqrt(d)
        k += np.concatenate([q[(i * heads // kv) * hd:(i * heads // kv + 1) * hd] for i in range(kv)])
        v = g.rng.standard_normal((kv * hd, d)) / math.sqrt(d)
        g.tensors[p + "self_attn.qkv_proj.weight"] = np.concatenate([q, k, v]).astype(np.float32)
        g.linear(p + "self_attn.o_proj", d, heads * hd)
        g.linear(p + "mlp.gate_up_proj", 2 * inter, d, gain=1.5)
        g.linear(p + "mlp.down_proj", d, inter)
        g.norm(p + "input_layernorm", d)
        g.norm(p + "post_attention_layernorm", d)
    g.norm("model.norm", d)
    if not cfg["tie_word_embeddings"]:
        g.linear("lm_head", vocab, d, gain=2.0)
    return g.tensors


def stablelm_weights(cfg, seed):
    g = Weights(seed)
    d, heads, vocab = cfg["hidden_size"], cfg["num_attention_heads"], cfg["vocab_size"]
    hd = d // heads
    kv = cfg["num_key_value_heads"]
    inter = cfg["intermediate_size"]
    qkv_bias = cfg["use_qkv_bias"]
    g.normal("model.embed_tokens.weight", (vocab, d), 0.5 if cfg["tie_word_embeddings"] else 1.0)
    for layer in range(cfg["num_hidden_layers"]):
        p = f"model.layers.{layer}."
        g.linear(p + "self_attn.q_proj", heads * hd, d, gain=1.6, bias=qkv_bias, bias_std=0.5)
        g.linear(p + "self_attn.k_proj", kv * hd, d, gain=1.6, bias=qkv_bias, bias_std=0.5)
        g.linear(p + "self_attn.v_proj", kv * hd, d, bias=qkv_bias, bias_std=0.5)
        g.linear(p + "self_attn.o_proj", d, heads * hd)
        if cfg["qk_layernorm"]:
            for h in range(heads):
                g.norm(p + f"self_attn.q_layernorm.norms.{h}", hd, std=0.5)
            for h in range(kv):
                g.norm(p + f"self_attn.k_layernorm.norms.{h}", hd, std=0.5)
        g.linear(p + "mlp.gate_proj", inter, d, gain=1.5)
        g.linear(p + "mlp.up_proj", inter, d, gain=1.5)
        g.linear(p + "mlp.down_proj", d, inter)
        g.norm(p + "input_layernorm", d, bias=True, std=0.3)
        if not cfg["use_parallel_residual"]:
            g.norm(p + "post_attention_layernorm", d, bias=True, std=0.3)
    g.norm("model.norm", d, bias=True, std=0.3)
    if not cfg["tie_word_embeddings"]:
        g.linear("lm_head", vocab, d, gain=2.0)
    return g.tensors


def starcoder2_weights(cfg, seed):
    g = Weights(seed)
    d, heads, vocab = cfg["hidden_size"], cfg["num_attention_heads"], cfg["vocab_size"]
    hd = d // heads
    kv = cfg["num_key_value_heads"]
    inter = cfg["intermediate_size"]
    b = cfg["use_bias"]
    g.normal("model.embed_tokens.weight", (vocab, d), 0.5 if cfg["tie_word_embeddings"] else 1.0)
    for layer in range(cfg["num_hidden_layers"]):
        p = f"model.layers.{layer}."
        g.linear(p + "self_attn.q_proj", heads * hd, d, gain=2.0, bias=b, bias_std=0.5)
        g.linear(p + "self_attn.k_proj", kv * hd, d, gain=2.0, bias=b, bias_std=0.5)
        g.linear(p + "self_attn.v_proj", kv * hd, d, gain=2.0, bias=b, bias_std=0.5)
        g.linear(p + "self_attn.o_proj", d, heads * hd, gain=2.0, bias=b, bias_std=0.5)
        g.linear(p + "mlp.c_fc", inter, d, gain=1.5, bias=b, bias_std=0.5)
        g.linear(p + "mlp.c_proj", d, inter, bias=b, bias_std=0.5)
        g.norm(p + "input_layernorm", d, bias=True)
        g.norm(p + "post_attention_layernorm", d, bias=True)
    g.norm("model.norm", d, bias=True)
    if not cfg["tie_word_embeddings"]:
        g.linear("lm_head", vocab, d, gain=2.0)
    return g.tensors


def llama_like_weights(cfg, seed, family):
    """granite, olmo and olmo2: Llama tensor names (olmo without any norm tensor; olmo2 with q_norm,
    k_norm and post norms and no input_layernorm)."""
    g = Weights(seed)
    d, heads, vocab = cfg["hidden_size"], cfg["num_attention_heads"], cfg["vocab_size"]
    hd = d // heads
    kv = cfg["num_key_value_heads"]
    inter = cfg["intermediate_size"]
    embed_std = {"granite": 0.08, "olmo": 1.0, "olmo2": 1.0}[family]
    g.normal("model.embed_tokens.weight", (vocab, d), embed_std)
    for layer in range(cfg["num_hidden_layers"]):
        p = f"model.layers.{layer}."
        qk_gain = {"granite": 3.0, "olmo": 2.0, "olmo2": 2.0}[family]
        out_gain = {"granite": 3.0, "olmo": 1.0, "olmo2": 1.0}[family]
        g.linear(p + "self_attn.q_proj", heads * hd, d, gain=qk_gain)
        g.linear(p + "self_attn.k_proj", kv * hd, d, gain=qk_gain)
        g.linear(p + "self_attn.v_proj", kv * hd, d, gain={"granite": 2.0, "olmo": 1.5}.get(family, 1.0))
        g.linear(p + "self_attn.o_proj", d, heads * hd, gain=out_gain)
        if family == "olmo2":
            g.norm(p + "self_attn.q_norm", heads * hd, std=0.5)
            g.norm(p + "self_attn.k_norm", kv * hd, std=0.5)
        g.linear(p + "mlp.gate_proj", inter, d, gain=1.5)
        g.linear(p + "mlp.up_proj", inter, d, gain=1.5)
        g.linear(p + "mlp.down_proj", d, inter, gain=out_gain)
        if family == "granite":
            g.norm(p + "input_layernorm", d)
            g.norm(p + "post_attention_layernorm", d)
        elif family == "olmo2":
            g.norm(p + "post_attention_layernorm", d, std=0.3)
            g.norm(p + "post_feedforward_layernorm", d, std=0.3)
    if family != "olmo":
        g.norm("model.norm", d)
    if not cfg["tie_word_embeddings"]:
        g.linear("lm_head", vocab, d, gain={"granite": 16.0}.get(family, 2.0))
    return g.tensors


# ----------------------------------------------------------------------------------------------
# Fixtures
# ----------------------------------------------------------------------------------------------

def common(model_type, architecture, **fields):
    config = {"architectures": [architecture], "model_type": model_type}
    config.update(fields)
    config.update({"bos_token_id": BOS, "eos_token_id": BOS, "torch_dtype": "float32"})
    return config


FALCON_BASE = dict(vocab_size=260, hidden_size=32, num_hidden_layers=2, num_attention_heads=4,
                   layer_norm_epsilon=1e-5, initializer_range=0.02, use_cache=True, hidden_dropout=0.0,
                   attention_dropout=0.0, max_position_embeddings=512, rope_theta=10000.0,
                   rope_scaling=None, ffn_hidden_size=128, activation="gelu", tie_word_embeddings=True)

FIXTURES = [
    # --- falcon -----------------------------------------------------------------------------
    dict(name="falcon_7b", family="falcon", seed=7001,
         variant="falcon-7b: multi_query (one shared K/V head, fused [q_0..q_H-1, k, v]), parallel_attn off one "
                 "input_layernorm, rotary, no biases; num_kv_heads=4 in config is ignored by multi_query",
         config=common("falcon", "FalconForCausalLM", **FALCON_BASE, num_ln_in_parallel_attn=None, num_kv_heads=4,
                       alibi=False, new_decoder_architecture=False, multi_query=True, parallel_attn=True,
                       bias=False),
         ablations=[("rotary_off", "no rotary"),
                    ("sequential", "sequential residual instead of parallel_attn"),
                    ("kv_first", "multi-query K/V read from the first two head slots")]),
    dict(name="falcon_40b", family="falcon", seed=7002,
         variant="falcon-40b: new_decoder_architecture, num_kv_heads=2 of 4 heads, grouped fused qkv "
                 "[per group: q, q, k, v], ln_attn + ln_mlp, parallel, rotary, no biases, multi_query=true ignored",
         config=common("falcon", "FalconForCausalLM", **FALCON_BASE, num_ln_in_parallel_attn=None, num_kv_heads=2,
                       alibi=False, new_decoder_architecture=True, multi_query=True, parallel_attn=True,
                       bias=False),
         ablations=[("qkv_split_contiguous", "fused qkv read as [all q | all k | all v]"),
                    ("kv_group_interleaved", "query head h reads kv group h % KV instead of h // (H/KV)"),
                    ("single_ln", "ln_attn output fed to the MLP too (ln_mlp ignored)"),
                    ("rotary_off", "no rotary")]),
    dict(name="falcon_rw", family="falcon", seed=7003,
         variant="falcon-rw-1b: alibi (scaled by 1/sqrt(head_dim) with the scores), no rotary, multi-head "
                 "fused qkv interleaved per head [q_h, k_h, v_h], sequential layer with post_attention_layernorm, "
                 "biases everywhere",
         config=common("falcon", "FalconForCausalLM", **FALCON_BASE, num_ln_in_parallel_attn=None, num_kv_heads=4,
                       alibi=True, new_decoder_architecture=False, multi_query=False, parallel_attn=False,
                       bias=True),
         ablations=[("alibi_off", "no ALiBi"),
                    ("alibi_unscaled", "ALiBi added after the 1/sqrt(head_dim) scaling (BLOOM style)"),
                    ("alibi_equal_slopes", "all ALiBi slopes equal to the first"),
                    ("qkv_split_contiguous", "fused qkv read as [all q | all k | all v]"),
                    ("parallel", "parallel layer instead of sequential")]),
    # --- phi ----------------------------------------------------------------------------------
    dict(name="phi", family="phi", seed=7101,
         variant="phi-2: parallel attention + MLP off one input_layernorm, partial_rotary_factor 0.5 "
                 "(4 of 8 dims), gelu_new, self_attn.dense, mlp.fc1/fc2, final_layernorm, lm_head with bias",
         config=common("phi", "PhiForCausalLM", vocab_size=257, hidden_size=32, intermediate_size=128,
                       num_hidden_layers=2, num_attention_heads=4, num_key_value_heads=4, resid_pdrop=0.1,
                       embd_pdrop=0.0, attention_dropout=0.0, hidden_act="gelu_new",
                       max_position_embeddings=2048, initializer_range=0.02, layer_norm_eps=1e-5,
                       use_cache=True, tie_word_embeddings=False, rope_theta=10000.0, rope_scaling=None,
                       partial_rotary_factor=0.5, qk_layernorm=False),
         ablations=[("rotary_full", "rotary over the whole head (no partial split)"),
                    ("sequential", "sequential residual instead of parallel"),
                    ("no_lm_head_bias", "lm_head bias dropped")]),
    dict(name="phi_qk_layernorm", family="phi", seed=7102,
         variant="phi with qk_layernorm: q_layernorm / k_layernorm = one LayerNorm(head_dim) with bias each, "
                 "shared by all heads, before rotary",
         config=common("phi", "PhiForCausalLM", vocab_size=257, hidden_size=32, intermediate_size=128,
                       num_hidden_layers=2, num_attention_heads=4, num_key_value_heads=4, resid_pdrop=0.1,
                       embd_pdrop=0.0, attention_dropout=0.0, hidden_act="gelu_new",
                       max_position_embeddings=2048, initializer_range=0.02, layer_norm_eps=1e-5,
                       use_cache=True, tie_word_embeddings=False, rope_theta=10000.0, rope_scaling=None,
                       partial_rotary_factor=0.5, qk_layernorm=True),
         ablations=[("qk_layernorm_off", "no q/k LayerNorm"),
                    ("rotary_full", "rotary over the whole head (no partial split)")]),
    # --- phi3 ---------------------------------------------------------------------------------
    dict(name="phi3_longrope", family="phi3", seed=7201,
         variant="Phi-3-128k style: fused qkv_proj (GQA 4/2) and gate_up_proj, RMSNorm, longrope with "
                 "original_max_position_embeddings 64 < long text (long factors there, short factors for the "
                 "five short texts), attention factor sqrt(1 + ln(4096/64) / ln 64) = sqrt 2 on cos and sin",
         config=common("phi3", "Phi3ForCausalLM", vocab_size=257, hidden_size=32, intermediate_size=64,
                       num_hidden_layers=2, num_attention_heads=4, num_key_value_heads=2, resid_pdrop=0.0,
                       embd_pdrop=0.0, attention_dropout=0.0, hidden_act="silu", max_position_embeddings=4096,
                       original_max_position_embeddings=64, initializer_range=0.02, rms_norm_eps=1e-5,
                       use_cache=True, tie_word_embeddings=False, rope_theta=10000.0,
                       rope_scaling={"type": "longrope", "short_factor": [1.0, 1.1, 1.3, 1.6],
                                     "long_factor": [3.0, 8.0, 30.0, 90.0]},
                       partial_rotary_factor=1.0, pad_token_id=None, sliding_window=None),
         ablations=[("short_factors_always", "short factors for the long text too"),
                    ("long_factors_always", "long factors for the short texts too"),
                    ("no_attention_factor", "attention factor 1 (cos/sin unscaled)"),
                    ("gate_up_swapped", "gate_up_proj halves swapped (up first)")]),
    dict(name="phi3_partial", family="phi3", seed=7202,
         variant="Phi-4-mini style: partial_rotary_factor 0.75 (6 of 8 dims, 3 factors), longrope with "
                 "original_max_position_embeddings 128 < long text, attention factor sqrt(1 + ln 32 / ln 128), "
                 "tied embeddings, GQA 4/2",
         config=common("phi3", "Phi3ForCausalLM", vocab_size=257, hidden_size=32, intermediate_size=64,
                       num_hidden_layers=2, num_attention_heads=4, num_key_value_heads=2, resid_pdrop=0.0,
                       embd_pdrop=0.0, attention_dropout=0.0, hidden_act="silu", max_position_embeddings=4096,
                       original_max_position_embeddings=128, initializer_range=0.02, rms_norm_eps=1e-5,
                       use_cache=True, tie_word_embeddings=True, rope_theta=10000.0,
                       rope_scaling={"type": "longrope", "short_factor": [1.0, 1.2, 1.5],
                                     "long_factor": [3.0, 10.0, 40.0]},
                       partial_rotary_factor=0.75, pad_token_id=None, sliding_window=None),
         ablations=[("partial_off", "rotary over the whole head"),
                    ("short_factors_always", "short factors for the long text too"),
                    ("no_attention_factor", "attention factor 1 (cos/sin unscaled)")]),
    # --- stablelm -----------------------------------------------------------------------------
    dict(name="stablelm", family="stablelm", seed=7301,
         variant="stablelm-2-1.6b style: LayerNorm with bias, partial_rotary_factor 0.25 (4 of 16 dims: head_dim "
                 "16 so that two frequencies are rotated), SwiGLU, use_qkv_bias, GQA 4/2, sequential residual",
         config=common("stablelm", "StableLmForCausalLM", vocab_size=257, intermediate_size=64, hidden_size=64,
                       num_hidden_layers=2, num_attention_heads=4, num_key_value_heads=2, hidden_act="silu",
                       max_position_embeddings=4096, initializer_range=0.02, layer_norm_eps=1e-5, use_cache=True,
                       tie_word_embeddings=False, rope_theta=10000.0, rope_scaling=None, use_qkv_bias=True,
                       qk_layernorm=False, use_parallel_residual=False, hidden_dropout=0.0,
                       attention_dropout=0.0, partial_rotary_factor=0.25),
         ablations=[("rotary_full", "rotary over the whole head (no partial split)"),
                    ("no_qkv_bias", "q/k/v biases dropped"),
                    ("ln_no_bias", "LayerNorm biases dropped")]),
    dict(name="stablelm_qk_parallel", family="stablelm", seed=7302,
         variant="stablelm-2-12b style: qk_layernorm = per-head LayerNorm without bias "
                 "(q_layernorm.norms.0..3, k_layernorm.norms.0..1), use_parallel_residual (no "
                 "post_attention_layernorm), use_qkv_bias false, partial rotary 0.25, GQA 4/2",
         config=common("stablelm", "StableLmForCausalLM", vocab_size=257, intermediate_size=64, hidden_size=64,
                       num_hidden_layers=2, num_attention_heads=4, num_key_value_heads=2, hidden_act="silu",
                       max_position_embeddings=4096, initializer_range=0.02, layer_norm_eps=1e-5, use_cache=True,
                       tie_word_embeddings=False, rope_theta=10000.0, rope_scaling=None, use_qkv_bias=False,
                       qk_layernorm=True, use_parallel_residual=True, hidden_dropout=0.0,
                       attention_dropout=0.0, partial_rotary_factor=0.25),
         ablations=[("qk_layernorm_off", "no per-head q/k LayerNorm"),
                    ("qk_layernorm_head0_shared", "head 0's norm weights used for every head"),
                    ("sequential", "sequential residual instead of parallel")]),
    # --- starcoder2 ---------------------------------------------------------------------------
    dict(name="starcoder2", family="starcoder2", seed=7401,
         variant="starcoder2: LayerNorm with bias, use_bias on all projections, c_fc/c_proj with "
                 "gelu_pytorch_tanh, rotary (theta 999999.44), GQA 4/2, sliding_window 16, tied embeddings",
         config=common("starcoder2", "Starcoder2ForCausalLM", vocab_size=257, hidden_size=32, intermediate_size=128,
                       num_hidden_layers=2, num_attention_heads=4, num_key_value_heads=2,
                       hidden_act="gelu_pytorch_tanh", max_position_embeddings=4096, initializer_range=0.018042,
                       norm_epsilon=1e-5, use_cache=True, rope_theta=999999.4420358813, rope_scaling=None,
                       sliding_window=16, attention_dropout=0.0, residual_dropout=0.0, embedding_dropout=0.0,
                       use_bias=True, tie_word_embeddings=True),
         ablations=[("window_off", "no sliding window"),
                    ("no_bias", "all projection biases dropped"),
                    ("kv_group_interleaved", "query head h reads kv head h % KV instead of h // (H/KV)")]),
    # --- granite ------------------------------------------------------------------------------
    dict(name="granite", family="granite", seed=7501,
         variant="granite-3 style: Llama layout with embedding_multiplier 12, attention_multiplier 0.125 "
                 "(= 1/head_dim instead of 1/sqrt(head_dim)), residual_multiplier 0.22, logits_scaling 8",
         config=common("granite", "GraniteForCausalLM", vocab_size=257, hidden_size=32, intermediate_size=64,
                       num_hidden_layers=2, num_attention_heads=4, num_key_value_heads=2, hidden_act="silu",
                       max_position_embeddings=4096, initializer_range=0.02, rms_norm_eps=1e-5, use_cache=True,
                       pad_token_id=None, tie_word_embeddings=False, rope_theta=10000.0, rope_scaling=None,
                       attention_bias=False, attention_dropout=0.0, mlp_bias=False, embedding_multiplier=12.0,
                       logits_scaling=8.0, residual_multiplier=0.22, attention_multiplier=0.125),
         ablations=[("embedding_multiplier_1", "embedding_multiplier ignored"),
                    ("attention_multiplier_rsqrt", "1/sqrt(head_dim) instead of attention_multiplier"),
                    ("residual_multiplier_1", "residual_multiplier ignored"),
                    ("logits_scaling_1", "logits not divided by logits_scaling")]),
    # --- olmo ---------------------------------------------------------------------------------
    dict(name="olmo", family="olmo", seed=7601,
         variant="OLMo-1 (hf): LayerNorm without weight or bias (eps 1e-5, no tensors), clip_qkv 1.0 clamps "
                 "q/k/v projections, SwiGLU, rotary, untied",
         config=common("olmo", "OlmoForCausalLM", vocab_size=257, hidden_size=32, intermediate_size=64,
                       num_hidden_layers=2, num_attention_heads=4, num_key_value_heads=4, hidden_act="silu",
                       max_position_embeddings=2048, initializer_range=0.02, use_cache=True, pad_token_id=None,
                       tie_word_embeddings=False, rope_theta=10000.0, rope_scaling=None, attention_bias=False,
                       attention_dropout=0.0, clip_qkv=1.0),
         ablations=[("clip_off", "clip_qkv ignored")]),
    # --- olmo2 --------------------------------------------------------------------------------
    dict(name="olmo2", family="olmo2", seed=7701,
         variant="OLMo-2: no input norms; post_attention_layernorm / post_feedforward_layernorm (RMSNorm) on the "
                 "sublayer outputs; q_norm (width 32) / k_norm (width 16, GQA 4/2) RMSNorm over the whole "
                 "projection before the head split",
         config=common("olmo2", "Olmo2ForCausalLM", vocab_size=257, hidden_size=32, intermediate_size=64,
                       num_hidden_layers=2, num_attention_heads=4, num_key_value_heads=2, hidden_act="silu",
                       max_position_embeddings=4096, initializer_range=0.02, use_cache=True, pad_token_id=None,
                       tie_word_embeddings=False, rope_theta=500000.0, rope_scaling=None, attention_bias=False,
                       attention_dropout=0.0, rms_norm_eps=1e-6),
         ablations=[("qk_norm_off", "no q/k norm"),
                    ("qk_norm_per_head", "q/k RMS statistics per head instead of over the whole width"),
                    ("post_norms_off", "post norms dropped"),
                    ("post_norm_as_pre_norm", "the two norms applied to the sublayer inputs (Llama pre-norm)")]),
]

WEIGHTS = {
    "falcon": falcon_weights,
    "phi": phi_weights,
    "phi3": phi3_weights,
    "stablelm": stablelm_weights,
    "starcoder2": starcoder2_weights,
    "granite": lambda cfg, seed: llama_like_weights(cfg, seed, "granite"),
    "olmo": lambda cfg, seed: llama_like_weights(cfg, seed, "olmo"),
    "olmo2": lambda cfg, seed: llama_like_weights(cfg, seed, "olmo2"),
}


# ----------------------------------------------------------------------------------------------
# Files
# ----------------------------------------------------------------------------------------------

def write_safetensors(path, tensors):
    """safetensors layout: u64 little-endian header length, JSON header (sorted names, dtype, shape,
    data_offsets; "__metadata__": {"format": "pt"}) padded with spaces to a multiple of 8, then the
    raw little-endian data in header order."""
    header, blobs, offset = {}, [], 0
    for name in sorted(tensors):
        data = np.ascontiguousarray(tensors[name], dtype="<f4").tobytes()
        header[name] = {"dtype": "F32", "shape": list(tensors[name].shape), "data_offsets": [offset, offset + len(data)]}
        blobs.append(data)
        offset += len(data)
    header["__metadata__"] = {"format": "pt"}
    encoded = json.dumps(header, separators=(",", ":"), sort_keys=True).encode("utf-8")
    encoded += b" " * (-len(encoded) % 8)
    Path(path).write_bytes(struct.pack("<Q", len(encoded)) + encoded + b"".join(blobs))


def token_ids(text):
    return torch.tensor([BOS] + list(text.encode("utf-8")))


def log_likelihood(logits, ids):
    logp = torch.log_softmax(logits, dim=-1)
    return float(logp[torch.arange(len(ids) - 1), ids[1:]].sum())


def score(forward, config, weights, ab=frozenset()):
    return [log_likelihood(forward(config, weights, ids, ab) if ab else forward(config, weights, ids), ids)
            for ids in map(token_ids, TEXTS)]


def build(root, fixture, tokenizer):
    folder = Path(root) / fixture["name"]
    folder.mkdir(parents=True, exist_ok=True)
    config = fixture["config"]
    (folder / "config.json").write_text(json.dumps(config, indent=2) + "\n")
    write_safetensors(folder / "model.safetensors", WEIGHTS[fixture["family"]](config, fixture["seed"]))
    shutil.copyfile(tokenizer, folder / "tokenizer.json")
    weights = {name: torch.tensor(array) for name, array in read_safetensors(folder / "model.safetensors").items()}
    forward = FORWARDS[fixture["family"]]
    expected = score(forward, config, weights)
    assert all(math.isfinite(v) for v in expected), expected
    (folder / "expected.json").write_text(json.dumps({
        "texts": TEXTS,
        "logLikelihoods": expected,
        "reference": f"{SCRIPT}::{forward.__name__}",
        "follows": FOLLOWS[fixture["family"]],
    }, indent=2) + "\n")
    rows = []
    for flag, what in fixture["ablations"]:
        ablated = score(forward, config, weights, frozenset([flag]))
        changes = [abs(a - e) / abs(e) for a, e in zip(ablated, expected)]
        rows.append((fixture["name"], flag, what, max(changes), changes[-1]))
    return folder, expected, rows


def main(root):
    root = Path(root)
    tokenizer = root / "llama" / "tokenizer.json"
    table, failures = [], []
    for fixture in FIXTURES:
        folder, expected, rows = build(root, fixture, tokenizer)
        size = (folder / "model.safetensors").stat().st_size
        print(f"{fixture['name']:22s} {fixture['config']['model_type']:10s} {size / 1024:6.1f} KiB  "
              + " ".join(f"{v:.6f}" for v in expected))
        table += rows
        failures += [row for row in rows if not row[3] > MIN_RELATIVE_CHANGE]
    print()
    print(f"{'fixture':22s} {'ablation':28s} {'max rel. change':>15s} {'long text':>10s}  what")
    for name, flag, what, change, long_change in table:
        print(f"{name:22s} {flag:28s} {change:15.4f} {long_change:10.4f}  {what}")
    assert not failures, f"mechanisms that do not matter: {failures}"


if __name__ == "__main__":
    torch.set_grad_enabled(False)
    main(sys.argv[1])
