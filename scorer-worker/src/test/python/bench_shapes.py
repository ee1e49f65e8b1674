#!/usr/bin/env python3
"""Writes, for one tiny fixture per model_type, a random checkpoint of the same Hugging Face layout at a
~100M-parameter shape, for `modelmap bench-scorer --models-dir` (per-family throughput, docs/ARCHITECTURES.md).

NumPy only (no torch). For each fixture named in BENCH it
  - scales the fixture's config.json: width 768, 12 layers, 12 heads, vocabulary 50,304 (the same for every
    family, so the logits cost the same everywhere), 2,048 positions (a ~1 KB text is one window), and the
    family's own ratios (key/value heads, head width, MLP width, experts) taken from the real checkpoint
    BENCH names; list fields sized by the layer or head count (layer_types, LongRoPE factors) are resampled;
  - derives every tensor's name and shape from the fixture's own safetensors header: each name is given a
    shape formula in the config's sizes (RULES below), the formula is checked against the tiny fixture's
    header (any tensor it does not reproduce is an error), then evaluated at the bench sizes; layer 0's and
    expert 0's tensors are repeated for every layer and expert;
  - writes F32 tensors drawn N(0, 0.02²) (norm weights 1 + that, 0 + that for Gemma's 1 + w), so activations
    stay finite, as model.safetensors, with the fixture's tokenizer.json (byte level) copied.

    python3 scorer-worker/src/test/python/bench_shapes.py /tmp/bench-shapes [fixture ...]

The checkpoints are 0.4 to 0.9 GB each (15 GB for all 26, written in ~1.5 min); they are not committed.
"""
import json
import re
import shutil
import struct
import sys
from pathlib import Path

import numpy as np

FIXTURES = Path(__file__).resolve().parents[1] / "resources" / "fixtures"
WIDTH, LAYERS, HEADS, VOCAB, POSITIONS = 768, 12, 12, 50304, 2048
STD = 0.02

# fixture -> (the real checkpoint whose ratios are kept, config fields beyond width/layers/heads/vocab).
# At 12 heads a head is 64 wide unless the real model's query width differs from its hidden size.
BENCH = {
    "gpt2": ("gpt2 (124M) itself", {}),
    "gpt_neox": ("pythia-160m itself: 25 % rotary", {"intermediate_size": 3072, "rotary_pct": 0.25}),
    "opt": ("opt-125m itself", {"ffn_dim": 3072, "word_embed_proj_dim": WIDTH}),
    "gpt_neo": ("gpt-neo-125M itself: global/local layers, window 256",
                {"window_size": 256, "attention_types": [[["global", "local"], LAYERS // 2]]}),
    "gpt_bigcode": ("starcoderbase-1b: multi-query, MLP 4x", {"n_inner": 3072}),
    "gptj": ("GPT-J-6B: rotary on 1/4 of each head, MLP 4x", {"rotary_dim": 16}),
    "codegen": ("codegen-350M-mono: rotary on 1/2 of each head, MLP 4x", {"rotary_dim": 32, "n_inner": None}),
    "xglm": ("xglm-564M: MLP 4x", {"ffn_dim": 3072}),
    "bloom": ("bloom-560m: ALiBi, MLP 4x", {}),
    "mpt": ("mpt-7b: ALiBi, expansion 4", {"expansion_ratio": 4}),
    "falcon_7b": ("falcon-7b: multi-query, parallel attention, MLP 4x",
                  {"ffn_hidden_size": 3072, "num_kv_heads": HEADS}),  # num_kv_heads is ignored by multi_query
    "phi": ("phi-1_5: 50 % rotary, MLP 4x", {"num_key_value_heads": HEADS, "intermediate_size": 3072}),
    "phi3_longrope": ("Phi-3-mini-128k: LongRoPE over 4,096 positions, MLP 8/3x",
                      {"num_key_value_heads": HEADS, "intermediate_size": 2048,
                       "original_max_position_embeddings": 4096, "max_position_embeddings": 131072}),
    "stablelm": ("stablelm-2-1_6b: 25 % rotary, q/k/v biases, MLP 2.75x",
                 {"num_key_value_heads": HEADS, "intermediate_size": 2112}),
    "starcoder2": ("starcoder2-3b: 12 query heads per key/value head, window 4,096, MLP 4x",
                   {"num_key_value_heads": 1, "intermediate_size": 3072, "sliding_window": 4096}),
    "llama": ("Llama-3.2-1B: 4 query heads per key/value head, llama3 rope, MLP 4x",
              {"num_key_value_heads": 3, "intermediate_size": 3072,
               "rope_scaling": {"rope_type": "llama3", "factor": 32.0, "low_freq_factor": 1.0,
                                "high_freq_factor": 4.0, "original_max_position_embeddings": 8192}}),
    "mistral_window": ("Mistral-7B-v0.1: 4 query heads per key/value head, window 4,096, MLP 3.5x",
                       {"num_key_value_heads": 3, "head_dim": 64, "intermediate_size": 2688,
                        "sliding_window": 4096}),
    "qwen3": ("Qwen3-0.6B: 2 query heads per key/value head, heads 128 wide (query 2x hidden), MLP 3x",
              {"num_key_value_heads": 6, "head_dim": 128, "intermediate_size": 2304}),
    "granite": ("granite-3.0-2b: 4 query heads per key/value head, MLP 4x",
                {"num_key_value_heads": 3, "intermediate_size": 3072, "attention_multiplier": 1 / 64}),
    "olmo": ("OLMo-1B-hf: MLP 4x", {"num_key_value_heads": HEADS, "intermediate_size": 3072}),
    "olmo2": ("OLMo-2-0425-1B: MLP 4x", {"num_key_value_heads": HEADS, "intermediate_size": 3072}),
    "gemma": ("gemma-2b: multi-query, query as wide as hidden, MLP 8x",
              {"num_key_value_heads": 1, "head_dim": 64, "intermediate_size": 6144}),
    "gemma2": ("gemma-2-2b: 2 query heads per key/value head, window 4,096 on alternate layers, MLP 4x",
               {"num_key_value_heads": 6, "head_dim": 64, "intermediate_size": 3072, "sliding_window": 4096,
                "query_pre_attn_scalar": 64, "attn_logit_softcapping": 50.0, "final_logit_softcapping": 30.0}),
    "gemma3_text": ("gemma-3-1b: 4 query heads per key/value head, window 512 on 5 of 6 layers, MLP 6x",
                    {"num_key_value_heads": 3, "head_dim": 64, "intermediate_size": 4608, "sliding_window": 512,
                     "query_pre_attn_scalar": 64}),
    # mixture of experts: expert counts and widths cut so the experts together hold what one 4x MLP holds
    "mixtral": ("Mixtral-8x7B: 8 experts, top 2, 4 query heads per key/value head (experts 384 wide)",
                {"num_key_value_heads": 3, "intermediate_size": 384, "num_local_experts": 8,
                 "num_experts_per_tok": 2}),
    "qwen2_moe": ("Qwen1.5-MoE-A2.7B: top 4, shared expert 4x an expert (16 experts of 192, not 60 of 1,408)",
                  {"num_key_value_heads": HEADS, "num_experts": 16, "num_experts_per_tok": 4,
                   "moe_intermediate_size": 192, "shared_expert_intermediate_size": 768, "intermediate_size": 3072}),
}

GEMMA = ("gemma", "gemma2", "gemma3_text")


def first(config, *fields, default=None):
    for field in fields:
        if config.get(field) is not None:
            return field
    return default


class Sizes:
    """The sizes a config implies, read the way each family's configuration class reads them."""

    def __init__(self, c):
        t = c["model_type"]
        self.d = c[first(c, "hidden_size", "n_embd", "d_model", "n_embed")]
        self.heads = c[first(c, "num_attention_heads", "n_head", "num_heads", "n_heads", "attention_heads")]
        self.layers = c[first(c, "num_hidden_layers", "n_layer", "num_layers", "n_layers")]
        self.hd = c.get("head_dim") or self.d // self.heads
        if t == "falcon":
            kv = c["num_kv_heads"] if c["new_decoder_architecture"] else 1 if c["multi_query"] else self.heads
        elif t == "gpt_bigcode":
            kv = 1 if c.get("multi_query", True) else self.heads
        else:
            kv = c.get("num_key_value_heads") or self.heads
        self.q, self.kv = self.heads * self.hd, kv * self.hd
        inner = first(c, "intermediate_size", "n_inner", "ffn_dim", "ffn_hidden_size")
        self.inner = c["expansion_ratio"] * self.d if t == "mpt" else c[inner] if inner else 4 * self.d
        self.vocab = c["vocab_size"]
        positions = c.get(first(c, "max_position_embeddings", "n_positions", "max_seq_len"), 0)
        self.positions = positions + 2 if t == "opt" else positions  # OPT's learned positions start at 2
        self.experts = c.get("num_local_experts") or c.get("num_experts") or 0
        self.expert_inner = c.get("moe_intermediate_size") or self.inner
        self.shared_inner = c.get("shared_expert_intermediate_size") or 0
        self.conv1d = t == "gpt2"  # GPT-2's Conv1D stores [in, out]
        self.whole_width_qk_norm = t == "olmo2"


# A shape formula for every tensor name the fixtures hold, [out, in] as nn.Linear stores it; the first pattern
# matching whole name components (so k_proj is not qkv_proj) wins.
RULES = [
    (r"experts\.\d+\.(w1|w3|gate_proj|up_proj)\.weight$", lambda s: (s.expert_inner, s.d)),
    (r"experts\.\d+\.(w2|down_proj)\.weight$", lambda s: (s.d, s.expert_inner)),
    (r"shared_expert\.(gate_proj|up_proj)\.weight$", lambda s: (s.shared_inner, s.d)),
    (r"shared_expert\.down_proj\.weight$", lambda s: (s.d, s.shared_inner)),
    (r"shared_expert_gate\.weight$", lambda s: (1, s.d)),
    (r"(block_sparse_moe|mlp)\.gate\.weight$", lambda s: (s.experts, s.d)),
    (r"(embed_tokens|wte|word_embeddings|embed_in|lm_head|embed_out)\.weight$", lambda s: (s.vocab, s.d)),
    (r"(wpe|embed_positions)\.weight$", lambda s: (s.positions, s.d)),
    (r"q_proj\.weight$", lambda s: (s.q, s.d)),
    (r"(k_proj|v_proj)\.weight$", lambda s: (s.kv, s.d)),
    (r"(query_key_value|qkv_proj|Wqkv|c_attn)\.weight$", lambda s: (s.q + 2 * s.kv, s.d)),
    (r"(attn\.c_proj|o_proj|out_proj|attention\.dense|self_attention\.dense|self_attn\.dense)\.weight$", lambda s: (s.d, s.q)),
    (r"q_(norm|layernorm)\.weight$", lambda s: (s.q,) if s.whole_width_qk_norm else (s.hd,)),
    (r"k_(norm|layernorm)\.weight$", lambda s: (s.kv,) if s.whole_width_qk_norm else (s.hd,)),
    (r"gate_up_proj\.weight$", lambda s: (2 * s.inner, s.d)),
    (r"(gate_proj|up_proj|fc_in|c_fc|fc1|dense_h_to_4h)\.weight$", lambda s: (s.inner, s.d)),
    (r"(down_proj|fc_out|mlp\.c_proj|fc2|dense_4h_to_h)\.weight$", lambda s: (s.d, s.inner)),
    (r"(\w*norm|ln_\w+|norm_\w+)\.weight$", lambda s: (s.d,)),  # input_layernorm, ln_1, norm_f, ...
]


def shape_of(name, sizes, shapes):
    """The tensor's shape at these sizes; a bias takes its weight's output size. `shapes`: those already known."""
    if name.endswith(".bias"):
        weight = shapes[name[:-len("bias")] + "weight"]
        return (weight[-1] if sizes.conv1d and len(weight) == 2 else weight[0],)
    for pattern, formula in RULES:
        if re.search(r"(^|\.)" + pattern, name):
            shape = formula(sizes)
            conv1d = sizes.conv1d and len(shape) == 2 and not re.search(r"(wte|wpe)\.weight$", name)
            return tuple(reversed(shape)) if conv1d else shape
    raise SystemExit(f"no shape rule for tensor {name}")


LAYER = re.compile(r"(^|\.)(h|layers|blocks)\.(\d+)\.")
EXPERT = re.compile(r"\.experts\.(\d+)\.")


def templates(names):
    """Layer 0's and expert 0's names stand for all layers and experts: checked that every tiny layer has the
    same tensors, then the rest dropped."""
    by_layer = {}
    for name in names:
        m = LAYER.search(name)
        if m:
            by_layer.setdefault(int(m.group(3)), set()).add(LAYER.sub(lambda g: f"{g.group(1)}{g.group(2)}.L.", name))
    if by_layer and any(v != by_layer[0] for v in by_layer.values()):
        raise SystemExit("layers differ in their tensors; the bench repeats layer 0's")
    kept = [n for n in names if not LAYER.search(n) or int(LAYER.search(n).group(3)) == 0]
    return [n for n in kept if not EXPERT.search(n) or EXPERT.search(n).group(1) == "0"]


def expand(name, sizes):
    """Every layer's (and expert's) copy of a layer-0 / expert-0 name."""
    names = [name]
    if LAYER.search(name):
        names = [LAYER.sub(lambda g: f"{g.group(1)}{g.group(2)}.{i}.", name) for i in range(sizes.layers)]
    if EXPERT.search(name):
        names = [EXPERT.sub(f".experts.{e}.", n) for n in names for e in range(sizes.experts)]
    return names


def read_header(path):
    raw = Path(path).read_bytes()
    (length,) = struct.unpack("<Q", raw[:8])
    header = json.loads(raw[8:8 + length])
    header.pop("__metadata__", None)
    return {name: tuple(info["shape"]) for name, info in header.items()}


def resample(values, length):
    """A list of per-frequency factors stretched to `length` entries (LongRoPE's short and long factors)."""
    return [float(v) for v in np.interp(np.linspace(0, 1, length), np.linspace(0, 1, len(values)), values)]


def bench_config(c_tiny, fields):
    c = json.loads(json.dumps(c_tiny))
    for names, value in ((("hidden_size", "n_embd", "d_model", "n_embed"), WIDTH),
                         (("num_attention_heads", "n_head", "num_heads", "n_heads", "attention_heads"), HEADS),
                         (("num_hidden_layers", "n_layer", "num_layers", "n_layers"), LAYERS),
                         (("vocab_size",), VOCAB),
                         (("max_position_embeddings", "n_positions", "n_ctx", "max_seq_len", "seq_length"), POSITIONS)):
        for name in names:
            if name in c:
                c[name] = value
    if "head_dim" in c:
        c["head_dim"] = WIDTH // HEADS
    if c.get("num_key_value_heads"):  # the fixture's query heads per key/value head, unless BENCH says otherwise
        tiny = Sizes(c_tiny)
        c["num_key_value_heads"] = HEADS * c_tiny["num_key_value_heads"] // tiny.heads
    if "layer_types" in c:  # the fixture's pattern (5 sliding, 1 full) repeated over the layers
        c["layer_types"] = [c["layer_types"][i % len(c["layer_types"])] for i in range(LAYERS)]
    if "attention_layers" in c:
        c["attention_layers"] = [c["attention_layers"][i % len(c["attention_layers"])] for i in range(LAYERS)]
    c.update(fields)
    scaling = c.get("rope_scaling") or {}
    if "short_factor" in scaling:  # one factor per rotary frequency
        sizes = Sizes(c)
        rotary = int(sizes.hd * c.get("partial_rotary_factor", 1.0)) // 2
        scaling["short_factor"] = resample(scaling["short_factor"], rotary)
        scaling["long_factor"] = resample(scaling["long_factor"], rotary)
    return c


def write_safetensors(path, tensors):
    """Header (sorted names, F32, offsets, padded to 8 bytes) then the data, streamed tensor by tensor."""
    header, offset = {}, 0
    for name in sorted(tensors):
        n = int(np.prod(tensors[name].shape))
        header[name] = {"dtype": "F32", "shape": list(tensors[name].shape), "data_offsets": [offset, offset + 4 * n]}
        offset += 4 * n
    header["__metadata__"] = {"format": "pt"}
    text = json.dumps(header, separators=(",", ":"), sort_keys=True).encode("utf-8")
    text += b" " * (-len(text) % 8)
    with open(path, "wb") as out:
        out.write(struct.pack("<Q", len(text)) + text)
        for name in sorted(tensors):
            out.write(np.ascontiguousarray(tensors[name], dtype="<f4").tobytes())


def build(name, out_root, seed):
    tiny_dir = FIXTURES / name
    tiny = json.loads((tiny_dir / "config.json").read_text())
    real, fields = BENCH[name]
    config = bench_config(tiny, fields)
    tiny_sizes, sizes = Sizes(tiny), Sizes(config)
    header = read_header(tiny_dir / "model.safetensors")
    known_tiny, known = {}, {}
    for tensor in sorted(header, key=lambda n: n.endswith(".bias")):  # weights before their biases
        known_tiny[tensor] = shape_of(tensor, tiny_sizes, known_tiny)
        if known_tiny[tensor] != header[tensor]:
            raise SystemExit(f"{name}: rule gives {tensor} the shape {known_tiny[tensor]} at the fixture's sizes; "
                             f"its header says {header[tensor]}")
    rng = np.random.default_rng(seed)
    gemma = config["model_type"] in GEMMA
    tensors = {}
    for template in sorted(templates(header), key=lambda n: n.endswith(".bias")):
        known[template] = shape_of(template, sizes, known)
        shape = known[template]
        norm = len(shape) == 1 and not template.endswith(".bias")
        centre = (0.0 if gemma else 1.0) if norm else 0.0
        for tensor in expand(template, sizes):
            tensors[tensor] = centre + STD * rng.standard_normal(shape, dtype=np.float32)
    folder = Path(out_root) / config["model_type"]
    folder.mkdir(parents=True, exist_ok=True)
    (folder / "config.json").write_text(json.dumps(config, indent=2) + "\n")
    write_safetensors(folder / "model.safetensors", tensors)
    shutil.copyfile(tiny_dir / "tokenizer.json", folder / "tokenizer.json")
    parameters = sum(int(np.prod(t.shape)) for t in tensors.values())
    experts = f", {sizes.experts} experts of {sizes.expert_inner}" if sizes.experts else ""
    print(f"{config['model_type']:12s} from {name:15s} {parameters / 1e6:6.1f} M parameters, {len(tensors):4d} tensors;"
          f" query {sizes.q}, key/value {sizes.kv}, head {sizes.hd}, MLP {sizes.inner}{experts}; ratios of {real}")


def main(args):
    if not args:
        raise SystemExit(__doc__)
    for name in args[1:] or list(BENCH):
        build(name, args[0], 1000 + list(BENCH).index(name))  # the same weights whichever are asked for


if __name__ == "__main__":
    main(sys.argv[1:])
