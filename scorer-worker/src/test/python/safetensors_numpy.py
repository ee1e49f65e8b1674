"""Reads a .safetensors file by hand (the format's 8-byte header length, JSON header, raw
little-endian data) into float64 NumPy arrays, for the reference scripts beside this file."""
import json
import struct
from pathlib import Path

import numpy as np

DTYPES = {"F16": "<f2", "F32": "<f4"}


def read_safetensors(path):
    raw = Path(path).read_bytes()
    (length,) = struct.unpack("<Q", raw[:8])
    header = json.loads(raw[8:8 + length])
    tensors = {}
    for name, info in header.items():
        if name == "__metadata__":
            continue
        start, end = info["data_offsets"]
        data = np.frombuffer(raw[8 + length + start:8 + length + end], dtype=DTYPES[info["dtype"]])
        tensors[name] = data.reshape(info["shape"]).astype(np.float64)
    return tensors
