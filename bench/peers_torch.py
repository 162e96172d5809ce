#!/usr/bin/python3
# Copied from the project's shared peer benchmark; the peer is never a dependency of cnnc.
"""Reference-peer CNN benchmarks with PyTorch (CPU, float32, NCHW).

Run with the Debian interpreter, which has torch 1.13:  /usr/bin/python3 peers_torch.py

Without --threads, the script re-runs itself once per thread count in a fresh
process (so that OMP/OpenBLAS thread pools are sized before torch is imported),
collects the JSON of each child and prints a summary.  With --threads N it runs
one configuration and writes JSON.

Per configuration it measures, for each net (lenet5, vgg_small, conv1d):
  * batch-1 latency (us/image)
  * batch-64 / batch-256 inference throughput (images/s)
    each in three modes: eager (torch.inference_mode), jit = torch.jit.freeze(
    torch.jit.trace(m, x)), jit_ofi = torch.jit.optimize_for_inference(jit)
  * batch-64 training throughput (samples/s): forward + CrossEntropyLoss +
    backward + SGD(lr=0.01, momentum=0.9) step
and sgemm GFLOP/s for n = 2048, 4096 in torch.mm and numpy.matmul.

Timing: every network measurement is split over --rounds (default 3) interleaved
passes over the whole suite; each pass warms up (first pass: >= 0.2 s and >= 3-5
calls; later passes: 2 calls) and then times calls one by one (perf_counter)
until its share of the time budget and of the minimum repetition count is used.
Reported: median / min / max over all timed calls, the per-round medians and
their spread, and process-CPU-time / wall-time over the timed loops (a check of
how many cores were really busy).  sgemm: 1 warm-up call, then >= 3 timed calls.
"""
import argparse
import ctypes
import json
import os
import platform
import statistics
import subprocess
import sys
import time

HERE = os.path.dirname(os.path.abspath(__file__))

# ----------------------------------------------------------------------------
# Network definitions: one spec list per net, used both to build the torch
# module and to count MACs analytically (so the two cannot drift apart).
# ----------------------------------------------------------------------------
NETS = {
    # LeNet-5-like, input 1x28x28
    "lenet5": {
        "input": (1, 28, 28),
        "layers": [
            ("conv2d", dict(cin=1, cout=6, k=5, pad=2)), ("relu", {}),
            ("maxpool2d", dict(k=2, s=2)),
            ("conv2d", dict(cin=6, cout=16, k=5, pad=0)), ("relu", {}),
            ("maxpool2d", dict(k=2, s=2)),
            ("flatten", {}),
            ("linear", dict(fin=16 * 5 * 5, fout=120)), ("relu", {}),
            ("linear", dict(fin=120, fout=84)), ("relu", {}),
            ("linear", dict(fin=84, fout=10)),
        ],
    },
    # small VGG-like, input 3x32x32, 'same' = padding 1 for 3x3
    "vgg_small": {
        "input": (3, 32, 32),
        "layers": [
            ("conv2d", dict(cin=3, cout=32, k=3, pad=1)), ("relu", {}),
            ("conv2d", dict(cin=32, cout=32, k=3, pad=1)), ("relu", {}),
            ("maxpool2d", dict(k=2, s=2)),
            ("conv2d", dict(cin=32, cout=64, k=3, pad=1)), ("relu", {}),
            ("conv2d", dict(cin=64, cout=64, k=3, pad=1)), ("relu", {}),
            ("maxpool2d", dict(k=2, s=2)),
            ("flatten", {}),
            ("linear", dict(fin=64 * 8 * 8, fout=256)), ("relu", {}),
            ("linear", dict(fin=256, fout=10)),
        ],
    },
    # 1-D net, input 1x128, convolutions unpadded ('valid')
    "conv1d": {
        "input": (1, 128),
        "layers": [
            ("conv1d", dict(cin=1, cout=16, k=7, pad=0)), ("relu", {}),
            ("maxpool1d", dict(k=2, s=2)),
            ("conv1d", dict(cin=16, cout=32, k=5, pad=0)), ("relu", {}),
            ("gap1d", {}),
            ("flatten", {}),
            ("linear", dict(fin=32, fout=10)),
        ],
    },
}


def analytic_macs(spec):
    """MACs per image: conv = Cout*Hout*Wout*Cin*k*k, dense = in*out.
    Bias adds, ReLU, pooling and softmax are not counted."""
    shape = tuple(spec["input"])
    rows = []
    for kind, p in spec["layers"]:
        macs = 0
        if kind == "conv2d":
            c, h, w = shape
            assert c == p["cin"]
            ho = h + 2 * p["pad"] - p["k"] + 1
            wo = w + 2 * p["pad"] - p["k"] + 1
            shape = (p["cout"], ho, wo)
            macs = p["cout"] * ho * wo * p["cin"] * p["k"] * p["k"]
        elif kind == "conv1d":
            c, l = shape
            assert c == p["cin"]
            lo = l + 2 * p["pad"] - p["k"] + 1
            shape = (p["cout"], lo)
            macs = p["cout"] * lo * p["cin"] * p["k"]
        elif kind == "maxpool2d":
            c, h, w = shape
            shape = (c, (h - p["k"]) // p["s"] + 1, (w - p["k"]) // p["s"] + 1)
        elif kind == "maxpool1d":
            c, l = shape
            shape = (c, (l - p["k"]) // p["s"] + 1)
        elif kind == "gap1d":
            shape = (shape[0], 1)
        elif kind == "flatten":
            n = 1
            for d in shape:
                n *= d
            shape = (n,)
        elif kind == "linear":
            assert shape == (p["fin"],), (shape, p)
            shape = (p["fout"],)
            macs = p["fin"] * p["fout"]
        if macs:
            rows.append((kind, macs))
    return sum(m for _, m in rows), rows, shape


def build_torch(spec):
    import torch.nn as nn
    mods = []
    for kind, p in spec["layers"]:
        if kind == "conv2d":
            mods.append(nn.Conv2d(p["cin"], p["cout"], p["k"], padding=p["pad"]))
        elif kind == "conv1d":
            mods.append(nn.Conv1d(p["cin"], p["cout"], p["k"], padding=p["pad"]))
        elif kind == "relu":
            mods.append(nn.ReLU())
        elif kind == "maxpool2d":
            mods.append(nn.MaxPool2d(p["k"], p["s"]))
        elif kind == "maxpool1d":
            mods.append(nn.MaxPool1d(p["k"], p["s"]))
        elif kind == "gap1d":
            mods.append(nn.AdaptiveAvgPool1d(1))
        elif kind == "flatten":
            mods.append(nn.Flatten())
        elif kind == "linear":
            mods.append(nn.Linear(p["fin"], p["fout"]))
        else:
            raise ValueError(kind)
    return nn.Sequential(*mods)


def hook_macs(model, input_shape):
    """Cross-check of the analytic count from the real module shapes."""
    import torch
    import torch.nn as nn
    total = [0]

    def h(m, inp, out):
        if isinstance(m, (nn.Conv1d, nn.Conv2d)):
            k = 1
            for d in m.kernel_size:
                k *= d
            total[0] += out[0].numel() * m.in_channels // m.groups * k
        elif isinstance(m, nn.Linear):
            total[0] += m.in_features * m.out_features

    hs = [m.register_forward_hook(h) for m in model.modules()]
    with torch.no_grad():
        model(torch.zeros((1,) + tuple(input_shape)))
    for x in hs:
        x.remove()
    return total[0]


# ----------------------------------------------------------------------------
# Timing
# ----------------------------------------------------------------------------
def timed_reps(fn, budget_s, min_reps, max_reps=100000, warmup_s=0.2, min_warmup=5):
    """Warm up (time-based, >= min_warmup calls), then time each call on its own until
    both min_reps and budget_s are reached. Returns (times, cpu_s, wall_s, warmup_calls)."""
    pc = time.perf_counter
    t_end = pc() + warmup_s
    n = 0
    while n < min_warmup or pc() < t_end:
        fn()
        n += 1
    times = []
    c0 = time.process_time()
    w0 = pc()
    t_end = w0 + budget_s
    while len(times) < max_reps and (len(times) < min_reps or pc() < t_end):
        t0 = pc()
        fn()
        times.append(pc() - t0)
    return times, time.process_time() - c0, pc() - w0, n


def summarize(times, cpu_s, wall_s, warmup_calls, round_medians=None):
    m = {
        "median_s": statistics.median(times),
        "min_s": min(times),
        "max_s": max(times),
        "reps": len(times),
        "warmup_calls": warmup_calls,
        "cpu_per_wall": cpu_s / wall_s if wall_s > 0 else None,
    }
    if round_medians:
        m["round_medians_s"] = round_medians
        m["round_spread"] = max(round_medians) / min(round_medians) - 1.0
    return m


def measure(fn, budget_s, min_reps, max_reps=100000, warmup_s=None, min_warmup=5):
    """Single-pass measurement (used for sgemm)."""
    if warmup_s is None:
        warmup_s = max(0.2, 0.25 * budget_s)
    t, c, w, n = timed_reps(fn, budget_s, min_reps, max_reps, warmup_s, min_warmup)
    return summarize(t, c, w, n)


class Bench:
    """One measurement, executed in several interleaved rounds: the suite is walked
    `rounds` times and each visit adds budget/rounds seconds of reps. Slow drifts of
    the (virtualised, 2-vCPU) machine then hit every measurement alike instead of
    landing on a few of them; the spread of the per-round medians is reported."""

    def __init__(self, key, fn, budget_s, min_reps, min_warmup, ctx=None):
        self.key, self.fn, self.budget_s = key, fn, budget_s
        self.min_reps, self.min_warmup = min_reps, min_warmup
        self.ctx = ctx  # context manager factory (inference_mode) or None
        self.times, self.cpu, self.wall, self.warm, self.round_medians = [], 0.0, 0.0, 0, []

    def run_round(self, rounds, first):
        import contextlib
        with (self.ctx() if self.ctx else contextlib.nullcontext()):
            t, c, w, n = timed_reps(
                self.fn, self.budget_s / rounds, max(1, -(-self.min_reps // rounds)),
                warmup_s=max(0.2, 0.25 * self.budget_s) if first else 0.05,
                min_warmup=self.min_warmup if first else 2)
        self.times += t
        self.cpu += c
        self.wall += w
        self.warm += n
        self.round_medians.append(statistics.median(t))

    def result(self):
        return summarize(self.times, self.cpu, self.wall, self.warm, self.round_medians)


def openblas_set_threads(n):
    """Resize the (pthreads) OpenBLAS pool shared by torch and numpy in this process."""
    try:
        ctypes.CDLL("libopenblas.so.0").openblas_set_num_threads(int(n))
        return True
    except (OSError, AttributeError):
        return False


def openblas_info():
    try:
        lib = ctypes.CDLL("libopenblas.so.0")
        lib.openblas_get_corename.restype = ctypes.c_char_p
        lib.openblas_get_config.restype = ctypes.c_char_p
        return {
            "corename": lib.openblas_get_corename().decode(),
            "config": lib.openblas_get_config().decode(),
            "num_threads": lib.openblas_get_num_threads(),
        }
    except OSError as e:  # pragma: no cover
        return {"error": str(e)}


# ----------------------------------------------------------------------------
# One configuration (runs in a child process)
# ----------------------------------------------------------------------------
def run_config(threads, scale, nets, do_sgemm, log, rounds=3, net_blas_threads=1):
    import numpy as np
    import torch
    import torch.nn as nn

    torch.set_num_threads(threads)
    torch.manual_seed(0)
    # Networks run with OpenBLAS single-threaded (torch's OpenMP pool gives the N threads;
    # BLAS is only used for the dense layers and the first VGG conv). With a second
    # OpenBLAS pthread spinning next to the OpenMP workers on this 2-vCPU box, 2-thread
    # results swing 3-10x from second to second. sgemm uses N BLAS threads.
    openblas_set_threads(net_blas_threads)
    res = {
        "threads": threads,
        "torch": torch.__version__,
        "numpy": np.__version__,
        "torch_num_threads": torch.get_num_threads(),
        "mkldnn": torch.backends.mkldnn.is_available(),
        "openblas": openblas_info(),
        "env": {k: os.environ.get(k) for k in
                ("OMP_NUM_THREADS", "OPENBLAS_NUM_THREADS", "MKL_NUM_THREADS", "OPENBLAS_CORETYPE")},
        "nets": {},
        "sgemm": [],
        "net_blas_threads": net_blas_threads,
        "rounds": rounds,
        "scale": scale,
    }
    B_LAT = 1.0 * scale   # s of timed reps for latency (summed over rounds)
    B_THR = 1.5 * scale   # s of timed reps for throughput / training
    benches = []          # (net, Bench, batch, macs)

    for name in nets:
        spec = NETS[name]
        macs, per_layer, out_shape = analytic_macs(spec)
        model = build_torch(spec).eval()
        hm = hook_macs(model, spec["input"])
        assert hm == macs, (name, hm, macs)
        nparams = sum(p.numel() for p in model.parameters())
        r = {"macs": macs, "macs_per_layer": per_layer, "params": nparams, "results": {}}
        res["nets"][name] = r
        log(f"[t={threads}] {name}: MACs/image={macs:,} params={nparams:,}")

        def x_of(b):
            return torch.randn((b,) + tuple(spec["input"]))

        # --- inference ---------------------------------------------------------
        # eager  : model(x) under torch.inference_mode()
        # jit    : torch.jit.freeze(torch.jit.trace(model, x))
        # jit_ofi: torch.jit.optimize_for_inference(<jit>)  (1.13: keeps tensors in
        #          oneDNN blocked layout between conv ops, no per-op reorders)
        for mode in ("eager", "jit", "jit_ofi"):
            for batch in (1, 64, 256):
                x = x_of(batch)
                key = f"infer_b{batch}_{mode}"
                if mode == "eager":
                    f = model
                else:
                    try:
                        with torch.no_grad():
                            f = torch.jit.freeze(torch.jit.trace(model, x))
                            if mode == "jit_ofi":
                                f = torch.jit.optimize_for_inference(f)
                    except Exception as e:  # report, keep going
                        r["results"][key] = {"error": repr(e)}
                        log(f"[t={threads}] {name} {mode} b={batch}: FAILED {e!r}")
                        continue
                    with torch.inference_mode():  # same numbers as eager?
                        d = (f(x) - model(x)).abs().max().item()
                    r.setdefault("max_abs_diff_vs_eager", {})[f"{mode}_b{batch}"] = d
                fn = (lambda f, x: (lambda: f(x)))(f, x)
                benches.append((name, Bench(key, fn, B_LAT if batch == 1 else B_THR,
                                            min_reps=200 if batch == 1 else 10,
                                            min_warmup=5 if batch == 1 else 3,
                                            ctx=torch.inference_mode), batch, macs))

        # --- training: fwd + CE + bwd + SGD(momentum .9) ----------------------
        tmodel = build_torch(spec).train()
        opt = torch.optim.SGD(tmodel.parameters(), lr=0.01, momentum=0.9)
        lossf = nn.CrossEntropyLoss()
        x = x_of(64)
        y = torch.randint(0, 10, (64,))

        def make_step(tmodel, opt, lossf, x, y):
            def step():
                opt.zero_grad(set_to_none=True)
                loss = lossf(tmodel(x), y)
                loss.backward()
                opt.step()
            return step

        benches.append((name, Bench("train_b64", make_step(tmodel, opt, lossf, x, y), B_THR,
                                    min_reps=10, min_warmup=3), 64, macs))

    # --- run all benches in interleaved rounds ---------------------------------
    for rd in range(rounds):
        t0 = time.perf_counter()
        for name, b, batch, macs in benches:
            b.run_round(rounds, first=(rd == 0))
        log(f"[t={threads}] round {rd + 1}/{rounds} done in {time.perf_counter() - t0:.1f} s")

    for name, b, batch, macs in benches:
        m = b.result()
        m["batch"] = batch
        if batch == 1:
            m["us_per_image"] = m["median_s"] * 1e6
        m["images_per_s"] = batch / m["median_s"]
        m["images_per_s_min"] = batch / m["max_s"]
        m["images_per_s_max"] = batch / m["min_s"]
        m["gflops"] = 2.0 * macs * m["images_per_s"] / 1e9      # training: forward-equivalent
        if b.key.startswith("train"):
            m["gflops_3x"] = 3 * m["gflops"]                    # ~fwd+bwd FLOPs
        res["nets"][name]["results"][b.key] = m
        log(f"[t={threads}] {name:9s} {b.key:17s}: median {m['median_s']*1e6:10.1f} us/batch "
            f"{m['images_per_s']:10.1f} img/s {m['gflops']:6.2f} GFLOP/s (reps {m['reps']}, "
            f"cpu/wall {m['cpu_per_wall']:.2f}, round spread {100*m['round_spread']:.0f}%)")

    # --- sgemm ----------------------------------------------------------------
    if do_sgemm:
        openblas_set_threads(threads)
        res["sgemm_blas_threads"] = threads
        rng = np.random.default_rng(0)
        for n in (2048, 4096):
            a = rng.standard_normal((n, n), dtype=np.float32)
            b = rng.standard_normal((n, n), dtype=np.float32)
            ta, tb = torch.from_numpy(a), torch.from_numpy(b)
            c = np.empty((n, n), dtype=np.float32)
            tc = torch.empty((n, n))
            for lib, fn in (("torch", lambda: torch.mm(ta, tb, out=tc)),
                            ("numpy", lambda: np.matmul(a, b, out=c))):
                # 2048: 1 warm-up call; 4096 follows 2048 (library warm), inputs already touched
                m = measure(fn, budget_s=(1.0 if n == 2048 else 2.0) * scale,
                            min_reps=3, max_reps=50, warmup_s=0.0, min_warmup=1 if n == 2048 else 0)
                flop = 2.0 * n ** 3
                m.update(lib=lib, n=n, gflops=flop / m["median_s"] / 1e9,
                         gflops_best=flop / m["min_s"] / 1e9, gflops_worst=flop / m["max_s"] / 1e9)
                res["sgemm"].append(m)
                log(f"[t={threads}] sgemm {lib:5s} n={n}: {m['gflops']:7.1f} GFLOP/s median "
                    f"(best {m['gflops_best']:.1f}, reps {m['reps']}, cpu/wall {m['cpu_per_wall']:.2f})")
            del a, b, ta, tb, c, tc
    return res


def main():
    ap = argparse.ArgumentParser()
    ap.add_argument("--threads", type=int, default=None,
                    help="run one configuration (child mode); default: run 1 and 2 in subprocesses")
    ap.add_argument("--thread-list", default="1,2")
    ap.add_argument("--nets", default="lenet5,vgg_small,conv1d")
    ap.add_argument("--no-sgemm", action="store_true")
    ap.add_argument("--scale", type=float, default=1.0, help="multiplies all time budgets")
    ap.add_argument("--rounds", type=int, default=3, help="interleaved rounds per measurement")
    ap.add_argument("--net-blas-threads", type=int, default=1,
                    help="OpenBLAS threads while timing the networks (sgemm always uses --threads)")
    ap.add_argument("--json", default=None, help="write results here")
    ap.add_argument("--quiet", action="store_true")
    args = ap.parse_args()

    def log(s):
        if not args.quiet:
            print(s, file=sys.stderr, flush=True)

    nets = [n for n in args.nets.split(",") if n]
    if args.threads is not None:
        res = run_config(args.threads, args.scale, nets, not args.no_sgemm, log, args.rounds,
                         args.net_blas_threads)
        out = json.dumps(res, indent=1)
        if args.json:
            with open(args.json, "w") as f:
                f.write(out)
        else:
            print(out)
        return

    # parent: one fresh process per thread count, thread pools sized via env
    all_res = {"host": platform.node(), "python": sys.version.split()[0], "configs": []}
    for t in [int(x) for x in args.thread_list.split(",")]:
        env = dict(os.environ)
        env.update(OMP_NUM_THREADS=str(t), OPENBLAS_NUM_THREADS=str(t), MKL_NUM_THREADS=str(t))
        cmd = [sys.executable, os.path.abspath(__file__), "--threads", str(t), "--nets", ",".join(nets),
               "--scale", str(args.scale), "--rounds", str(args.rounds),
               "--net-blas-threads", str(args.net_blas_threads)]
        if args.no_sgemm:
            cmd.append("--no-sgemm")
        if args.quiet:
            cmd.append("--quiet")
        out = subprocess.run(cmd, env=env, check=True, stdout=subprocess.PIPE, text=True).stdout
        all_res["configs"].append(json.loads(out))
    out = json.dumps(all_res, indent=1)
    if args.json:
        with open(args.json, "w") as f:
            f.write(out)
    else:
        print(out)


if __name__ == "__main__":
    main()
