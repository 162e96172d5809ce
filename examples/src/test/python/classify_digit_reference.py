"""PyTorch reference numbers for ClassifyDigitTest (examples module).

Runs examples/lenet5.yaml's network in PyTorch -- MNIST normalisation, then the golden
LeNet-5 of testdata/golden with its weights -- on the test image that
ClassifyDigitTest.digitPixel draws (the same integer formula, below), and prints the
logits and the top 3 classes with their softmax probabilities.

Run from the repository root (Debian: apt-get install python3-torch):

    /usr/bin/python3 examples/src/test/python/classify_digit_reference.py \
        > examples/src/test/resources/classify-digit-reference.txt
"""
import json
import os

import numpy as np
import torch
import torch.nn.functional as F

GOLDEN = "testdata/golden"
MEAN, STD = 0.1307, 0.3081          # examples/lenet5.yaml: input.normalize
LABELS = ["zero", "one", "two", "three", "four", "five", "six", "seven", "eight", "nine"]


def digit_pixel(r, c):
    """A '7' on a faint texture, 0..255; must equal ClassifyDigitTest.digitPixel."""
    if 6 <= r <= 8 and 7 <= c <= 21:
        return 255
    if 9 <= r <= 23:
        d = abs(c - (20 - (r - 9) * 2 // 3))
        if d <= 1:
            return 255
        if d == 2:
            return 96
    return (r * 7 + c * 13) % 23


def golden_weights():
    with open(os.path.join(GOLDEN, "cases.json")) as f:
        case = next(c for c in json.load(f)["cases"] if c["name"] == "lenet5")
    weights = {}
    for name, t in case["tensors"].items():
        if t["role"] == "param":
            data = np.fromfile(os.path.join(GOLDEN, t["file"]), dtype="<f4")
            weights[name] = torch.from_numpy(data.reshape(t["shape"]))
    return weights


def lenet5(x, w):
    x = (x - MEAN) / STD
    x = F.max_pool2d(F.relu(F.conv2d(x, w["conv1.weight"], w["conv1.bias"], padding=2)), 2)
    x = F.max_pool2d(F.relu(F.conv2d(x, w["conv2.weight"], w["conv2.bias"])), 2)
    x = torch.flatten(x, 1)
    x = F.relu(F.linear(x, w["fc1.weight"], w["fc1.bias"]))
    x = F.relu(F.linear(x, w["fc2.weight"], w["fc2.bias"]))
    return F.linear(x, w["fc3.weight"], w["fc3.bias"])


def main():
    w = {k: v.double() for k, v in golden_weights().items()}
    pixels = np.array([[digit_pixel(r, c) for c in range(28)] for r in range(28)], dtype=np.float64)
    x = torch.from_numpy(pixels / 255.0).reshape(1, 1, 28, 28)
    logits = lenet5(x, w)[0]
    probs = torch.softmax(logits, 0)
    order = torch.argsort(probs, descending=True).tolist()
    print("# " + __doc__.strip().splitlines()[0])
    print("# computed in float64 by examples/src/test/python/classify_digit_reference.py")
    print("logits " + " ".join("%.9g" % v for v in logits.tolist()))
    print("top3 " + ", ".join("%s %.6f" % (LABELS[i], probs[i]) for i in order[:3]))
    gaps = [float(probs[order[i]] - probs[order[i + 1]]) for i in range(3)]
    print("# gaps between ranks 1-2, 2-3, 3-4: " + " ".join("%.6f" % g for g in gaps))


if __name__ == "__main__":
    main()
