#!/usr/bin/python3
"""em-mixture written for Brian2 (Debian's python3-brian, 2.5), for the side-by-side speed
comparison with Plasticity Lab (bench/brian2/compare.sh). The same model as the engine's
em-mixture experiment at its defaults: binary images shown for 50 ms each, every pixel coded by
an "on" and an "off" Poisson input (40 Hz when present, silent otherwise), rectangular EPSP
traces of 10 ms, a WTA circuit of K neurons that fires 100 Hz in total with the winner drawn
from softmax(u), u_k = b_k + sum_i w_ki y_i, and the guarded STDP-EM rule
    dw = eta (y - e^w) / max(eta, e^w)      (c = 1, weights clipped to [-8, 2])
at every spike of the winner, the bias rule at every circuit spike, and the counting learning
rate: neuron k learns at max(eta0 / (1 + t / 20 s), min(eta0, g / (n0 + wins_k))), g = 10,
n0 = 2, the biases at the same with the circuit's wins (learning_rate_mode=counting).
Prints one line of JSON: the binary's wall seconds, equilibrium error, nmi.

    /usr/bin/python3 bench/brian2/em_mixture_brian2.py --classes 16 --side 16 --neurons 64
    /usr/bin/python3 bench/brian2/em_mixture_brian2.py --data mnist --mnist-side 28 --neurons 100

By default it runs as C++ standalone, Brian2's fastest CPU mode: the network is generated and
compiled first, and only the compiled binary's run is timed (compile excluded). Each z-neuron
fires with probability R * exp(u_k) / sum_j exp(u_j) * dt per step; the normaliser sum_j exp(u_j)
is one summed variable (K terms per step, Brian2's efficient form), which is the WTA process of
the engine up to the rare steps with two circuit spikes (about 0.5 % of them at 100 Hz and 1 ms).
"""
import argparse
import json
import math
import os
import shutil
import struct
import tempfile
import time

import numpy as np
import brian2
from brian2 import (NeuronGroup, Synapses, SpikeMonitor, Network, TimedArray, defaultclock, ms, second, Hz,
                    prefs, start_scope, set_device, device, linked_var)


def synthetic_images(n, rng, classes, side, p_on=0.9, p_off=0.1):
    # Random prototypes that differ in at least a quarter of the pixels, as in the engine.
    pixels = side * side
    protos = []
    while len(protos) < classes:
        bits = rng.random(pixels) < 0.5
        if all(np.sum(bits != q) * 4 >= pixels for q in protos):
            protos.append(bits)
    probs = np.array([np.where(b, p_on, p_off) for b in protos])
    labels = rng.integers(0, classes, n)
    images = rng.random((n, pixels)) < probs[labels]
    return images, labels


def mnist_images(n, rng, path, digits):
    data = open(path, "rb").read()
    count, rows, cols = struct.unpack("<III", data[12:24])
    record = 2 + rows * cols
    keep = [i for i in range(count) if data[25 + i * record] == 0 and data[24 + i * record] in digits]
    chosen = rng.choice(keep, n)
    images = np.array([np.frombuffer(data, np.uint8, rows * cols, 24 + i * record + 2) >= 128 for i in chosen])
    labels = np.array([digits.index(data[24 + i * record]) for i in chosen])
    return images, labels


def main():
    ap = argparse.ArgumentParser()
    ap.add_argument("--data", choices=["synthetic", "mnist"], default="synthetic")
    ap.add_argument("--classes", type=int, default=4)
    ap.add_argument("--side", type=int, default=8)
    ap.add_argument("--mnist-side", type=int, choices=[14, 28], default=14)
    ap.add_argument("--neurons", type=int, default=0, help="default: the number of classes")
    ap.add_argument("--seconds", type=float, default=300.0)
    ap.add_argument("--seed", type=int, default=1)
    ap.add_argument("--target", choices=["standalone", "cython", "numpy"], default="standalone")
    ap.add_argument("--resources", default=os.path.join(os.path.dirname(__file__), "..", "..", "resources"))
    args = ap.parse_args()

    build_dir = tempfile.mkdtemp(prefix="brian2-em-")
    if args.target == "standalone":
        set_device("cpp_standalone", directory=build_dir, build_on_run=False)
    else:
        prefs.codegen.target = args.target
    start_scope()
    rng = np.random.default_rng(args.seed)
    brian2.seed(args.seed)
    defaultclock.dt = 1 * ms
    presentation = 0.05
    n_images = int(math.ceil(args.seconds / presentation))
    if args.data == "synthetic":
        images, labels = synthetic_images(n_images, rng, args.classes, args.side)
        K = args.neurons or args.classes
    else:
        digits = list(range(10)) if args.mnist_side == 28 else [0, 1, 2, 3, 4]
        path = os.path.join(args.resources, "data", "mnist-%dx%d.plimg" % (args.mnist_side, args.mnist_side))
        images, labels = mnist_images(n_images, rng, path, digits)
        K = args.neurons or len(digits)
    pixels = images.shape[1]
    n_in = 2 * pixels
    # Rates over time: input 2j is "pixel j on", 2j+1 "pixel j off".
    rates = np.zeros((n_images, n_in))
    rates[:, 0::2] = np.where(images, 40.0, 0.0)
    rates[:, 1::2] = np.where(images, 0.0, 40.0)
    stimulus = TimedArray(rates * Hz, dt=presentation * second)

    # y: the rectangular EPSP trace (1 within 10 ms of the input's last spike).
    inputs = NeuronGroup(n_in, "y = int(t - lastspike < 10*ms) : 1", threshold="rand() < stimulus(t, i) * dt",
                         refractory=0 * ms, namespace={"stimulus": stimulus})
    z = NeuronGroup(K, """b : 1
                          I : 1
                          wins : 1
                          u = b + I : 1
                          Z : 1 (linked)
                          total : 1 (linked)
                          circuit_wins = total : 1""",
                    threshold="rand() < 100*Hz * exp(u - log(Z)) * dt", reset="wins += 1")
    # The normaliser must be summed after the z-neurons' input (a summed variable runs at its
    # target's order - 1): a stale Z by one step inflates the circuit's rate several-fold.
    norm = NeuronGroup(1, """Zsum : 1
                             wins_sum : 1""", order=10)
    z.Z = linked_var(norm, "Zsum")
    z.total = linked_var(norm, "wins_sum")
    z.b = math.log(1.0 / K)

    constants = {"eta0": 0.02, "decay": 20.0, "gain": 10.0, "prior": 2.0, "window_start": max(0.0, args.seconds - 30.0)}
    learn = """w : 1
               coact : 1
               I_post = w * y_pre : 1 (summed)"""
    stdp = Synapses(inputs, z, learn, on_post="""
        eta = clip(gain / (prior + wins_post), eta0 / (1 + t / (decay*second)), eta0)
        w = clip(w + eta * (y_pre - exp(w)) / clip(exp(w), eta, 1e300), -8, 2)
        coact += y_pre * int(t >= window_start*second)""", namespace=constants)
    stdp.connect()
    stdp.w = "log(0.33 * (0.3 + 1.2 * rand()))"  # the engine's initialisation: e^w ~ U(0.3, 1.5) x mean trace
    normaliser = Synapses(z, norm, """Zsum_post = exp(u_pre) : 1 (summed)
                                      wins_sum_post = wins_pre : 1 (summed)""")
    normaliser.connect()
    bias = Synapses(z, z, on_pre="""
        eta = clip(gain / (prior + circuit_wins_post), eta0 / (1 + t / (decay*second)), eta0)
        b_post = clip(b_post + eta * (int(i == j) - exp(b_post)) / clip(exp(b_post), eta, 1e300), -8, 2)""",
                    namespace=constants)
    bias.connect()
    spikes = SpikeMonitor(z)

    net = Network(inputs, z, norm, stdp, normaliser, bias, spikes)
    started = time.perf_counter()
    net.run(args.seconds * second)
    if args.target == "standalone":
        device.build(directory=build_dir, compile=True, run=True, with_output=False)
        wall = device.timers["run_binary"]  # the compiled binary alone
    else:
        wall = time.perf_counter() - started  # runtime modes: net.run, code generation included

    # Fixed-point check and information, from the last 30 s (the engine's measurement window).
    window_start = constants["window_start"]
    st, si = np.asarray(spikes.t / second), np.asarray(spikes.i)
    in_window = st >= window_start
    spikes_per_neuron = np.bincount(si[in_window], minlength=K)
    w = np.asarray(stdp.w).reshape(n_in, K)
    coact = np.asarray(stdp.coact).reshape(n_in, K)
    errors = [np.abs(np.exp(w[:, k]) - coact[:, k] / spikes_per_neuron[k]) for k in range(K) if spikes_per_neuron[k] >= 50]
    eq = float(np.mean(np.concatenate(errors))) if errors else float("nan")
    onset = np.floor(st / presentation) * presentation
    counted = in_window & (st - onset >= 0.010 - 1e-9)
    table = np.zeros((labels.max() + 1, K))
    for tt, k in zip(st[counted], si[counted]):
        table[labels[min(int(tt / presentation), n_images - 1)], k] += 1
    p = table / max(1, table.sum())
    pl, pz = p.sum(1), p.sum(0)
    nz = p > 0
    mi = float(np.sum(p[nz] * np.log2(p[nz] / np.outer(pl, pz)[nz])))
    hl = -float(np.sum(pl[pl > 0] * np.log2(pl[pl > 0])))
    hz = -float(np.sum(pz[pz > 0] * np.log2(pz[pz > 0])))
    nmi = mi / math.sqrt(hl * hz) if hl > 0 and hz > 0 else 0.0
    window = args.seconds - window_start
    print(json.dumps({"simulator": "brian2 " + brian2.__version__ + " " + args.target, "data": args.data,
                      "neurons": K, "inputs": n_in, "sim_seconds": args.seconds, "wall_seconds": wall,
                      "equilibrium_error": eq, "nmi": nmi,
                      "circuit_rate_hz": float(np.sum(in_window)) / window if window > 0 else float("nan")}))
    shutil.rmtree(build_dir, ignore_errors=True)


if __name__ == "__main__":
    main()
