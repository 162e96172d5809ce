#!/usr/bin/python3
"""PyTorch references for the vector-API convolution kernel (cnnc compile --vector-api).

testdata/golden's convolutions are too small for the kernel's register blocks (a row of at least
64 output columns at the padded input's pitch), so these cases are larger: stride 1, ungrouped,
with odd output-channel counts (a remainder block), dilation, no bias, 1-D and rectangular
kernels, and an activation each.

Run with Debian's PyTorch:  /usr/bin/python3 tools/make_vector_fixtures.py
Writes compiler/src/test/resources/dev/cnnc/compiler/codegen/vector_conv_reference.txt, one
tensor per line, name|shape|values (%.9g of float32). Inputs and parameters are drawn as
float32 with fixed seeds; outputs are computed in float64 and rounded once to float32.
"""
import os
import torch

OUT = os.path.join(os.path.dirname(__file__), "..", "compiler", "src", "test", "resources",
                   "dev", "cnnc", "compiler", "codegen", "vector_conv_reference.txt")
ACT = {"relu": torch.relu, "tanh": torch.tanh, "none": lambda t: t}
# name: (rank, input shape [N, C, ...], filters, kernel, padding, dilation, bias, activation)
CASES = {
    "v2d_relu": (2, [2, 3, 12, 12], 6, [3, 3], [1, 1], [1, 1], True, "relu"),
    "v2d_dilated_nobias": (2, [2, 5, 13, 11], 7, [3, 3], [2, 2], [2, 2], False, "none"),
    "v2d_rect": (2, [2, 2, 10, 20], 4, [5, 3], [2, 1], [1, 1], True, "tanh"),
    "v1d_relu": (1, [2, 3, 100], 5, [7], [3], [1], True, "relu"),
    "v1d_dilated_nobias": (1, [2, 4, 80], 9, [5], [0], [2], False, "none"),
    "v1d_remainder": (1, [2, 3, 300], 19, [3], [1], [1], True, "relu"),
}
lines = ["# made by tools/make_vector_fixtures.py with PyTorch " + torch.__version__]


def put(name, t):
    t = torch.as_tensor(t).detach().to(torch.float32).contiguous()
    shape = ",".join(str(d) for d in t.shape)
    lines.append(f"{name}|{shape}|" + " ".join("%.9g" % v for v in t.reshape(-1).tolist()))


for seed, (name, (rank, shape, filters, kernel, padding, dilation, bias, act)) in enumerate(CASES.items()):
    gen = torch.Generator().manual_seed(100 + seed)
    x = torch.randn(*shape, generator=gen)
    w = torch.randn(filters, shape[1], *kernel, generator=gen) * 0.3
    b = torch.randn(filters, generator=gen) * 0.3 if bias else None
    conv = torch.nn.functional.conv2d if rank == 2 else torch.nn.functional.conv1d
    y = conv(x.double(), w.double(), None if b is None else b.double(), stride=1, padding=padding,
             dilation=dilation)
    put(name + ".input", x)
    put(name + ".weight", w)
    if b is not None:
        put(name + ".bias", b)
    put(name + ".output", ACT[act](y))

with open(OUT, "w") as f:
    f.write("\n".join(lines) + "\n")
print("wrote", OUT, len(lines) - 1, "tensors")
