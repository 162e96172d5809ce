#!/usr/bin/python3
"""cnnc vs PyTorch on the three reference nets, measured in one run with the same thread count.

    bench/compare.sh [--threads T] [--scale S] [--markdown] [--cnnc-rounds R] [--vector-api]

Runs bench/peers_torch.py (PyTorch 1.13, the peer; never a dependency of cnnc) in a child
process with T framework threads and single-threaded OpenBLAS (the kernels the CPU has named
explicitly, see openblas_coretype), then `cnnc bench NET --format json --threads T --train` for each net, and
prints a side-by-side table (cnnc: the median of --cnnc-rounds JVM runs per net, as JIT outcomes vary
between runs) with the commit measured. cnnc is built once before anything is timed; if its
sources change during the run (the launcher would rebuild and measure another build) the run stops. Latency: lower is better, the ratio is PyTorch / cnnc (> 1 means
cnnc is faster). Throughput: higher is better, the ratio is cnnc / PyTorch (> 1: cnnc faster).
"""
import argparse
import json
import os
import subprocess
import sys
import tempfile

ROOT = os.path.dirname(os.path.dirname(os.path.abspath(__file__)))
NETS = [("lenet5", "examples/lenet5.yaml"), ("vgg_small", "examples/vgg_small.yaml"),
        ("conv1d", "examples/net1d.yaml")]


def cpu_flags():
    try:
        with open("/proc/cpuinfo") as f:
            for line in f:
                if line.startswith("flags"):
                    return set(line.split(":", 1)[1].split())
    except OSError:
        pass
    return set()


def openblas_coretype():
    """Debian's OpenBLAS 0.3.21 mis-detects these CPUs as SSE3-only; name the kernels the CPU really has."""
    flags = cpu_flags()
    if "avx512f" in flags:
        return "SKYLAKEX"
    if "avx2" in flags and "fma" in flags:
        return "HASWELL"
    return None


def measure_peak():
    """One core's float FMA peak in GFLOP/s from bench/peak.c (needs gcc), or None."""
    flags = cpu_flags()
    if "avx2" not in flags or "fma" not in flags:
        return None
    exe = os.path.join(tempfile.gettempdir(), "cnnc-peak")
    try:
        subprocess.run(["gcc", "-O2", "-mavx2", "-mfma", os.path.join(ROOT, "bench", "peak.c"), "-o", exe],
                       check=True, capture_output=True)
        out = subprocess.run([exe], check=True, capture_output=True, text=True).stdout
        return float(out.split()[0])
    except (OSError, subprocess.CalledProcessError, ValueError):
        return None


def run_torch(threads, scale, rounds):
    env = dict(os.environ, OMP_NUM_THREADS=str(threads), MKL_NUM_THREADS=str(threads), OPENBLAS_NUM_THREADS="1")
    coretype = openblas_coretype()
    if coretype:
        env["OPENBLAS_CORETYPE"] = coretype
    with tempfile.NamedTemporaryFile(suffix=".json", delete=False) as f:
        out = f.name
    subprocess.run(["/usr/bin/python3", os.path.join(ROOT, "bench", "peers_torch.py"), "--threads", str(threads),
                    "--no-sgemm", "--scale", str(scale), "--rounds", str(rounds), "--json", out, "--quiet"],
                   env=env, check=True)
    with open(out) as f:
        res = json.load(f)
    os.unlink(out)
    return res


SOURCES = ["spec/src/main", "compiler/src/main", "runtime/src/main", "pom.xml", "spec/pom.xml",
           "compiler/pom.xml", "runtime/pom.xml"]
JAR = os.path.join(ROOT, "runtime", "target", "cnnc.jar")


def changed_source(since):
    """A source file of the cnnc jar modified after `since` (what makes the launcher rebuild), or None."""
    for rel in SOURCES:
        top = os.path.join(ROOT, rel)
        paths = [top] if os.path.isfile(top) else (
            os.path.join(d, f) for d, _, files in os.walk(top) for f in files)
        for path in paths:
            if os.path.getmtime(path) > since:
                return os.path.relpath(path, ROOT)
    return None


def build_once():
    """Builds the jar if needed (the launcher's rule), before anything is timed; returns its mtime."""
    subprocess.run([os.path.join(ROOT, "cnnc"), "--version"], check=True, stdout=subprocess.DEVNULL)
    return os.path.getmtime(JAR)


def check_unchanged(jar_mtime):
    """Every cnnc run must measure the same build: stop if the jar or its sources changed meanwhile."""
    changed = changed_source(jar_mtime)
    if changed or os.path.getmtime(JAR) != jar_mtime:
        sys.exit(f"compare: cnnc's sources changed during the run ({changed or 'runtime/target/cnnc.jar'}); "
                 "the launcher would measure another build. Rerun on an unchanged tree, or from a "
                 "`git worktree` of the commit to measure.")


def git_state():
    """The commit measured, with a mark when the working tree differs from it."""
    try:
        head = subprocess.run(["git", "-C", ROOT, "rev-parse", "--short", "HEAD"], check=True,
                              capture_output=True, text=True).stdout.strip()
        dirty = subprocess.run(["git", "-C", ROOT, "status", "--porcelain", "--untracked-files=no"],
                               check=True, capture_output=True, text=True).stdout.strip()
    except (OSError, subprocess.CalledProcessError):
        return "unknown (not a git checkout)"
    return head + (" with uncommitted changes" if dirty else "")


def run_cnnc(path, threads, seconds, peak, per_layer, vector_api=False):
    cmd = [os.path.join(ROOT, "cnnc"), "bench", os.path.join(ROOT, path), "--format", "json", "--threads",
           str(threads), "--batch", "64", "--train", "--seconds", str(seconds)]
    if vector_api:
        cmd += ["--vector-api"]
    if peak:
        cmd += ["--peak", f"{peak:.1f}"]
    if per_layer:
        cmd += ["--per-layer"]
    out = subprocess.run(cmd, check=True, stdout=subprocess.PIPE, text=True).stdout
    return json.loads(out.strip().splitlines()[-1])


def median(values):
    v = sorted(values)
    m = len(v) // 2
    return v[m] if len(v) % 2 else (v[m - 1] + v[m]) / 2


def median_result(runs):
    """One net's cnnc results over several JVM runs: the median of every number (per layer too)."""
    out = dict(runs[0])
    for key, value in runs[0].items():
        if isinstance(value, (int, float)) and not isinstance(value, bool):
            vals = [r[key] for r in runs if isinstance(r.get(key), (int, float))]
            out[key] = median(vals) if vals else value
    if runs[0].get("layers"):
        layers = []
        for i, layer in enumerate(runs[0]["layers"]):
            merged = dict(layer)
            for key in ("gflops", "median_us"):
                if key in layer:
                    merged[key] = median([r["layers"][i][key] for r in runs if len(r.get("layers", [])) > i])
            layers.append(merged)
        out["layers"] = layers
    out["runs"] = runs
    return out


def spread(runs):
    """min-max of the headline numbers over one net's JVM runs."""
    return ", ".join(f"{key} {fmt(min(r[key] for r in runs), 1)}-{fmt(max(r[key] for r in runs), 1)}"
                     for key in ("latency_us", "images_per_s", "train_samples_per_s")
                     if all(isinstance(r.get(key), (int, float)) for r in runs))


def fmt(v, digits=0):
    return "n/a" if v is None else f"{v:,.{digits}f}"


def ratio(a, b):
    return "n/a" if a is None or b is None or b == 0 else f"{a / b:.2f}x"


def rows(torch, cnnc, vec=None):
    """Table rows; with vec (the --vector-api runs) three more columns: cnnc --vector-api and its ratios."""
    out = []
    for net, _ in NETS:
        r = torch["nets"][net]["results"]
        c = cnnc[net]

        def med(key, f):
            m = r.get(key)
            return None if m is None or "error" in m else f(m)

        lat = {mode: med(f"infer_b1_{mode}", lambda m: m["median_s"] * 1e6) for mode in ("eager", "jit", "jit_ofi")}
        thr = {mode: med(f"infer_b64_{mode}", lambda m: m["images_per_s"]) for mode in ("eager", "jit", "jit_ofi")}
        best_jit_lat = min(v for v in (lat["jit"], lat["jit_ofi"]) if v is not None)
        best_jit_thr = max(v for v in (thr["jit"], thr["jit_ofi"]) if v is not None)
        train = med("train_b64", lambda m: m["images_per_s"])
        def cols(c):
            return [(fmt(c["latency_us"], 1), ratio(lat["eager"], c["latency_us"]),
                     ratio(best_jit_lat, c["latency_us"])),
                    (fmt(c["images_per_s"]), ratio(c["images_per_s"], thr["eager"]),
                     ratio(c["images_per_s"], best_jit_thr)),
                    (fmt(c.get("train_samples_per_s")), ratio(c.get("train_samples_per_s"), train), "")]

        plain = cols(c)
        vector = cols(vec[net]) if vec else None
        torch_cols = [(fmt(lat["eager"], 1), fmt(best_jit_lat, 1)), (fmt(thr["eager"]), fmt(best_jit_thr)),
                      (fmt(train), "")]
        for i, metric in enumerate(("latency b1 (us)", "inference b64 (img/s)", "training b64 (samples/s)")):
            row = (net, metric) + torch_cols[i] + plain[i]
            out.append(row + vector[i] if vector else row)
    return out


def main():
    ap = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    ap.add_argument("--threads", type=int, default=1)
    ap.add_argument("--scale", type=float, default=1.0, help="PyTorch time budgets (peers_torch.py --scale)")
    ap.add_argument("--rounds", type=int, default=3)
    ap.add_argument("--seconds", type=float, default=1.0, help="cnnc bench --seconds")
    ap.add_argument("--cnnc-rounds", type=int, default=3,
                    help="JVM runs of cnnc bench per net, interleaved over the nets; the median is reported")
    ap.add_argument("--vector-api", action="store_true",
                    help="also run cnnc with its opt-in jdk.incubator.vector kernels (interleaved with the default)")
    ap.add_argument("--markdown", action="store_true")
    ap.add_argument("--json", help="also write the raw results here")
    args = ap.parse_args()
    print(f"load before: {os.getloadavg()[0]:.2f}", file=sys.stderr)
    jar_mtime = build_once()
    peak = measure_peak()
    torch = run_torch(args.threads, args.scale, args.rounds)
    runs = {net: [] for net, _ in NETS}
    vruns = {net: [] for net, _ in NETS}
    for _ in range(max(1, args.cnnc_rounds)):
        for net, path in NETS:
            check_unchanged(jar_mtime)
            runs[net].append(run_cnnc(path, args.threads, args.seconds, peak, net == "vgg_small"))
            if args.vector_api:
                check_unchanged(jar_mtime)
                vruns[net].append(run_cnnc(path, args.threads, args.seconds, peak, net == "vgg_small", True))
    check_unchanged(jar_mtime)
    cnnc = {net: median_result(r) for net, r in runs.items()}
    vec = {net: median_result(r) for net, r in vruns.items()} if args.vector_api else None
    print(f"load after: {os.getloadavg()[0]:.2f}", file=sys.stderr)
    if args.json:
        with open(args.json, "w") as f:
            json.dump({"torch": torch, "cnnc": cnnc, "cnnc_vector_api": vec}, f, indent=1)
    head = ("net", "metric", "torch eager", "torch best jit", "cnnc", "vs eager", "vs best jit")
    if vec:
        head += ("cnnc --vector-api", "vs eager", "vs best jit")
    table = rows(torch, cnnc, vec)
    if args.markdown:
        print("| " + " | ".join(head) + " |")
        print("|" + "---|" * len(head))
        for r in table:
            print("| " + " | ".join(r) + " |")
    else:
        widths = [max(len(str(x[i])) for x in [head] + table) for i in range(len(head))]
        for r in [head] + table:
            print("  ".join(str(v).rjust(w) if i > 1 else str(v).ljust(w) for i, (v, w) in enumerate(zip(r, widths))))
    c0 = next(iter(cnnc.values()))
    print(f"\nthreads {args.threads}; torch {torch['torch']}; cnnc on {c0['jvm']}; "
          f"ratios: latency = torch/cnnc, throughput = cnnc/torch (> 1: cnnc faster)")
    print(f"cnnc: median of {max(1, args.cnnc_rounds)} JVM runs per net; PyTorch: {args.rounds} interleaved rounds; "
          f"cnnc commit {git_state()}")
    for net, _ in NETS:
        print(f"{net}: cnnc spread over the runs: " + spread(runs[net]))
        if vec:
            print(f"{net}: cnnc --vector-api spread over the runs: " + spread(vruns[net]))
    if peak:
        print(f"peak: {peak:.1f} GFLOP/s per core (bench/peak.c, the wider of 256- and 512-bit FMA)")
    for label, results in (("", cnnc), (" --vector-api", vec)):
        for layer in (results or {}).get("vgg_small", {}).get("layers", []):
            if layer.get("macs"):
                pct = f", {100 * layer['gflops'] / peak:.0f}% of peak" if peak else ""
                note = " (effective rate: skips zero inputs, dense MACs over its time)" if layer.get("skips_zeros") else ""
                print(f"vgg_small{label} {layer['method']}: {layer['gflops']:.1f} GFLOP/s{pct}{note}")
    for net, _ in NETS:
        c = cnnc[net]
        print(f"{net}: cnnc alloc {fmt(c['alloc_bytes_per_forward'])} B/forward, "
              f"{fmt(c['alloc_bytes_per_batch_forward'])} B/batch forward; spec->class "
              f"{fmt(c['load_cold_ms'])} ms cold, {fmt(c['load_cached_ms'])} ms cached"
              + (f"; 1-thread {fmt(c['images_per_s_1_thread'])} img/s" if args.threads > 1 else ""))


if __name__ == "__main__":
    main()
