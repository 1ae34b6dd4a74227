"""Runs exported NumPy and torch modules (tests/engine/export_test.cpp writes them).

Usage: run_python.py MANIFEST.json. The manifest lists cases, each with the module files,
the inputs, the engine's value and derivative at those inputs and, for a vector or matrix
value, the upstream gradient G. For every case and language, one line:
    PASS <lang> <id>          or          FAIL <lang> <id> <why>
NumPy: value and gradient (or vjp(G)) against the engine's evaluator. torch: the same,
and the gradient against torch.autograd at the same inputs (projected onto the tangent
space for a structured variable, whose gradient is the projected one: the symmetric part
for a symmetric variable). Also check_gradient runs.
"""
import inspect
import json
import sys
import traceback

import numpy as np
import torch

TOL = 1e-7


def rel_err(a, b):
    a = np.asarray(a, dtype=float).reshape(-1)
    b = np.asarray(b, dtype=float).reshape(-1)
    if a.shape != b.shape:
        return float("inf")
    if a.size == 0:
        return 0.0
    return float(np.max(np.abs(a - b) / np.maximum(1.0, np.abs(b))))


def load(path):
    namespace = {"__name__": "exported"}
    with open(path) as f:
        exec(compile(f.read(), path, "exec"), namespace)
    return namespace


def as_numpy(case):
    return {k: (float(v) if not isinstance(v, list) else np.array(v, dtype=float))
            for k, v in case["inputs"].items()}


def check(case, lang, mod):
    inputs = as_numpy(case)
    wrt = case["wrt"]
    if lang == "torch":
        inputs = {k: torch.tensor(v, dtype=torch.float64) for k, v in inputs.items()}
        inputs[wrt] = inputs[wrt].clone().requires_grad_(True)
    fn = mod[case["function"]]
    sizes = {k: v for k, v in case["sizes"].items()
             if k in inspect.signature(fn).parameters and k not in inputs}
    value, second = fn(**inputs, **sizes)
    if case["upstream"] is None:
        deriv = second
    else:
        upstream = np.array(case["upstream"], dtype=float)
        deriv = second(torch.tensor(upstream) if lang == "torch" else upstream)
    as_np = (lambda t: t.detach().numpy()) if lang == "torch" else (lambda t: t)
    problems = []
    e = rel_err(as_np(value), case["value"])
    if e > TOL:
        problems.append(f"value off by {e:.3g}")
    e = rel_err(as_np(deriv), case["derivative"])
    if e > TOL:
        problems.append(f"derivative off by {e:.3g} (engine's evaluator)")
    if np.shape(as_np(deriv)) != np.shape(np.asarray(inputs[wrt].detach() if lang == "torch" else inputs[wrt])):
        problems.append("derivative not shaped like the variable")
    if lang == "torch":
        if case["upstream"] is None:
            (auto,) = torch.autograd.grad(value, inputs[wrt], allow_unused=True)
        else:
            (auto,) = torch.autograd.grad(value, inputs[wrt], grad_outputs=torch.tensor(
                np.array(case["upstream"], dtype=float).reshape(tuple(value.shape))), allow_unused=True)
        auto = torch.zeros_like(inputs[wrt]) if auto is None else auto
        mine = as_np(deriv)
        if case.get("tangent"):  # a structured variable (SPEC 13): on its tangent space
            project = case["tangent"].replace("#", "_h").replace("%", "_x").replace("$", "torch")
            _x = inputs[wrt].detach()
            auto = eval(project, {"torch": torch, "_h": auto, "_x": _x})
            mine = eval(project, {"torch": torch, "_h": torch.tensor(mine), "_x": _x}).numpy()
        e = rel_err(auto.numpy(), mine)
        if e > TOL:
            problems.append(f"derivative off by {e:.3g} from torch.autograd")
    plain = as_numpy(case)
    if lang == "torch":
        plain = {k: torch.tensor(v, dtype=torch.float64) for k, v in plain.items()}
    mod["check_gradient"](**plain, **sizes)  # runs; its accuracy depends on the function's curvature
    return problems


def main():
    manifest = json.load(open(sys.argv[1]))
    for case in manifest["cases"]:
        for lang in ("numpy", "torch"):
            if lang not in case:
                continue
            try:
                problems = check(case, lang, load(case[lang]))
            except Exception as exc:  # a failure names the case; the message says what broke
                last = traceback.format_exc().strip().splitlines()[-1]
                problems = [f"raised {type(exc).__name__}: {last}"]
            status = "PASS" if not problems else "FAIL"
            print(status, lang, case["id"], "; ".join(problems), flush=True)


if __name__ == "__main__":
    main()
