"""PyTorch peer of the engine benchmark (bench/engine.bench.ts runs it as a subprocess).

Usage: python3 bench/pytorch_peer.py DIR, where DIR holds spec.json and data.bin (float64, little
endian) written by bench/peers-pytorch.ts. For each conv case it checks PyTorch's forward and training
step against ours (the arrays in data.bin), then times them; for the learning case it runs the same
SGD steps from the same weights, checks the weights against ours, then times examples per second.
Prints one JSON object on stdout. CPU, one thread, float64, as CONTRACTS.md section 1.
"""

import json
import sys
import time

import numpy
import torch
import torch.nn.functional as F

torch.set_num_threads(1)
DIR = sys.argv[1]
spec = json.load(open(f"{DIR}/spec.json"))
data = torch.from_numpy(numpy.fromfile(f"{DIR}/data.bin", dtype="<f8"))
BUDGET = spec["budgetMs"] / 1000
# The same clock as the Node side (bench/sampling.ts): CPU time unless asked for wall time.
CLOCK = time.perf_counter if spec.get("clock") == "wall" else time.process_time


def part(ref, shape=None):
    offset, length = ref
    t = data[offset : offset + length].clone()
    return t if shape is None else t.reshape(shape)


def relative_error(actual, expected):
    """max |actual - expected| / max |expected|, as bench/engine-cases.ts computes it."""
    a, e = actual.detach().reshape(-1), expected.reshape(-1)
    if a.numel() != e.numel():
        return float("inf")
    scale = e.abs().max().item() if e.numel() else 0.0
    return (a - e).abs().max().item() / (scale if scale > 0 else 1.0)


def median_ms(run):
    """Median time of run() in ms on CLOCK after warm-up; samples and repeats sized to the time budget."""
    start = time.perf_counter()
    run()
    first = max(time.perf_counter() - start, 1e-6)
    inner = max(1, int(0.010 / first))
    for _ in range(max(1, min(50, int(0.2 / first)))):
        run()
    samples = max(5, min(31, int(BUDGET / (first * inner))))
    times = []
    for _ in range(samples):
        start = CLOCK()
        for _ in range(inner):
            run()
        times.append((CLOCK() - start) / inner)
    times.sort()
    return times[len(times) // 2] * 1000


def conv_case(c):
    n = {k: c[k] for k in ("cIn", "h", "w", "cOut", "k", "pad")}
    oh, ow = n["h"] + 2 * n["pad"] - n["k"] + 1, n["w"] + 2 * n["pad"] - n["k"] + 1
    x = part(c["input"], (1, n["cIn"], n["h"], n["w"])).requires_grad_()
    w = part(c["weight"], (n["cOut"], n["cIn"], n["k"], n["k"])).requires_grad_()
    b = part(c["bias"]).requires_grad_()
    gy = part(c["gradOutput"], (1, n["cOut"], oh, ow))
    pad = n["pad"]

    def forward():
        with torch.no_grad():
            return F.conv2d(x, w, b, padding=pad)

    def step():
        x.grad = w.grad = b.grad = None
        y = F.conv2d(x, w, b, padding=pad)
        y.backward(gy)
        return y

    y = step()
    ours = {k: part(c[k]) for k in ("output", "gradInput", "gradWeight", "gradBias")}
    forward_error = relative_error(forward(), ours["output"])
    step_error = max(
        relative_error(y, ours["output"]),
        relative_error(x.grad, ours["gradInput"]),
        relative_error(w.grad, ours["gradWeight"]),
        relative_error(b.grad, ours["gradBias"]),
    )
    return {
        "name": c["name"],
        "forwardError": forward_error,
        "stepError": step_error,
        "forwardMs": median_ms(forward),
        "stepMs": median_ms(step),
    }


def learning(spec_l):
    """conv 1->4 3x3, ReLU, global max pool (amax), dense 4->1, bce with logits, plain SGD."""
    n, size = spec_l["count"], spec_l["size"]
    images = part(spec_l["images"], (n, 1, size, size))
    labels = part(spec_l["labels"])
    lr = spec_l["lr"]
    shapes = {"convW": (4, 1, 3, 3), "convB": (4,), "denseW": (1, 4), "denseB": (1,)}
    params = {k: part(spec_l["init"][k], s).requires_grad_() for k, s in shapes.items()}

    def train(steps, batch, start=0):
        p = params
        for s in range(start, start + steps):
            first = (s * batch) % n
            xb, yb = images[first : first + batch], labels[first : first + batch]
            hidden = F.relu(F.conv2d(xb, p["convW"], p["convB"])).amax((-2, -1))
            logits = F.linear(hidden, p["denseW"], p["denseB"]).squeeze(1)
            F.binary_cross_entropy_with_logits(logits, yb).backward()
            with torch.no_grad():
                for t in p.values():
                    t -= lr * t.grad
                    t.grad = None

    results = []
    for case in spec_l["cases"]:
        batch, steps = case["batch"], case["checkSteps"]
        with torch.no_grad():
            for k, s in shapes.items():
                params[k].copy_(part(spec_l["init"][k], s))
        train(steps, batch)
        error = max(relative_error(params[k], part(case["final"][k])) for k in shapes)
        run_steps = max(1, 2048 // batch)
        ms = median_ms(lambda: train(run_steps, batch))
        results.append(
            {"batch": batch, "error": error, "examplesPerSecond": run_steps * batch / (ms / 1000)}
        )
    return results


report = {
    "torch": torch.__version__,
    "threads": torch.get_num_threads(),
    "conv": [conv_case(c) for c in spec["conv"]],
    "learning": learning(spec["learning"]) if spec.get("learning") else [],
}
print(json.dumps(report))
