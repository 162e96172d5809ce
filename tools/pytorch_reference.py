#!/usr/bin/python3
"""PyTorch reference numbers for the example specs in examples/*.yaml.

Each example is rebuilt here *by hand* as a PyTorch nn.Module: the same layers, in the
same order, with the same layer names (so that state_dict() keys are the weight names
cnnc uses, contract section 1.4). Nothing here reads the YAML files: the numbers are an
independent check of cnnc's parser and shape checker, not a copy of their output.

For every layer it prints the output shape of one sample (no batch axis), the number of
trainable parameters (sum of p.numel(); batchnorm running statistics are buffers and not
counted) and the multiply-accumulates (MACs) of one forward pass of one sample, counted
by forward hooks on convolution and linear modules only:
    conv:   out.numel() * (in_channels / groups) * prod(kernel_size)
    linear: in_features * out_features
(bias additions, activations, pooling, batchnorm and adds are not counted; the same rule
as /work/shared/bench/peers_torch.py).

Usage (PyTorch is never a dependency of cnnc or its tests; the output is committed):

    /usr/bin/python3 tools/pytorch_reference.py > examples/src/test/resources/pytorch-reference.txt

Output format, tab-separated, one record per line ('#' lines are comments):

    model   <example name>   <yaml file>   <input shape>
    layer   <name>   <cnnc type>   <output shape>   <params>   <macs>   <receptive field>
    tensor  <state_dict key>   <shape>
    total   <params>   <macs>
    end

Shapes are written as comma-separated integers, e.g. 6,28,28. The receptive field of one
output element on the input is <size per axis>/<jump per axis>, e.g. 6x6/2x2 (jump: input
cells between neighbouring outputs), or '-' after flatten, dense or global pooling, where
every output sees the whole input.
With --golden DIR it also loads the golden fixtures' LeNet-5 and 1-D net weights
(/work/shared/golden) into the hand-built modules with load_state_dict(strict=True) and
compares the logits, which checks that the names and the layer order match.
"""

import argparse
import datetime
import math
import os
import sys

import numpy as np
import torch
import torch.nn as nn
import torch.nn.functional as F


# ---------------------------------------------------------------------------------------
# A tiny graph module: named steps, each with named inputs, registered under dotted names
# ---------------------------------------------------------------------------------------

class Graph(nn.Module):
    """An nn.Module holding a list of named steps (a DAG, like a cnnc spec)."""

    def __init__(self, input_shape):
        super().__init__()
        self.input_shape = tuple(input_shape)
        self.steps = []  # (name, cnnc type, input names, fn, modules)
        self.windows = {}  # step name -> pooling window, for receptive fields
        self.macs_hook = None

    def _register(self, dotted, module):
        """Registers module under a dotted name (stage1.0.c1) creating containers on the way."""
        parent = self
        parts = dotted.split(".")
        for part in parts[:-1]:
            if part not in parent._modules:
                parent.add_module(part, nn.Module())
            parent = parent._modules[part]
        parent.add_module(parts[-1], module)

    def step(self, name, typ, fn, modules=(), inputs=None, window=None):
        """window: (kernel, stride) per axis of a pooling step (convolutions: from the module)."""
        if inputs is None:
            inputs = [self.steps[-1][0] if self.steps else "input"]
        elif isinstance(inputs, str):
            inputs = [inputs]
        for key, m in modules:
            self._register(key, m)
        self.steps.append((name, typ, list(inputs), fn, [m for _, m in modules]))
        self.windows[name] = window
        return name

    def forward(self, x, record=None):
        values = {"input": x}
        for name, typ, inputs, fn, _ in self.steps:
            if record is not None:
                record.begin(name)
            values[name] = fn(*[values[i] for i in inputs])
            if record is not None:
                record.end(name, values[name])
        return values[self.steps[-1][0]]


ACT = {
    None: lambda x: x,
    "relu": F.relu,
}


def same_pad(x, kernel, stride, dilation=None):
    """TensorFlow's 'same': total = max((ceil(in/s) - 1)*s + d*(k-1) + 1 - in, 0), the odd
    cell after (bottom/right). Returns x padded with zeros."""
    spatial = x.shape[2:]
    dilation = dilation or [1] * len(spatial)
    pads = []
    for size, k, s, d in zip(spatial, kernel, stride, dilation):
        out = math.ceil(size / s)
        total = max((out - 1) * s + d * (k - 1) + 1 - size, 0)
        pads.append((total // 2, total - total // 2))
    flat = []
    for before, after in reversed(pads):  # F.pad wants the last axis first
        flat += [before, after]
    return F.pad(x, flat)


def conv2d(g, name, cin, filters, kernel, stride=1, padding=0, bias=True, act=None, inputs=None,
           groups=1):
    m = nn.Conv2d(cin, filters, kernel, stride=stride, padding=0 if padding == "same" else padding,
                  bias=bias, groups=groups)
    if padding == "same":
        fn = lambda x: ACT[act](m(same_pad(x, m.kernel_size, m.stride, m.dilation)))
    else:
        fn = lambda x: ACT[act](m(x))
    return g.step(name, "conv2d", fn, [(name, m)], inputs)


def depthwise2d(g, name, channels, kernel, stride=1, padding=0, bias=True, multiplier=1):
    m = nn.Conv2d(channels, channels * multiplier, kernel, stride=stride, groups=channels, bias=bias,
                  padding=0 if padding == "same" else padding)
    if padding == "same":
        fn = lambda x: m(same_pad(x, m.kernel_size, m.stride, m.dilation))
    else:
        fn = lambda x: m(x)
    return g.step(name, "depthwise_conv2d", fn, [(name, m)])


class Separable(nn.Module):
    """Keras' SeparableConv2D: depthwise (no bias) then pointwise 1x1 (with bias)."""

    def __init__(self, cin, filters, kernel, stride):
        super().__init__()
        self.depthwise = nn.Conv2d(cin, cin, kernel, stride=stride, groups=cin, bias=False)
        self.pointwise = nn.Conv2d(cin, filters, 1, bias=True)


def separable2d(g, name, cin, filters, kernel, stride=1, padding="same", act=None):
    m = Separable(cin, filters, kernel, stride)
    assert padding == "same"
    d = m.depthwise
    fn = lambda x: ACT[act](m.pointwise(d(same_pad(x, d.kernel_size, d.stride, d.dilation))))
    return g.step(name, "separable_conv2d", fn, [(name, m)])


def batchnorm2d(g, name, channels, inputs=None):
    m = nn.BatchNorm2d(channels)
    return g.step(name, "batchnorm", lambda x: m(x), [(name, m)], inputs)


def relu(g, name, inputs=None):
    return g.step(name, "relu", F.relu, inputs=inputs)


def maxpool2d(g, name, size):
    return g.step(name, "maxpool2d", lambda x: F.max_pool2d(x, size, size), window=((size, size), (size, size)))


def dense(g, name, fin, units, act=None):
    m = nn.Linear(fin, units)
    return g.step(name, "dense", lambda x: ACT[act](m(x)), [(name, m)])


def flatten(g, name):
    return g.step(name, "flatten", lambda x: torch.flatten(x, 1))


def dropout(g, name, rate):
    m = nn.Dropout(rate)  # identity in eval mode
    return g.step(name, "dropout", lambda x: m(x))


def global_avgpool(g, name, inputs=None):
    return g.step(name, "global_avgpool", lambda x: torch.flatten(F.adaptive_avg_pool2d(x, 1)
                                                                   if x.dim() == 4 else
                                                                   F.adaptive_avg_pool1d(x, 1), 1),
                  inputs=inputs)


def global_maxpool(g, name, inputs=None):
    return g.step(name, "global_maxpool", lambda x: torch.flatten(F.adaptive_max_pool2d(x, 1), 1),
                  inputs=inputs)


# ---------------------------------------------------------------------------------------
# The examples, one builder each (compare with examples/<name>.yaml side by side)
# ---------------------------------------------------------------------------------------

def lenet5():
    g = Graph((1, 28, 28))
    conv2d(g, "conv1", 1, 6, 5, padding=2, act="relu")
    maxpool2d(g, "maxpool2d_1", 2)
    conv2d(g, "conv2", 6, 16, 5, act="relu")
    maxpool2d(g, "maxpool2d_2", 2)
    flatten(g, "flatten_1")
    dense(g, "fc1", 400, 120, act="relu")
    dense(g, "fc2", 120, 84, act="relu")
    dense(g, "fc3", 84, 10)
    return g


def vgg_small():
    g = Graph((3, 32, 32))
    conv2d(g, "conv1", 3, 32, 3, padding=1, act="relu")
    conv2d(g, "conv2", 32, 32, 3, padding=1, act="relu")
    maxpool2d(g, "pool1", 2)
    conv2d(g, "conv3", 32, 64, 3, padding=1, act="relu")
    conv2d(g, "conv4", 64, 64, 3, padding=1, act="relu")
    maxpool2d(g, "pool2", 2)
    flatten(g, "flatten")
    dense(g, "fc1", 64 * 8 * 8, 256, act="relu")
    dense(g, "fc2", 256, 10)
    return g


def net1d(channels=1, length=128, f1=16, k1=7, f2=32, k2=5, classes=10):
    """The 1-D net; the golden fixture 'net1d' is the same design at another size."""
    g = Graph((channels, length))
    c1 = nn.Conv1d(channels, f1, k1)
    g.step("conv1", "conv1d", lambda x: F.relu(c1(x)), [("conv1", c1)])
    g.step("maxpool1d_1", "maxpool1d", lambda x: F.max_pool1d(x, 2, 2), window=((2,), (2,)))
    c2 = nn.Conv1d(f1, f2, k2)
    g.step("conv2", "conv1d", lambda x: F.relu(c2(x)), [("conv2", c2)])
    global_avgpool(g, "global_avgpool_1")
    dense(g, "fc", f2, classes)
    return g


def allconv():
    g = Graph((3, 32, 32))
    dropout(g, "drop_in", 0.2)
    cin = 3
    relus = iter(range(1, 100))
    # (name, filters, kernel, stride, padding)
    plan = [("conv1", 96, 3, 1, 1), ("conv2", 96, 3, 1, 1), ("conv3", 96, 3, 2, "same"), "drop1",
            ("conv4", 192, 3, 1, 1), ("conv5", 192, 3, 1, 1), ("conv6", 192, 3, 2, "same"), "drop2",
            ("conv7", 192, 3, 1, 0), ("conv8", 192, 1, 1, 0)]
    for item in plan:
        if isinstance(item, str):
            dropout(g, item, 0.5)
            continue
        name, filters, k, s, p = item
        conv2d(g, name, cin, filters, k, stride=s, padding=p, bias=False)
        batchnorm2d(g, "bn" + name[4:], filters)
        relu(g, "relu_%d" % next(relus))
        cin = filters
    conv2d(g, "conv9", 192, 10, 1)
    global_avgpool(g, "gap")
    return g


def mobilenet():
    g = Graph((3, 32, 32))
    relus = iter(range(1, 100))
    conv2d(g, "conv1", 3, 32, 3, stride=2, padding="same", bias=False)
    batchnorm2d(g, "bn1", 32)
    relu(g, "relu_%d" % next(relus))
    for i, (cin, cout, s) in enumerate([(32, 64, 1), (64, 128, 2)], start=1):
        depthwise2d(g, "dw%d" % i, cin, 3, stride=s, padding="same", bias=False)
        batchnorm2d(g, "dw%d_bn" % i, cin)
        relu(g, "relu_%d" % next(relus))
        conv2d(g, "pw%d" % i, cin, cout, 1, bias=False)
        batchnorm2d(g, "pw%d_bn" % i, cout)
        relu(g, "relu_%d" % next(relus))
    separable2d(g, "sep3", 128, 128, 3, act="relu")
    separable2d(g, "sep4", 128, 256, 3, stride=2, act="relu")
    global_avgpool(g, "global_avgpool_1")
    dropout(g, "dropout_1", 0.2)
    dense(g, "fc", 256, 10)
    return g


def add(g, name, inputs):
    return g.step(name, "add", lambda a, b: a + b, inputs=inputs)


def basic_block(g, prefix, channels):
    """resnet.yaml's block 'basic': two 3x3 convs and an identity shortcut."""
    block_input = g.steps[-1][0]
    conv2d(g, prefix + ".c1", channels, channels, 3, padding=1, bias=False)
    batchnorm2d(g, prefix + ".bn1", channels)
    relu(g, prefix + ".relu1")
    conv2d(g, prefix + ".c2", channels, channels, 3, padding=1, bias=False)
    batchnorm2d(g, prefix + ".bn2", channels)
    add(g, prefix + ".sum", [prefix + ".bn2", block_input])
    relu(g, prefix + ".out")


def down_block(g, prefix, cin, filters, stride=2):
    """resnet.yaml's block 'down': strided 3x3 conv; shortcut avgpool + 1x1 conv (ResNet-D)."""
    block_input = g.steps[-1][0]
    conv2d(g, prefix + ".c1", cin, filters, 3, stride=stride, padding="same", bias=False)
    batchnorm2d(g, prefix + ".bn1", filters)
    relu(g, prefix + ".relu1")
    conv2d(g, prefix + ".c2", filters, filters, 3, padding=1, bias=False)
    batchnorm2d(g, prefix + ".bn2", filters)
    g.step(prefix + ".skip_pool", "avgpool2d", lambda x: F.avg_pool2d(x, stride, stride),
           inputs=block_input, window=((stride, stride), (stride, stride)))
    conv2d(g, prefix + ".skip", cin, filters, 1, bias=False)
    batchnorm2d(g, prefix + ".skip_bn", filters)
    add(g, prefix + ".sum", [prefix + ".bn2", prefix + ".skip_bn"])
    relu(g, prefix + ".out")


def resnet():
    g = Graph((3, 32, 32))
    conv2d(g, "stem", 3, 16, 3, padding=1, bias=False)
    batchnorm2d(g, "stem_bn", 16)
    relu(g, "relu_1")
    basic_block(g, "stage1.0", 16)
    basic_block(g, "stage1.1", 16)
    down_block(g, "stage2.0", 16, 32)
    basic_block(g, "stage2b.0", 32)
    down_block(g, "stage3.0", 32, 64)
    basic_block(g, "stage3b.0", 64)
    global_avgpool(g, "avg")
    global_maxpool(g, "max", inputs="stage3b.0.out")
    g.step("pooled", "concat", lambda a, b: torch.cat([a, b], 1), inputs=["avg", "max"])
    dense(g, "fc", 128, 10)
    return g


def fashion():
    g = Graph((1, 28, 28))
    conv2d(g, "conv1", 1, 32, 3, padding=1, act="relu")  # 'same' at stride 1, k 3 = 1 each side
    maxpool2d(g, "pool1", 2)
    conv2d(g, "conv2", 32, 64, 3, padding=1, act="relu")
    maxpool2d(g, "pool2", 2)
    flatten(g, "flatten")
    dropout(g, "drop", 0.25)
    dense(g, "fc1", 64 * 7 * 7, 128, act="relu")
    dense(g, "fc2", 128, 10)
    return g


EXAMPLES = [
    ("lenet5", lenet5), ("vgg_small", vgg_small), ("net1d", net1d), ("allconv", allconv),
    ("mobilenet", mobilenet), ("resnet", resnet), ("fashion", fashion),
]


# ---------------------------------------------------------------------------------------
# Measuring
# ---------------------------------------------------------------------------------------

class Recorder:
    """Per-step output shapes and MACs, the MACs counted by hooks on conv/linear modules."""

    def __init__(self, model):
        self.rows = {}
        self.current = None
        self.macs = 0
        self.handles = [m.register_forward_hook(self._hook) for m in model.modules()
                        if isinstance(m, (nn.Conv1d, nn.Conv2d, nn.Linear))]

    def _hook(self, m, inp, out):
        if isinstance(m, nn.Linear):
            self.macs += m.in_features * m.out_features
        else:
            self.macs += out[0].numel() * (m.in_channels // m.groups) * math.prod(m.kernel_size)

    def begin(self, name):
        self.current, self.macs = name, 0

    def end(self, name, value):
        self.rows[name] = (tuple(value.shape[1:]), self.macs)

    def close(self):
        for h in self.handles:
            h.remove()


ELEMENTWISE = {"relu", "batchnorm", "dropout", "identity"}
WHOLE = {"flatten", "dense", "global_avgpool", "global_maxpool"}


def receptive_fields(model):
    """Per step: (size, jump) per spatial axis of the input, or None once all positions mix.

    A window layer with kernel k, stride s, dilation d turns (r, j) into
    (r + d*(k - 1)*j, j*s) (Araujo et al., "Computing Receptive Fields of CNNs", 2019);
    element-wise layers keep it; add and concat take the largest per axis."""
    rank = len(model.input_shape) - 1
    rf = {"input": ((1,) * rank, (1,) * rank)}
    for name, typ, inputs, _, modules in model.steps:
        ins = [rf[i] for i in inputs]
        if typ in WHOLE or any(i is None for i in ins):
            rf[name] = None
        elif typ in ELEMENTWISE:
            rf[name] = ins[0]
        elif typ in ("add", "concat"):
            rf[name] = tuple(tuple(max(v) for v in zip(*[x[part] for x in ins])) for part in (0, 1))
        else:
            conv = modules[0].depthwise if typ == "separable_conv2d" else (modules[0] if modules else None)
            if conv is not None:
                k, st, d = conv.kernel_size, conv.stride, conv.dilation
            else:
                k, st = model.windows[name]
                d = (1,) * rank
            (r, j) = ins[0]
            rf[name] = (tuple(r[a] + d[a] * (k[a] - 1) * j[a] for a in range(rank)),
                        tuple(j[a] * st[a] for a in range(rank)))
    return rf


def rf_text(rf):
    return "-" if rf is None else "x".join(map(str, rf[0])) + "/" + "x".join(map(str, rf[1]))


def dims(shape):
    return ",".join(str(int(d)) for d in shape)


def report(name, build, out):
    torch.manual_seed(0)
    model = build().eval()
    rec = Recorder(model)
    with torch.no_grad():
        model(torch.zeros((1,) + model.input_shape), rec)
    rec.close()
    out.append("model\t%s\t%s.yaml\t%s" % (name, name, dims(model.input_shape)))
    total_params = total_macs = 0
    rf = receptive_fields(model)
    for step_name, typ, _, _, modules in model.steps:
        shape, macs = rec.rows[step_name]
        params = sum(p.numel() for m in modules for p in m.parameters())
        total_params += params
        total_macs += macs
        out.append("layer\t%s\t%s\t%s\t%d\t%d\t%s" % (step_name, typ, dims(shape), params, macs,
                                                         rf_text(rf[step_name])))
    for key, t in model.state_dict().items():
        if not key.endswith("num_batches_tracked"):
            out.append("tensor\t%s\t%s" % (key, dims(t.shape)))
    assert total_params == sum(p.numel() for p in model.parameters())
    out.append("total\t%d\t%d" % (total_params, total_macs))
    out.append("end")


def golden_check(directory):
    """Loads the golden LeNet-5 and 1-D net weights strictly and compares logits."""
    import json
    with open(os.path.join(directory, "cases.json")) as f:
        cases = {c["name"]: c for c in json.load(f)["cases"]}
    lines = []
    for case_name, build in [("lenet5", lenet5), ("net1d", None)]:
        case = cases[case_name]
        p = case["params"]
        if build is None:  # the golden 1-D net is the same design at another size
            l1, l2, fc = p["layers"][0], p["layers"][3], p["layers"][6]
            model = net1d(l1["in_channels"], p["input_shape"][2], l1["out_channels"], l1["kernel_size"][0],
                          l2["out_channels"], l2["kernel_size"][0], fc["out_features"])
        else:
            model = build()
        model.eval()

        def load(tensor):
            info = case["tensors"][tensor]
            data = np.fromfile(os.path.join(directory, info["file"]), dtype="<f4")
            return torch.from_numpy(data.reshape(info["shape"]).copy())

        state = {k: load(k) for k, v in case["tensors"].items() if v["role"] == "param"}
        model.load_state_dict(state, strict=True)
        with torch.no_grad():
            diff = (model(load("input")) - load("logits")).abs().max().item()
        assert diff < 1e-4, (case_name, diff)
        lines.append("# golden %s: load_state_dict(strict=True) of %d tensors ok, max |logits - golden| = %.2e"
                     % (case_name, len(state), diff))
    return lines


def main():
    ap = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    ap.add_argument("--golden", default="/work/shared/golden",
                    help="golden fixtures directory ('' to skip the check)")
    args = ap.parse_args()
    torch.set_num_threads(1)
    out = [
        "# PyTorch reference numbers for examples/*.yaml: per layer output shape (one sample),",
        "# trainable parameters, MACs (conv and linear only), receptive field (size/jump per axis);",
        "# state_dict tensor shapes; totals.",
        "# Produced by: /usr/bin/python3 tools/pytorch_reference.py"
        " > examples/src/test/resources/pytorch-reference.txt",
        "# torch %s, Python %s, %s" % (torch.__version__, sys.version.split()[0],
                                       datetime.datetime.now(datetime.timezone.utc).strftime("%Y-%m-%d %H:%M UTC")),
        "# Each model is built by hand in tools/pytorch_reference.py (the YAML is not read).",
    ]
    if args.golden:
        out += golden_check(args.golden)
    for name, build in EXAMPLES:
        report(name, build, out)
    print("\n".join(out))


if __name__ == "__main__":
    main()
