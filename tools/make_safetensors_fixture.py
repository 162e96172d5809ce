#!/usr/bin/env python3
"""Make the safetensors test fixtures from real PyTorch tensors.

Run with Debian's PyTorch (`apt-get install -y python3-torch`):

    /usr/bin/python3 tools/make_safetensors_fixture.py

Debian (bookworm) has no `python3-safetensors` package and PyPI is out of reach here, so
`safetensors.torch.save_file` is not available. This script writes the files itself,
following the format as the reference implementation (safetensors 0.4, Rust) writes it
8-byte little-endian header length; compact JSON header, "__metadata__" first, then
the tensors in data order, sorted by name (the reference sorts by dtype size first, then
by name: the same for the F32-only file); header padded with spaces to a multiple of 8;
raw little-endian data with no gaps. The values come from a torch `state_dict()` with
a fixed seed, and the bytes of each tensor from torch itself (`tensor.numpy().tobytes()`,
or the int16 view for bfloat16, which numpy lacks).

Outputs, in runtime/src/test/resources/dev/cnnc/runtime/safetensors/:
- torch_small.safetensors: F32 state_dict of conv c1 (1->6, 5x5) and dense d1 (24->10),
  with metadata {"format": "pt"} as transformers writes it.
- torch_mixed.safetensors: the same weights as F16 / BF16 / F64, plus a BatchNorm's
  running stats and its int64 num_batches_tracked.
- *.expected.txt: one line per tensor, `name dtype d0,d1,... v0 v1 ...`, the values as
  torch converts them to float32 (`t.float()`), printed with repr (exact round trip).
"""
import json
import os
import struct

import torch

OUT = os.path.join(os.path.dirname(os.path.abspath(__file__)), "..", "runtime", "src", "test",
                   "resources", "dev", "cnnc", "runtime", "safetensors")

DTYPES = {torch.float32: "F32", torch.float16: "F16", torch.bfloat16: "BF16",
          torch.float64: "F64", torch.int64: "I64"}


class Small(torch.nn.Module):
    def __init__(self):
        super().__init__()
        self.c1 = torch.nn.Conv2d(1, 6, 5)
        self.d1 = torch.nn.Linear(24, 10)
        self.bn = torch.nn.BatchNorm2d(6)


def tensor_bytes(t):
    t = t.contiguous()
    if t.dtype == torch.bfloat16:
        return t.view(torch.int16).numpy().astype("<i2").tobytes()
    return t.numpy().astype(t.numpy().dtype.newbyteorder("<")).tobytes()


def save(tensors, path, metadata=None):
    names = sorted(tensors, key=lambda n: n.encode("utf-8"))
    header = {}
    if metadata:
        header["__metadata__"] = dict(sorted(metadata.items()))
    offset = 0
    blobs = []
    for name in names:
        t = tensors[name]
        data = tensor_bytes(t)
        header[name] = {"dtype": DTYPES[t.dtype], "shape": list(t.shape),
                        "data_offsets": [offset, offset + len(data)]}
        offset += len(data)
        blobs.append(data)
    text = json.dumps(header, separators=(",", ":"), ensure_ascii=False).encode("utf-8")
    text += b" " * ((8 - len(text) % 8) % 8)
    with open(path, "wb") as f:
        f.write(struct.pack("<Q", len(text)))
        f.write(text)
        for b in blobs:
            f.write(b)


def expected(tensors, path):
    with open(path, "w") as f:
        for name in sorted(tensors):
            t = tensors[name]
            values = t.float().flatten().tolist()
            shape = ",".join(str(d) for d in t.shape)
            f.write(" ".join([name, DTYPES[t.dtype], shape or "-"] + [repr(v) for v in values]) + "\n")


def main():
    torch.manual_seed(20261124)
    model = Small()
    with torch.no_grad():
        model.bn.running_mean.normal_()
        model.bn.running_var.uniform_(0.5, 2.0)
        model.bn.num_batches_tracked.fill_(7)
    sd = model.state_dict()
    small = {k: sd[k] for k in ("c1.weight", "c1.bias", "d1.weight", "d1.bias")}
    save(small, os.path.join(OUT, "torch_small.safetensors"), {"format": "pt"})
    expected(small, os.path.join(OUT, "torch_small.expected.txt"))

    mixed = {"c1.weight": sd["c1.weight"].half(), "c1.bias": sd["c1.bias"].bfloat16(),
             "d1.weight": sd["d1.weight"].double(), "d1.bias": sd["d1.bias"],
             "bn.running_mean": sd["bn.running_mean"], "bn.running_var": sd["bn.running_var"],
             "bn.num_batches_tracked": sd["bn.num_batches_tracked"]}
    save(mixed, os.path.join(OUT, "torch_mixed.safetensors"))
    expected(mixed, os.path.join(OUT, "torch_mixed.expected.txt"))


if __name__ == "__main__":
    main()
