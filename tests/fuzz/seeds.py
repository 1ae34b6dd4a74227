#!/usr/bin/env python3
"""Writes the fuzz target's seed corpus: every question the tests ask, one file each.

    python3 tests/fuzz/seeds.py OUT_DIR

Sources: the inputs fuzzing found (tests/fuzz/findings/, copied as they are),
tests/data/textbook.json (each with its textbook answer, for check),
tests/data/rule_examples.json, content/examples.json, and the hostile seeds of
tests/engine/robustness_test.cpp. Each question becomes an input of the form
tests/fuzz/api_fuzz.cpp reads: an operation letter, then EXPR, WRT, DECLS, ANSWER
separated by tabs.
"""
import hashlib
import json
import os
import re
import sys

ROOT = os.path.join(os.path.dirname(os.path.abspath(__file__)), '..', '..')


def load(path):
    with open(os.path.join(ROOT, path), encoding='utf-8') as f:
        return json.load(f)


def robustness_seeds():
    """The string literals of kSeeds in tests/engine/robustness_test.cpp."""
    with open(os.path.join(ROOT, 'tests/engine/robustness_test.cpp'), encoding='utf-8') as f:
        text = f.read()
    block = text[text.index('kSeeds[] = {'):text.index('};', text.index('kSeeds[] = {'))]
    out = []
    for raw, plain in re.findall(r'R"\((.*?)\)"|"((?:[^"\\]|\\.)*)"', block, re.S):
        out.append(raw if raw else bytes(plain, 'utf-8').decode('unicode_escape'))
    return out


def inputs():
    # One input per question (the operations taken in turn), so that the bounded CI run
    # spends its minute mutating rather than reading the corpus.
    for i, case in enumerate(load('tests/data/textbook.json')):
        q = (case['expr'], case.get('wrt', ''), case.get('decl', ''))
        yield ('dc'[i % 2],) + q + (case.get('textbook', '') if i % 2 else '',)
    for i, case in enumerate(load('tests/data/rule_examples.json') + load('content/examples.json')):
        q = (case['expr'], case.get('wrt', ''), case.get('decl', ''))
        yield ('dhinxye'[i % 7],) + q + ('',)
    for seed in robustness_seeds():
        for op in 'pdl':
            yield (op, seed, 'x', '', '')


def main():
    out_dir = sys.argv[1]
    os.makedirs(out_dir, exist_ok=True)
    count = 0
    for op, expr, wrt, decls, answer in inputs():
        data = (op + '\t'.join([expr, wrt, decls, answer])).encode('utf-8')
        name = hashlib.sha1(data).hexdigest()
        with open(os.path.join(out_dir, name), 'wb') as f:
            f.write(data)
        count += 1
    findings = os.path.join(ROOT, 'tests', 'fuzz', 'findings')
    for name in sorted(os.listdir(findings)):
        with open(os.path.join(findings, name), 'rb') as f:
            data = f.read()
        with open(os.path.join(out_dir, 'finding-' + name), 'wb') as f:
            f.write(data)
        count += 1
    print(f'fuzz seeds: {count} inputs in {out_dir}')


if __name__ == '__main__':
    main()
