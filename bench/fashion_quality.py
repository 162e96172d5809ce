#!/usr/bin/env python3
"""The training quality bar: LeNet-5 (ReLU, max pooling, Adam 1e-3, batch 64) on Fashion-MNIST
for 5 epochs, cnnc and PyTorch in the same run on one thread, side by side.

    /usr/bin/python3 bench/fashion_quality.py [DATA_DIR]     # default ../shared/data/fashion-mnist

PyTorch is the peer being measured against, never a dependency of cnnc.
"""
import csv, gzip, os, struct, subprocess, sys, tempfile, time

import torch
import torch.nn as nn
import torch.nn.functional as F

ROOT = os.path.dirname(os.path.dirname(os.path.abspath(__file__)))


def read_idx(path):
    opener = gzip.open if path.endswith(".gz") else open
    with opener(path, "rb") as f:
        blob = f.read()
    rank = struct.unpack(">I", blob[:4])[0] & 0xFF
    dims = struct.unpack(">" + "I" * rank, blob[4:4 + 4 * rank])
    return torch.frombuffer(bytearray(blob[4 + 4 * rank:]), dtype=torch.uint8).reshape(dims)


def load(data, split):
    def find(stem):
        for name in (stem, stem + ".gz"):
            if os.path.exists(os.path.join(data, name)):
                return os.path.join(data, name)
        sys.exit(f"{data}: no {stem}[.gz] (pass the Fashion-MNIST IDX folder as the argument)")
    x = read_idx(find(f"{split}-images-idx3-ubyte")).float().div(255).unsqueeze(1)
    return x, read_idx(find(f"{split}-labels-idx1-ubyte")).long()


class LeNet5(nn.Module):
    def __init__(self):
        super().__init__()
        self.conv1 = nn.Conv2d(1, 6, 5, padding=2)
        self.conv2 = nn.Conv2d(6, 16, 5)
        self.fc1 = nn.Linear(400, 120)
        self.fc2 = nn.Linear(120, 84)
        self.fc3 = nn.Linear(84, 10)

    def forward(self, x):
        x = (x - 0.2860) / 0.3530
        x = F.max_pool2d(F.relu(self.conv1(x)), 2)
        x = F.max_pool2d(F.relu(self.conv2(x)), 2)
        return self.fc3(F.relu(self.fc2(F.relu(self.fc1(torch.flatten(x, 1))))))


def torch_run(data):
    """PyTorch's default initialisation; shuffled batches of 64; one thread."""
    torch.set_num_threads(1)
    torch.manual_seed(1)
    (xtr, ytr), (xte, yte) = load(data, "train"), load(data, "t10k")
    model = LeNet5()
    opt = torch.optim.Adam(model.parameters(), lr=1e-3)
    seconds = []
    for _ in range(5):
        t0 = time.perf_counter()
        model.train()
        for idx in torch.randperm(len(xtr)).split(64):
            opt.zero_grad()
            F.cross_entropy(model(xtr[idx]), ytr[idx]).backward()
            opt.step()
        seconds.append(time.perf_counter() - t0)
    model.eval()
    with torch.no_grad():
        acc = (model(xte).argmax(1) == yte).float().mean().item()
    return seconds, acc


def cnnc_run(data):
    out = tempfile.mkdtemp(prefix="cnnc-quality-")
    cmd = [os.path.join(ROOT, "cnnc"), "train", os.path.join(ROOT, "bench", "lenet5_fashion.yaml"),
           "--data", data, "-o", out, "--threads", "1", "--force"]
    print("$ " + " ".join(cmd), flush=True)
    proc = subprocess.run(cmd, capture_output=True, text=True)
    if proc.returncode != 0:
        sys.exit(proc.stderr)
    with open(os.path.join(out, "metrics.csv")) as f:
        seconds = [float(r["seconds"]) for r in csv.DictReader(f)]
    line = [l for l in proc.stdout.splitlines() + proc.stderr.splitlines() if l.startswith("test accuracy")]
    acc = float(line[-1].split()[2]) if line else float("nan")
    return seconds, acc, out


def main():
    data = sys.argv[1] if len(sys.argv) > 1 else os.path.join(ROOT, "..", "shared", "data", "fashion-mnist")
    print("load at start:", os.getloadavg())
    c_sec, c_acc, out = cnnc_run(data)
    t_sec, t_acc = torch_run(data)
    print("load at end:  ", os.getloadavg())
    print(f"\n| epoch | cnnc s | PyTorch {torch.__version__} s | cnnc / PyTorch |")
    print("|---|---|---|---|")
    for i, (c, t) in enumerate(zip(c_sec, t_sec), 1):
        print(f"| {i} | {c:.1f} | {t:.1f} | {c / t:.2f} |")
    print(f"| total | {sum(c_sec):.1f} | {sum(t_sec):.1f} | {sum(c_sec) / sum(t_sec):.2f} |")
    print(f"\ntest accuracy: cnnc {c_acc:.4f}, PyTorch {t_acc:.4f} (bar: 0.89); cnnc run in {out}")


if __name__ == "__main__":
    main()
