"""Reads a .safetensors file by hand (the format's 8-byte header length, JSON header, raw
little-endian data) into float64 NumPy arrays, for the reference scripts beside this file.
F16, F32 and BF16 tensors are supported; BF16 (the upper 16 bits of an IEEE float32) is widened
exactly, bit pattern << 16, so the float64 values are the bf16 values themselves."""
import json
import struct
from pathlib import Path

import numpy as np

DTYPES = {"F16": "<f2", "F32": "<f4"}


def _bf16_to_float32(data):
    return (np.frombuffer(data, dtype="<u2").astype(np.uint32) << 16).view(np.float32)


def read_safetensors(path):
    raw = Path(path).read_bytes()
    (length,) = struct.unpack("<Q", raw[:8])
    header = json.loads(raw[8:8 + length])
    tensors = {}
    for name, info in header.items():
        if name == "__metadata__":
            continue
        start, end = info["data_offsets"]
        chunk = raw[8 + length + start:8 + length + end]
        if info["dtype"] == "BF16":
            data = _bf16_to_float32(chunk)
        else:
            data = np.frombuffer(chunk, dtype=DTYPES[info["dtype"]])
        tensors[name] = data.reshape(info["shape"]).astype(np.float64)
    return tensors
