#!/usr/bin/env python3
"""Textbook gap: how much longer are matcalc's gradients than the textbook's?

Runs `matcalc derive EXPR --wrt VAR --decl DECL --format json` for every problem
of tests/data/textbook.json and compares the result, token by token, with the
answer the textbook prints (Matrix Cookbook, ML lecture notes).

A token is an identifier or function name, a number, an operator
(+ - * / ^ .* ./ .^), a parenthesis, a comma or a transpose mark '.

Usage:  python3 bench/textbook_gap.py [MATCALC] [--data PATH] [--threshold N]
        MATCALC defaults to build/matcalc.

This is a measurement, not a test: the exit status is always 0.
"""
import json
import os
import re
import subprocess
import sys

HERE = os.path.dirname(os.path.abspath(__file__))
ROOT = os.path.dirname(HERE)

_TOKEN = re.compile(r"""
    (?P<num>(?:\d+(?:\.\d+)?|\.\d+)(?:[eE][+-]?\d+)?)
  | (?P<id>[A-Za-z_][A-Za-z0-9_]*)
  | (?P<op>\.\*|\./|\.\^|[-+*/^])
  | (?P<punct>[(),'])
  | (?P<space>\s+)
  | (?P<other>.)
""", re.VERBOSE)


def tokens(text):
    """The tokens of an expression of matcalc's input language."""
    out = []
    for m in _TOKEN.finditer(text or ""):
        kind = m.lastgroup
        if kind == "space":
            continue
        out.append(m.group())
    return out


def ntokens(text):
    return len(tokens(text))


def derive(binary, prob, timeout=120):
    """(result text or None, note)"""
    cmd = [binary, "derive", "--wrt", prob["wrt"], "--format", "json"]
    if prob.get("decl"):
        cmd += ["--decl", prob["decl"]]
    if prob.get("hessian") == "true":
        cmd += ["--hessian"]
    cmd += ["--", prob["expr"]]
    try:
        r = subprocess.run(cmd, capture_output=True, text=True, timeout=timeout)
    except subprocess.TimeoutExpired:
        return None, "timeout after %ds" % timeout
    except OSError as e:
        return None, "cannot run %s: %s" % (binary, e)
    try:
        j = json.loads(r.stdout)
    except ValueError:
        err = (r.stderr or r.stdout).strip().splitlines()
        return None, "exit %d: %s" % (r.returncode, err[0] if err else "no output")
    res = j.get("result")
    text = res.get("text") if isinstance(res, dict) else (res if isinstance(res, str) else j.get("text"))
    note = ""
    if r.returncode != 0:
        note = "exit %d" % r.returncode
        if r.stderr.strip():
            note += ": " + r.stderr.strip().splitlines()[0]
    chk = j.get("check")
    if isinstance(chk, dict) and chk.get("passed") is False:
        note = (note + "; " if note else "") + "numeric check failed"
    if text is None:
        return None, note or "no result in JSON"
    return text, note


def main(argv):
    binary = "build/matcalc"
    data = os.path.join(ROOT, "tests", "data", "textbook.json")
    threshold = 3
    args = list(argv)
    pos = []
    while args:
        a = args.pop(0)
        if a == "--data" and args:
            data = args.pop(0)
        elif a == "--threshold" and args:
            threshold = int(args.pop(0))
        elif a in ("-h", "--help"):
            print(__doc__)
            return 0
        else:
            pos.append(a)
    if pos:
        binary = pos[0]
    if not os.path.exists(binary) and not os.path.isabs(binary) and os.path.exists(os.path.join(ROOT, binary)):
        binary = os.path.join(ROOT, binary)

    with open(data) as f:
        problems = json.load(f)

    n = len(problems)
    longer = []
    failed = []
    excess = 0
    net = 0
    for p in problems:
        ours, note = derive(binary, p)
        tb = p["textbook"]
        tt = ntokens(tb)
        print("%s  [%s]" % (p["id"], p.get("source", "")))
        print("    d/d%s %s%s" % (p["wrt"], p["expr"], ("   {" + p["decl"] + "}") if p.get("decl") else ""))
        if ours is None:
            failed.append(p["id"])
            print("    ours:     FAILED (%s)" % note)
            print("    textbook: %s   [%d tokens]" % (tb, tt))
            continue
        ot = ntokens(ours)
        d = ot - tt
        net += d
        excess += max(0, d)
        flag = "  <-- +%d" % d if d > threshold else ""
        print("    ours:     %s   [%d tokens]%s" % (ours, ot, ("   (" + note + ")") if note else ""))
        print("    textbook: %s   [%d tokens]   diff %+d%s" % (tb, tt, d, flag))
        if d > threshold:
            longer.append((p["id"], d))

    print()
    if longer:
        print("more than %d tokens longer: %s" % (threshold, ", ".join("%s (+%d)" % x for x in longer)))
    if failed:
        print("failed: %s" % ", ".join(failed))
    print("SUMMARY: %d of %d problems are more than %d tokens longer than the textbook; "
          "total token excess %d (net %+d over %d derived, %d failed)"
          % (len(longer), n, threshold, excess, net, n - len(failed), len(failed)))
    return 0


if __name__ == "__main__":
    try:
        main(sys.argv[1:])
    except Exception as e:  # a measurement: report, never fail
        print("textbook_gap: %s" % e, file=sys.stderr)
    sys.exit(0)
