"""samples: a seeded generator of synthetic ID photos with ground truth.

Entry points: `samples.generate.generate_cases(n, seed, out_dir)` (JPEGs + cases.jsonl),
`samples.cases.plan` / `samples.cases.build` (what each case is, without photographing), and the
CLI `honnin samples generate`. docs/samples.md describes the format and the case mix.
"""
