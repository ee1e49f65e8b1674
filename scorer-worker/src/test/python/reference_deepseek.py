#!/usr/bin/env python3
"""Independent float64 reference for model_type `deepseek_v2` (issue 25, group D): DeepSeek-V2,
DeepSeek-V2-Lite, DeepSeek-Coder-V2(-Lite), ESFT-vanilla-lite -- multi-head latent attention (MLA)
with a decoupled, interleaved, YaRN-scaled rotary part, and DeepSeekMoE (shared + routed experts,
greedy or group-limited top-k of a softmax router).

Written from Hugging Face transformers' code, in PyTorch float64, without any of the Java code under
test:
  - src/transformers/models/deepseek_v2/modeling_deepseek_v2.py (generated from modular_deepseek_v2.py)
    DeepseekV2RMSNorm, DeepseekV2RotaryEmbedding + apply_rotary_emb, DeepseekV2Attention,
    DeepseekV2MLP, DeepseekV2MoEGate / DeepseekV2Moe.route_tokens_to_experts, DeepseekV2MoE(.moe),
    DeepseekV2DecoderLayer (dense MLP for layer_idx < first_k_dense_replace, MoE after),
    DeepseekV2Model, DeepseekV2ForCausalLM;
  - src/transformers/models/deepseek_v2/configuration_deepseek_v2.py (DeepseekV2Config: head_dim is
    set to qk_rope_head_dim; norm_topk_prob "kept for backward compatibility");
  - src/transformers/modeling_rope_utils.py (_compute_yarn_parameters, get_mscale);
  - the softmax-scale YaRN correction yarn_get_mscale(factor, mscale_all_dim) ** 2 that
    huggingface/transformers PR #47435 ("Fix yarn mscale_all_dim for DeepSeek v2 and Mistral 4",
    transformers >= 5.17, `yarn_apply_mscale`) added to DeepseekV2Attention.__init__ -- the same
    correction DeepSeek's own modeling_deepseek.py, vLLM and llama.cpp apply. Transformers releases
    from 4.56 up to that PR build DeepseekV2Attention.scaling = qk_head_dim ** -0.5 WITHOUT it
    (a bug for every YaRN checkpoint; the ablation row "no yarn mscale^2 in the softmax scale"
    shows what those releases compute).

For every fixture it writes, under the fixtures folder given on the command line,
<fixture>/config.json, <fixture>/model.safetensors (names and shapes as save_pretrained writes them
for DeepseekV2ForCausalLM, per-expert keys as in the hub checkpoints; random weights from a fixed
numpy seed; written by the small writer below), <fixture>/tokenizer.json (a copy of
fixtures/llama/tokenizer.json) and <fixture>/expected.json. The reference reads the weights back from
the written file (float32 widened to float64), so it scores exactly the stored values.

Then it switches each distinctive mechanism off (or applies a plausible wrong reading) and asserts
the log-likelihoods move by more than 1e-2 relative on at least one text; the table is printed.

    apt-get install python3-torch python3-numpy
    /usr/bin/python3 scorer-worker/src/test/python/reference_deepseek.py scorer-worker/src/test/resources/fixtures

Reruns rewrite the same bytes (fixed seeds, sorted JSON, sorted tensor names).

Cross-checked outside this script (not needed to rerun it): transformers 5.18.0 (which has
yarn_apply_mscale) loading these folders with dtype=float64, attn_implementation="eager",
experts_implementation="eager" agrees with every expected value within 1e-7 relative (HF rounds the
norms, the router, the rotary tables and the attention softmax to float32); in float32 within 6e-7,
with the same routing. Its save_pretrained, and 4.57.6's, write exactly these tensor names and shapes.
transformers 4.57.6 (no mscale^2 in DeepseekV2Attention.scaling) reproduces the row "no yarn mscale^2
in the softmax scale" of the ablation table instead (within 1e-7), i.e. differs from expected.json by
up to 5.3e-2 relative.
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
    # 233 bytes (234 tokens with the start token): longer than both fixtures'
    # rope_scaling.original_max_position_embeddings (64 and 32), shorter than max_position_embeddings.
    "Am Isarufer trinken wir Kaffee mit Süße, lesen Ὅμηρος und 李白的诗 unter alten Bäumen 🌳; "
    "the ferry’s horn sounds twice, naïve gulls circle — Grüße aus München, 3,5 km entfernt ✓ "
    "and the tide turns at 18:40.",
]
BOS = 256
SCRIPT = "reference_deepseek.py"
FOLLOWS = ("transformers src/transformers/models/deepseek_v2/modeling_deepseek_v2.py (modular_deepseek_v2.py), "
           "configuration_deepseek_v2.py, modeling_rope_utils.py::_compute_yarn_parameters, and the "
           "yarn_get_mscale(factor, mscale_all_dim)**2 softmax-scale factor of PR #47435")
THRESHOLD = 1e-2
# MLA's q_a_layernorm and kv_a_layernorm are built as DeepseekV2RMSNorm(rank) WITHOUT eps, i.e. with
# the class default 1e-6, whatever rms_norm_eps says (as in DeepSeek's own modeling_deepseek.py).
LATENT_NORM_EPS = 1e-6


# ----------------------------------------------------------------------------------------------
# safetensors writer: little-endian u64 header length, JSON header (sorted keys, "__metadata__":
# {"format": "pt"}), padded with spaces to a multiple of 8, tensors in the order of their names.
# ----------------------------------------------------------------------------------------------

def write_safetensors(path, tensors):
    header, chunks, offset = {}, [], 0
    for name in sorted(tensors):
        data = np.ascontiguousarray(tensors[name], dtype="<f4")
        blob = data.tobytes()
        header[name] = {"dtype": "F32", "shape": list(data.shape), "data_offsets": [offset, offset + len(blob)]}
        chunks.append(blob)
        offset += len(blob)
    header["__metadata__"] = {"format": "pt"}
    head = json.dumps(header, sort_keys=True, separators=(",", ":")).encode("utf-8")
    head += b" " * (-len(head) % 8)
    Path(path).write_bytes(struct.pack("<Q", len(head)) + head + b"".join(chunks))


# ----------------------------------------------------------------------------------------------
# Building blocks (float64)
# ----------------------------------------------------------------------------------------------

def rms_norm(x, weight, eps):
    """DeepseekV2RMSNorm (= LlamaRMSNorm): w * x * rsqrt(mean(x^2) + eps). (HF computes the
    normalisation in float32 and casts back; in float64 nothing else differs.)"""
    return weight * (x * torch.rsqrt(x.pow(2).mean(-1, keepdim=True) + eps))


def silu(x):
    return x * torch.sigmoid(x)


def swiglu(w, prefix, x):
    """DeepseekV2MLP: down_proj(act(gate_proj(x)) * up_proj(x)), hidden_act silu, mlp_bias false."""
    gate = x @ w[prefix + "gate_proj.weight"].T
    up = x @ w[prefix + "up_proj.weight"].T
    return (silu(gate) * up) @ w[prefix + "down_proj.weight"].T


def get_mscale(scale, mscale=1.0):
    """modeling_rope_utils get_mscale / DeepSeek's yarn_get_mscale."""
    return 1.0 if scale <= 1 else 0.1 * mscale * math.log(scale) + 1.0


def rope_scaling_of(config):
    scaling = config.get("rope_scaling")
    if not scaling:
        return None, "default"
    return scaling, scaling.get("rope_type", scaling.get("type", "default"))


def yarn_parameters(config, dim, ramp=True):
    """modeling_rope_utils._compute_yarn_parameters for the rotary width `dim`
    (config.head_dim, which DeepseekV2Config sets to qk_rope_head_dim). Returns
    (inv_freq [dim/2], attention_factor)."""
    scaling, _ = rope_scaling_of(config)
    theta = config["rope_theta"]
    factor = scaling["factor"]
    original = scaling.get("original_max_position_embeddings", config["max_position_embeddings"])
    # transformers 4.48-4.57 replace factor by max_position_embeddings / original here, v5 keeps the
    # configured factor; DeepSeek's own code uses the configured factor. The fixtures make them equal.
    assert abs(config["max_position_embeddings"] / original - factor) < 1e-12
    attention = scaling.get("attention_factor")
    if attention is None:
        m, m_all = scaling.get("mscale"), scaling.get("mscale_all_dim")
        attention = get_mscale(factor, m) / get_mscale(factor, m_all) if (m and m_all) else get_mscale(factor)
    beta_fast = scaling.get("beta_fast") or 32
    beta_slow = scaling.get("beta_slow") or 1
    corr = lambda rotations: (dim * math.log(original / (rotations * 2 * math.pi))) / (2 * math.log(theta))
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


def rope_tables(config, dim, n, ab):
    """DeepseekV2RotaryEmbedding: (inv_freq, attention_scaling) of the rope type; freqs = pos x inv_freq;
    freqs_cis = polar(1, freqs) * attention_scaling. Returned as (cos, sin), each [n, dim/2]."""
    scaling, kind = rope_scaling_of(config)
    if kind == "yarn" and "no_yarn" not in ab:
        inv, attention = yarn_parameters(config, dim)
        if "no_rope_attention_factor" in ab:
            attention = 1.0
    else:
        assert kind in ("default", "yarn")
        inv = 1.0 / config["rope_theta"] ** (torch.arange(0, dim, 2, dtype=torch.float64) / dim)
        attention = 1.0
    freqs = torch.outer(torch.arange(n, dtype=torch.float64), inv)
    return freqs.cos() * attention, freqs.sin() * attention


def rotate_interleaved(x, cos, sin):
    """apply_rotary_emb: view the last dim as dim/2 complex numbers (x[2i], x[2i+1]) and multiply by
    freqs_cis[i] -- the pair (2i, 2i+1) is rotated by frequency i, output stays interleaved.
    (DeepSeek's own code first permutes the channels, x.view(.., d/2, 2).transpose -> [evens | odds],
    then uses rotate_half with cat(freqs, freqs): the same rotation of the same pairs, channels
    reordered identically for q and k, hence the same scores.)"""
    even, odd = x[..., 0::2], x[..., 1::2]
    out = torch.empty_like(x)
    out[..., 0::2] = even * cos - odd * sin
    out[..., 1::2] = even * sin + odd * cos
    return out


def rotate_interleaved_complex(x, cos, sin):
    """Same as rotate_interleaved, literally as transformers does it (complex multiplication)."""
    xc = torch.view_as_complex(x.reshape(*x.shape[:-1], -1, 2).contiguous())
    return torch.view_as_real(xc * torch.complex(cos, sin)).flatten(-2)


def rotate_deepseek_permuted(x, cos, sin):
    """DeepSeek's modeling_deepseek.py apply_rotary_pos_emb: de-interleave, then rotate_half."""
    d = x.shape[-1]
    x = x.reshape(*x.shape[:-1], d // 2, 2).transpose(-1, -2).reshape(*x.shape[:-1], d)
    return rotate_half_style(x, cos, sin)


def rotate_half_style(x, cos, sin):
    """Llama/NeoX rotate-half on the raw channels: pairs (i, i + d/2) -- the ablation 'no channel
    permutation' (what a Llama-style implementation would do with DeepSeek's rope channels)."""
    half = x.shape[-1] // 2
    c, s = torch.cat((cos, cos), -1), torch.cat((sin, sin), -1)
    rotated = torch.cat((-x[..., half:], x[..., :half]), -1)
    return x * c + rotated * s


def causal_attention(q, k, v, scale):
    n = q.shape[-2]
    scores = (q @ k.transpose(-1, -2)) * scale
    mask = torch.triu(torch.full((n, n), float("-inf"), dtype=torch.float64), diagonal=1)
    return torch.softmax(scores + mask, dim=-1) @ v


def softmax_scale(config, ab):
    """DeepseekV2Attention.scaling = qk_head_dim ** -0.5, times yarn_get_mscale(factor, mscale_all_dim)^2
    when rope_scaling is not default and mscale_all_dim is set (PR #47435 / DeepSeek's softmax_scale)."""
    qk_head_dim = config["qk_nope_head_dim"] + config["qk_rope_head_dim"]
    scale = (config["qk_rope_head_dim"] if "scale_by_head_dim" in ab else qk_head_dim) ** -0.5
    scaling, kind = rope_scaling_of(config)
    if kind != "default" and "no_softmax_mscale" not in ab and "no_yarn" not in ab:
        m_all = scaling.get("mscale_all_dim", 0)
        if m_all:
            m = get_mscale(scaling["factor"], m_all)
            scale = scale * m * m
    return scale


def mla_attention(config, w, p, h, ab, rope):
    """DeepseekV2Attention.forward (eager), batch 1, h: [n, hidden]."""
    n = h.shape[0]
    heads = config["num_attention_heads"]
    nope, rd, vd = config["qk_nope_head_dim"], config["qk_rope_head_dim"], config["v_head_dim"]
    r = config["kv_lora_rank"]
    latent_eps = config["rms_norm_eps"] if "latent_norm_eps_from_config" in ab else LATENT_NORM_EPS
    if config.get("q_lora_rank") is None:
        q = h @ w[p + "q_proj.weight"].T
    else:
        qa = h @ w[p + "q_a_proj.weight"].T
        q = rms_norm(qa, w[p + "q_a_layernorm.weight"], latent_eps) @ w[p + "q_b_proj.weight"].T
    q = q.view(n, heads, nope + rd).transpose(0, 1)                      # [H, n, nope + rope]
    if "pe_first" in ab:
        q_pe, q_nope = q[..., :rd], q[..., rd:]
    else:
        q_nope, q_pe = q[..., :nope], q[..., nope:]                      # split [nope | rope]
    compressed = h @ w[p + "kv_a_proj_with_mqa.weight"].T                # [n, kv_lora_rank + rope]
    if "pe_first" in ab:
        k_pe, latent = compressed[:, :rd], compressed[:, rd:]
    else:
        latent, k_pe = compressed[:, :r], compressed[:, r:]              # split [latent | k_pe]
    if "no_kv_a_norm" not in ab:
        latent = rms_norm(latent, w[p + "kv_a_layernorm.weight"], latent_eps)
    kv = latent @ w[p + "kv_b_proj.weight"].T                            # [n, H * (nope + v)]
    if "kv_b_blocked" in ab:   # wrong layout: all heads' k_nope first, then all heads' values
        k_nope = kv[:, :heads * nope].view(n, heads, nope).transpose(0, 1)
        value = kv[:, heads * nope:].view(n, heads, vd).transpose(0, 1)
    else:                      # per head: [k_nope (qk_nope_head_dim) | value (v_head_dim)]
        kv = kv.view(n, heads, nope + vd).transpose(0, 1)
        k_nope, value = kv[..., :nope], kv[..., nope:]
    k_pe = k_pe.view(1, n, rd)                                           # ONE rope key shared by all heads
    cos, sin = rope
    if "rope_all" in ab:       # wrong: rotary over the whole qk head (k_pe broadcast first)
        qf = torch.cat((q_nope, q_pe), -1)
        kf = torch.cat((k_nope, k_pe.expand(heads, n, rd)), -1)
        cos_all, sin_all = rope_tables(config, nope + rd, n, ab)
        qf, kf = rotate_interleaved(qf, cos_all, sin_all), rotate_interleaved(kf, cos_all, sin_all)
    else:
        rotate = rotate_half_style if "rope_no_permute" in ab else rotate_interleaved
        q_pe, k_pe = rotate(q_pe, cos, sin), rotate(k_pe, cos, sin)
        qf = torch.cat((q_nope, q_pe), -1)
        kf = torch.cat((k_nope, k_pe.expand(heads, n, rd)), -1)
    o = causal_attention(qf, kf, value, softmax_scale(config, ab))      # [H, n, v_head_dim]
    o = o.transpose(0, 1).reshape(n, heads * vd)                         # o_proj input: H * v_head_dim
    return o @ w[p + "o_proj.weight"].T


ROUTER_LOG = []  # routing_margins() collects the router logits here


def route(config, logits, ab):
    """DeepseekV2MoEGate.forward / DeepseekV2Moe.route_tokens_to_experts: softmax over all routed
    experts (float32 in HF), top-k greedy or group-limited, weights = probabilities * routed_scaling_factor
    (norm_topk_prob is NOT read by transformers' deepseek_v2). Returns (idx [n, k], weight [n, k])."""
    for log in ROUTER_LOG:
        log.append(logits.clone())
    scores = torch.softmax(logits, dim=-1)
    k = 1 if "top1" in ab else config["num_experts_per_tok"]
    method = "greedy" if "greedy" in ab else config["topk_method"]
    if method == "greedy":
        weight, idx = torch.topk(scores, k, dim=-1)
    else:
        assert method == "group_limited_greedy"
        groups = config["n_group"]
        grouped = scores.view(scores.shape[0], groups, -1)
        if "group_score_top2_sum" in ab:   # DeepSeek-V3's group score, not V2's
            group_scores = grouped.topk(2, dim=-1).values.sum(-1)
        else:                              # V2: the max score inside each group
            group_scores = grouped.max(dim=-1).values
        group_idx = torch.topk(group_scores, config["topk_group"], dim=-1).indices
        group_mask = torch.zeros_like(group_scores).scatter_(1, group_idx, 1.0)
        score_mask = group_mask.unsqueeze(-1).expand_as(grouped).reshape(scores.shape)
        weight, idx = torch.topk(scores.masked_fill(score_mask == 0, 0.0), k, dim=-1)
    if "renorm_v2_remote" in ab:       # DeepSeek's modeling_deepseek.py with norm_topk_prob: /sum, no scaling
        return idx, weight / (weight.sum(-1, keepdim=True) + 1e-20)
    if "renorm" in ab:                 # DeepSeek-V3 style: /sum, then * routed_scaling_factor
        weight = weight / (weight.sum(-1, keepdim=True) + 1e-20)
    rsf = 1.0 if "rsf1" in ab else config["routed_scaling_factor"]
    return idx, weight * rsf


def moe(config, w, p, h, ab):
    """DeepseekV2MoE.forward: sum_k weight_k * expert_{idx_k}(h) + shared_experts(h)."""
    logits = h @ w[p + "gate.weight"].T
    idx, weight = route(config, logits, ab)
    out = torch.zeros_like(h)
    for e in range(config["n_routed_experts"]):
        rows, slot = torch.where(idx == e)
        if len(rows):
            out[rows] += weight[rows, slot, None] * swiglu(w, f"{p}experts.{e}.", h[rows])
    if "no_shared" not in ab:
        out = out + swiglu(w, p + "shared_experts.", h)
    return out


def logits_of(config, w, ids, ab=frozenset()):
    """DeepseekV2ForCausalLM: embed -> layers (pre-norm attention, pre-norm MLP/MoE) -> norm -> lm_head."""
    n = len(ids)
    eps = config["rms_norm_eps"]
    rope = rope_tables(config, config["qk_rope_head_dim"], n, ab)
    x = w["model.embed_tokens.weight"][ids]
    for layer in range(config["num_hidden_layers"]):
        p = f"model.layers.{layer}."
        x = x + mla_attention(config, w, p + "self_attn.", rms_norm(x, w[p + "input_layernorm.weight"], eps), ab, rope)
        h = rms_norm(x, w[p + "post_attention_layernorm.weight"], eps)
        dense = layer < config["first_k_dense_replace"]
        if dense and "layer0_moe" in ab:   # dense layer treated as MoE (borrowing the first MoE layer's weights)
            x = x + moe(config, w, f"model.layers.{config['first_k_dense_replace']}.mlp.", h, ab)
        elif dense:
            x = x + swiglu(w, p + "mlp.", h)
        else:
            x = x + moe(config, w, p + "mlp.", h, ab)
    head = w["model.embed_tokens.weight"] if config["tie_word_embeddings"] else w["lm_head.weight"]
    return rms_norm(x, w["model.norm.weight"], eps) @ head.T


def token_ids(text):
    return torch.tensor([BOS] + list(text.encode("utf-8")))


def log_likelihoods(config, w, ab=frozenset()):
    out = []
    for text in TEXTS:
        ids = token_ids(text)
        logp = torch.log_softmax(logits_of(config, w, ids, ab), dim=-1)
        out.append(float(logp[torch.arange(len(ids) - 1), ids[1:]].sum()))
    return out


def routing_margins(config, w):
    """Smallest router-logit margin of any routing decision over all texts (the k-th vs the (k+1)-th
    admissible expert, and for group-limited routing the last kept vs the first dropped group's best
    logit). HF routes in float32, so a margin near 0 would make the expected values
    fragile; the fixtures' seeds are chosen so it is comfortably large."""
    worst_logit, worst_group = float("inf"), float("inf")
    k = config["num_experts_per_tok"]
    for text in TEXTS:
        records = []
        ROUTER_LOG[:] = [records]
        try:
            logits_of(config, w, token_ids(text))
        finally:
            ROUTER_LOG[:] = []
        for logits in records:
            if config["topk_method"] == "greedy":
                top = logits.topk(k + 1, dim=-1).values
                worst_logit = min(worst_logit, float((top[:, k - 1] - top[:, k]).min()))
            else:
                groups, keep = config["n_group"], config["topk_group"]
                grouped = logits.view(logits.shape[0], groups, -1)   # softmax is monotone: compare logits
                gmax = grouped.max(-1).values.sort(-1, descending=True).values
                worst_group = min(worst_group, float((gmax[:, keep - 1] - gmax[:, keep]).min()))
                chosen = grouped.max(-1).values.topk(keep, -1).indices
                inside = torch.gather(logits.view(logits.shape[0], groups, -1), 1,
                                      chosen[:, :, None].expand(-1, -1, logits.shape[-1] // groups))
                top = inside.reshape(logits.shape[0], -1).topk(k + 1, dim=-1).values
                worst_logit = min(worst_logit, float((top[:, k - 1] - top[:, k]).min()))
    return worst_logit, worst_group


# ----------------------------------------------------------------------------------------------
# Fixtures
# ----------------------------------------------------------------------------------------------

def lite_config():
    """Shaped after deepseek-ai/DeepSeek-V2-Lite's config.json (same fields, same spelling: rope_scaling
    with "type": "yarn", q_lora_rank null, topk_method greedy, n_group/topk_group 1, moe_layer_freq 1,
    scoring_func softmax), sizes shrunk. No head_dim field, as in the hub file."""
    return {
        "architectures": ["DeepseekV2ForCausalLM"],
        "attention_bias": False,
        "attention_dropout": 0.0,
        "aux_loss_alpha": 0.001,
        "bos_token_id": 256,
        "eos_token_id": 256,
        "first_k_dense_replace": 1,
        "hidden_act": "silu",
        "hidden_size": 32,
        "initializer_range": 0.02,
        "intermediate_size": 40,
        "kv_lora_rank": 16,
        "max_position_embeddings": 2560,
        "model_type": "deepseek_v2",
        "moe_intermediate_size": 8,
        "moe_layer_freq": 1,
        "n_group": 1,
        "n_routed_experts": 4,
        "n_shared_experts": 2,
        "norm_topk_prob": False,
        "num_attention_heads": 4,
        "num_experts_per_tok": 2,
        "num_hidden_layers": 3,
        "num_key_value_heads": 4,
        "pretraining_tp": 1,
        "q_lora_rank": None,
        "qk_nope_head_dim": 12,
        "qk_rope_head_dim": 6,
        "rms_norm_eps": 1e-06,
        "rope_scaling": {
            "beta_fast": 32,
            "beta_slow": 1,
            "factor": 40,
            "mscale": 0.707,
            "mscale_all_dim": 0.707,
            "original_max_position_embeddings": 64,
            "type": "yarn",
        },
        "rope_theta": 10000,
        "routed_scaling_factor": 1.0,
        "scoring_func": "softmax",
        "seq_aux": True,
        "tie_word_embeddings": False,
        "topk_group": 1,
        "topk_method": "greedy",
        "torch_dtype": "float32",
        "use_cache": True,
        "v_head_dim": 10,
        "vocab_size": 257,
    }


def qlora_config():
    """As transformers 4.57.6's DeepseekV2Config.save_pretrained writes it (LlamaConfig-derived): head_dim
    (= qk_rope_head_dim, set by the config class), mlp_bias, rope_scaling with both "type" and
    "rope_type" (LlamaConfig's BC copy). q_lora_rank set (q_a_proj / q_a_layernorm / q_b_proj),
    group-limited routing, routed_scaling_factor 2.5, norm_topk_prob true (ignored by transformers),
    rms_norm_eps 1e-5 (not used by the MLA latent norms), mscale != mscale_all_dim (so the cos/sin
    attention factor is not 1)."""
    return {
        "architectures": ["DeepseekV2ForCausalLM"],
        "attention_bias": False,
        "attention_dropout": 0.0,
        "aux_loss_alpha": 0.001,
        "bos_token_id": 256,
        "dtype": "float32",
        "eos_token_id": 256,
        "first_k_dense_replace": 1,
        "head_dim": 6,
        "hidden_act": "silu",
        "hidden_size": 32,
        "initializer_range": 0.02,
        "intermediate_size": 40,
        "kv_lora_rank": 16,
        "max_position_embeddings": 512,
        "mlp_bias": False,
        "model_type": "deepseek_v2",
        "moe_intermediate_size": 8,
        "n_group": 2,
        "n_routed_experts": 8,
        "n_shared_experts": 2,
        "norm_topk_prob": True,
        "num_attention_heads": 4,
        "num_experts_per_tok": 2,
        "num_hidden_layers": 2,
        "num_key_value_heads": 4,
        "q_lora_rank": 12,
        "qk_nope_head_dim": 8,
        "qk_rope_head_dim": 6,
        "rms_norm_eps": 1e-05,
        "rope_scaling": {
            "beta_fast": 32,
            "beta_slow": 1,
            "factor": 16.0,
            "mscale": 1.0,
            "mscale_all_dim": 0.707,
            "original_max_position_embeddings": 32,
            "rope_type": "yarn",
            "type": "yarn",
        },
        "rope_theta": 10000.0,
        "routed_scaling_factor": 2.5,
        "seq_aux": True,
        "tie_word_embeddings": False,
        "topk_group": 1,
        "topk_method": "group_limited_greedy",
        "transformers_version": "4.57.6",
        "use_cache": True,
        "v_head_dim": 12,
        "vocab_size": 260,
    }


class Weights:
    def __init__(self, seed):
        self.rng = np.random.default_rng(seed)
        self.tensors = {}

    def normal(self, name, shape, std):
        self.tensors[name] = (self.rng.standard_normal(shape) * std).astype(np.float32)

    def norm(self, name, size, spread=0.1):
        self.tensors[name] = (1.0 + spread * self.rng.standard_normal(size)).astype(np.float32)


def build_weights(config, seed, g):
    """Random weights in the DeepseekV2ForCausalLM layout; g: gains that keep activations O(1) and
    make each mechanism bite."""
    d, heads, vocab = config["hidden_size"], config["num_attention_heads"], config["vocab_size"]
    nope, rd, vd = config["qk_nope_head_dim"], config["qk_rope_head_dim"], config["v_head_dim"]
    r, qr = config["kv_lora_rank"], config.get("q_lora_rank")
    wt = Weights(seed)
    wt.normal("model.embed_tokens.weight", (vocab, d), 1.0)
    for layer in range(config["num_hidden_layers"]):
        p = f"model.layers.{layer}."
        a = p + "self_attn."
        wt.norm(p + "input_layernorm.weight", d)
        wt.norm(p + "post_attention_layernorm.weight", d)
        # query: per head [nope | rope]; the rope columns get their own gain
        q_in = d if qr is None else qr
        q = wt.rng.standard_normal((heads, nope + rd, q_in)) / math.sqrt(q_in)
        q[:, :nope] *= g["q_nope"]
        q[:, nope:] *= g["q_pe"]
        if qr is None:
            wt.tensors[a + "q_proj.weight"] = q.reshape(heads * (nope + rd), q_in).astype(np.float32)
        else:
            wt.normal(a + "q_a_proj.weight", (qr, d), g["latent"] / math.sqrt(d))
            wt.norm(a + "q_a_layernorm.weight", qr)
            wt.tensors[a + "q_b_proj.weight"] = q.reshape(heads * (nope + rd), qr).astype(np.float32)
        kva = wt.rng.standard_normal((r + rd, d)) / math.sqrt(d)
        kva[:r] *= g["latent"]
        kva[r:] *= g["k_pe"]
        wt.tensors[a + "kv_a_proj_with_mqa.weight"] = kva.astype(np.float32)
        wt.norm(a + "kv_a_layernorm.weight", r)
        kvb = wt.rng.standard_normal((heads, nope + vd, r)) / math.sqrt(r)
        kvb[:, :nope] *= g["k_nope"]
        kvb[:, nope:] *= g["value"]
        wt.tensors[a + "kv_b_proj.weight"] = kvb.reshape(heads * (nope + vd), r).astype(np.float32)
        wt.normal(a + "o_proj.weight", (d, heads * vd), g["o"] / math.sqrt(heads * vd))
        m = p + "mlp."
        if layer < config["first_k_dense_replace"]:
            inter = config["intermediate_size"]
            wt.normal(m + "gate_proj.weight", (inter, d), g["mlp"] / math.sqrt(d))
            wt.normal(m + "up_proj.weight", (inter, d), g["mlp"] / math.sqrt(d))
            wt.normal(m + "down_proj.weight", (d, inter), g["mlp"] / math.sqrt(inter))
        else:
            inter = config["moe_intermediate_size"]
            wt.normal(m + "gate.weight", (config["n_routed_experts"], d), g["router"] / math.sqrt(d))
            for e in range(config["n_routed_experts"]):
                x = f"{m}experts.{e}."
                wt.normal(x + "gate_proj.weight", (inter, d), g["expert"] / math.sqrt(d))
                wt.normal(x + "up_proj.weight", (inter, d), g["expert"] / math.sqrt(d))
                wt.normal(x + "down_proj.weight", (d, inter), g["expert"] / math.sqrt(inter))
            shared = inter * config["n_shared_experts"]
            x = m + "shared_experts."
            wt.normal(x + "gate_proj.weight", (shared, d), g["shared"] / math.sqrt(d))
            wt.normal(x + "up_proj.weight", (shared, d), g["shared"] / math.sqrt(d))
            wt.normal(x + "down_proj.weight", (d, shared), g["shared"] / math.sqrt(shared))
    wt.norm("model.norm.weight", d)
    if not config["tie_word_embeddings"]:
        wt.normal("lm_head.weight", (vocab, d), g["head"] / math.sqrt(d))
    return wt.tensors


LITE_ABLATIONS = [
    ("no yarn mscale^2 in the softmax scale (transformers < PR #47435)", {"no_softmax_mscale"}),
    ("softmax scale from head_dim (= qk_rope_head_dim) instead of qk_head_dim", {"scale_by_head_dim"}),
    ("no yarn at all (default inv_freq, plain 1/sqrt(qk_head_dim))", {"no_yarn"}),
    ("no channel permutation: rotate-half on raw q_pe/k_pe channels", {"rope_no_permute"}),
    ("rope applied to all of q and k instead of only q_pe/k_pe", {"rope_all"}),
    ("q and kv_a splits read rope-first ([pe | nope], [k_pe | latent])", {"pe_first"}),
    ("kv_b_proj read as [all heads' k_nope | all heads' v]", {"kv_b_blocked"}),
    ("no kv_a_layernorm", {"no_kv_a_norm"}),
    ("top-1 instead of top-2", {"top1"}),
    ("renormalised top-k (norm_topk_prob read as true)", {"renorm"}),
    ("no shared experts", {"no_shared"}),
    ("dense layer 0 as MoE (first_k_dense_replace ignored)", {"layer0_moe"}),
]

QLORA_ABLATIONS = [
    ("no yarn mscale^2 in the softmax scale (transformers < PR #47435)", {"no_softmax_mscale"}),
    ("softmax scale from head_dim (= qk_rope_head_dim) instead of qk_head_dim", {"scale_by_head_dim"}),
    ("no yarn at all (default inv_freq, plain 1/sqrt(qk_head_dim))", {"no_yarn"}),
    ("yarn cos/sin attention_factor dropped (mscale/mscale_all_dim ratio)", {"no_rope_attention_factor"}),
    ("no channel permutation: rotate-half on raw q_pe/k_pe channels", {"rope_no_permute"}),
    ("rope applied to all of q and k instead of only q_pe/k_pe", {"rope_all"}),
    ("q and kv_a splits read rope-first ([pe | nope], [k_pe | latent])", {"pe_first"}),
    ("kv_b_proj read as [all heads' k_nope | all heads' v]", {"kv_b_blocked"}),
    ("q_a/kv_a layernorms with rms_norm_eps instead of the fixed 1e-6", {"latent_norm_eps_from_config"}),
    ("greedy instead of group_limited_greedy routing", {"greedy"}),
    ("group score = sum of top-2 (DeepSeek-V3) instead of max", {"group_score_top2_sum"}),
    ("routed_scaling_factor 1", {"rsf1"}),
    ("norm_topk_prob honoured: renormalise, then * routed_scaling_factor", {"renorm"}),
    ("norm_topk_prob as DeepSeek's remote code: renormalise, no scaling", {"renorm_v2_remote"}),
    ("no shared experts", {"no_shared"}),
    ("dense layer 0 as MoE (first_k_dense_replace ignored)", {"layer0_moe"}),
]

FIXTURES = [
    # name, config, seed, gains, ablations. Seeds chosen (from a small scan) so every ablation bites
    # and no routing decision is near a tie (see routing_margins; asserted >= MIN_ROUTER_MARGIN).
    ("deepseek_v2_lite", lite_config, 128,
     dict(q_nope=1.6, q_pe=2.2, latent=1.0, k_pe=2.2, k_nope=1.6, value=1.5, o=1.2, mlp=1.2,
          router=3.0, expert=3.5, shared=1.2, head=3.0), LITE_ABLATIONS),
    # latent=0.0006 keeps the q_a/kv_a latents' mean square near 1e-5, where the MLA norms' fixed
    # eps (1e-6) and rms_norm_eps (1e-5) give clearly different results.
    ("deepseek_v2_qlora", qlora_config, 401,
     dict(q_nope=1.2, q_pe=3.5, latent=0.0006, k_pe=3.5, k_nope=1.2, value=1.5, o=1.2, mlp=1.2,
          router=3.5, expert=3.5, shared=2.0, head=3.0), QLORA_ABLATIONS),
]
MIN_ROUTER_MARGIN = 5e-3


def relative_change(base, other):
    return max(abs(a - b) / abs(b) for a, b in zip(other, base))


def self_checks(config, w):
    """The three spellings of DeepSeek's rotary agree (transformers' complex product, the
    interleaved-pair formula used above, DeepSeek's permute + rotate_half up to the same channel
    permutation of q and k), and the scores they produce are equal."""
    rd = config["qk_rope_head_dim"]
    cos, sin = rope_tables(config, rd, 40, frozenset())
    g = torch.Generator().manual_seed(0)
    q, k = torch.randn(3, 40, rd, generator=g, dtype=torch.float64), torch.randn(1, 40, rd, generator=g, dtype=torch.float64)
    a = rotate_interleaved(q, cos, sin)
    b = rotate_interleaved_complex(q, cos, sin)
    assert torch.allclose(a, b, atol=1e-12)
    s1 = a @ rotate_interleaved(k, cos, sin).transpose(-1, -2)
    s2 = rotate_deepseek_permuted(q, cos, sin) @ rotate_deepseek_permuted(k, cos, sin).transpose(-1, -2)
    assert torch.allclose(s1, s2, atol=1e-12)


def main(root):
    root = Path(root)
    tokenizer = root / "llama" / "tokenizer.json"
    failures = []
    for name, make_config, seed, gains, ablations in FIXTURES:
        config = make_config()
        folder = root / name
        folder.mkdir(parents=True, exist_ok=True)
        (folder / "config.json").write_text(json.dumps(config, indent=2, sort_keys=True) + "\n")
        write_safetensors(folder / "model.safetensors", build_weights(config, seed, gains))
        shutil.copyfile(tokenizer, folder / "tokenizer.json")
        w = {k: torch.tensor(v) for k, v in read_safetensors(folder / "model.safetensors").items()}
        self_checks(config, w)
        scores = log_likelihoods(config, w)
        expected = {"texts": TEXTS, "logLikelihoods": scores, "reference": f"{SCRIPT}::logits_of",
                    "follows": FOLLOWS}
        (folder / "expected.json").write_text(json.dumps(expected, indent=2, ensure_ascii=False) + "\n")
        margin, group_margin = routing_margins(config, w)
        assert min(margin, group_margin) >= MIN_ROUTER_MARGIN, (name, margin, group_margin)
        size = (folder / "model.safetensors").stat().st_size
        print(f"\n{name}: {size} bytes, min router logit margin {margin:.4f}"
              + (f", min group margin {group_margin:.4f}" if group_margin != float("inf") else ""))
        print("  log-likelihoods:", ", ".join(f"{s:.6f}" for s in scores))
        print(f"  {'ablation':<76} {'max rel change':>14}  result")
        for label, flags in ablations:
            change = relative_change(scores, log_likelihoods(config, w, frozenset(flags)))
            ok = change > THRESHOLD
            print(f"  {label:<76} {change:14.4f}  {'ok' if ok else 'FAIL'}")
            if not ok:
                failures.append(f"{name}: {label} ({change:.2e})")
    if failures:
        raise SystemExit("ablations that do not bite:\n  " + "\n  ".join(failures))


if __name__ == "__main__":
    torch.set_grad_enabled(False)
    main(sys.argv[1] if len(sys.argv) > 1 else "scorer-worker/src/test/resources/fixtures")
