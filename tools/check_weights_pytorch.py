#!/usr/bin/env python3
"""Independent check of weights written by `cnnc train`: loads weights.safetensors into a
hand-written PyTorch LeNet-5 (the architecture of examples/lenet5.yaml, same layer names) and
prints its accuracy on the test split of an IDX data set. PyTorch is a peer for checking, never
a dependency of cnnc.

    /usr/bin/python3 tools/check_weights_pytorch.py runs/LeNet5/weights.safetensors [data/mnist-10k]
"""
import gzip, json, os, struct, sys

import torch
import torch.nn as nn
import torch.nn.functional as F


def read_safetensors(path):
    with open(path, "rb") as f:
        blob = f.read()
    (n,) = struct.unpack("<Q", blob[:8])
    header = json.loads(blob[8:8 + n])
    data = blob[8 + n:]
    out = {}
    for name, t in header.items():
        if name == "__metadata__":
            continue
        assert t["dtype"] == "F32", t
        b, e = t["data_offsets"]
        out[name] = torch.frombuffer(bytearray(data[b:e]), dtype=torch.float32).reshape(t["shape"])
    return out


def read_idx(path):
    opener = gzip.open if path.endswith(".gz") else open
    with opener(path, "rb") as f:
        blob = f.read()
    magic, = struct.unpack(">I", blob[:4])
    rank = magic & 0xFF
    dims = struct.unpack(">" + "I" * rank, blob[4:4 + 4 * rank])
    return torch.frombuffer(bytearray(blob[4 + 4 * rank:]), dtype=torch.uint8).reshape(dims)


def find(data_dir, stem):
    for name in (stem, stem + ".gz"):
        p = os.path.join(data_dir, name)
        if os.path.exists(p):
            return p
    raise FileNotFoundError(stem)


class LeNet5(nn.Module):
    def __init__(self):
        super().__init__()
        self.conv1 = nn.Conv2d(1, 6, 5, padding=2)
        self.conv2 = nn.Conv2d(6, 16, 5)
        self.fc1 = nn.Linear(400, 120)
        self.fc2 = nn.Linear(120, 84)
        self.fc3 = nn.Linear(84, 10)

    def forward(self, x):
        x = (x - 0.1307) / 0.3081  # normalize from examples/lenet5.yaml
        x = F.max_pool2d(F.relu(self.conv1(x)), 2)
        x = F.max_pool2d(F.relu(self.conv2(x)), 2)
        x = torch.flatten(x, 1)
        return self.fc3(F.relu(self.fc2(F.relu(self.fc1(x)))))


def main():
    weights = sys.argv[1]
    data_dir = sys.argv[2] if len(sys.argv) > 2 else "data/mnist-10k"
    model = LeNet5()
    model.load_state_dict(read_safetensors(weights), strict=True)
    model.eval()
    images = read_idx(find(data_dir, "t10k-images-idx3-ubyte")).float().div(255).unsqueeze(1)
    labels = read_idx(find(data_dir, "t10k-labels-idx1-ubyte")).long()
    with torch.no_grad():
        logits = model(images)
    loss = F.cross_entropy(logits, labels).item()
    correct = (logits.argmax(1) == labels).sum().item()
    print(f"PyTorch {torch.__version__}: test accuracy {correct / len(labels):.4f} ({correct}/{len(labels)}), loss {loss:.4f}")


if __name__ == "__main__":
    main()
