#!/usr/bin/env python3
"""Writes a synthetic HAFS training directory: quality_feedback.json, active_learning.json and
training_feedback.json in the shape HAFS's Python writers produce (json.dumps(indent=2), ASCII
escapes, NaN allowed, zone-less isoformat timestamps), with every size configurable; and, with
--datasets N, N curated dataset folders datasets/<name>_<YYYYMMDD_HHMMSS>/ as HAFS's curator
writes them (train/val/test.jsonl, stats.json, metadata.json, then rejected.jsonl and
rejection_summary.json when something was rejected).

    bench/gen_training_dir.py --preset realistic OUT_DIR
    bench/gen_training_dir.py --preset realistic --history 250000 OUT_DIR   # ~110 MB quality file
    bench/gen_training_dir.py --preset realistic --datasets 1000 OUT_DIR    # 1,000 dataset folders

The output is a pure function of the options and --seed, so two runs give the same bytes.
"""
import argparse
import datetime
import json
import os
import random
import sys
import uuid

REASONS = ["low_diversity", "kg_inconsistent", "high_hallucination", "low_coherence", "duplicate",
           "validation_failed", "other"]
SCORES = ["diversity", "kg_consistency", "hallucination_risk", "coherence", "overall"]
DOMAINS = ["asm", "cpp", "python", "rust", "text", "sql", "go", "shader"]
REAL_GENERATORS = ["unknown", "baseline", "enhanced_v1"]
EVAL_METRICS = ["accuracy", "pass_at_1", "bleu", "exact_match", "perplexity"]
THRESHOLDS = {"min_quality_score": 0.7, "min_diversity": 0.3, "max_hallucination_risk": 0.5,
              "min_kg_consistency": 0.5, "min_coherence": 0.4, "similarity_threshold": 0.95}
EPOCH = datetime.datetime(2025, 12, 1, 8, 0, 0)

# Sizes per preset. "realistic" is what one HAFS host writes after a few days (~300 series on
# /metrics with the process meters); "large" is ~10,000 series.
PRESETS = {
    "tiny": dict(generators=2, reasons=3, history=40, domains=2, scores=3, regions=4, dim=8,
                 sample_ids=5, runs=3, eval_metrics=2),
    "realistic": dict(generators=3, reasons=7, history=500, domains=4, scores=5, regions=50, dim=768,
                      sample_ids=100, runs=10, eval_metrics=3),
    "large": dict(generators=300, reasons=7, history=500, domains=40, scores=5, regions=2000, dim=768,
                  sample_ids=100, runs=300, eval_metrics=3),
}


def names(pool, count, prefix):
    """The real names first, then numbered ones, so small sizes look like a real host."""
    return [pool[i] if i < len(pool) else f"{prefix}_{i}" for i in range(count)]


def timestamp(seconds):
    # datetime.isoformat() drops the fraction when microseconds are 0, as HAFS's files show.
    return (EPOCH + datetime.timedelta(seconds=seconds)).isoformat()


def quality_feedback(rng, o, revision=0):
    generators = names(REAL_GENERATORS, o.generators, "generator")
    reasons = names(REASONS, o.reasons, "reason")
    domains = names(DOMAINS, o.domains, "domain")
    scores = names(SCORES, o.scores, "score")
    stats = {}
    for i, name in enumerate(generators):
        # revision moves the first generator's count: the change-to-visible benchmark looks for it.
        generated = 500 + 37 * i + (revision if i == 0 else 0)
        rejected = min(generated, 40 + 11 * i + len(reasons))
        accepted = generated - rejected
        per_reason = {reason: 0 for reason in reasons}
        for n in range(rejected):
            per_reason[reasons[n % len(reasons)]] += 1
        quality_sum = accepted * rng.uniform(0.6, 0.95)
        stats[name] = {
            "samples_generated": generated,
            "samples_accepted": accepted,
            "samples_rejected": rejected,
            "rejection_reasons": per_reason,
            "avg_quality_score": quality_sum / generated if generated else 0.0,
            "total_quality_sum": quality_sum,
        }
    history = []
    for n in range(o.history):
        reason = reasons[n % len(reasons)]
        if reason == "validation_failed":
            entry_scores = dict(zip(scores, [0, 0, 1.0, 0, 0.0]))
        else:
            entry_scores = {score: rng.random() for score in scores}
        history.append({
            "sample_id": str(uuid.UUID(int=rng.getrandbits(128), version=4)),
            "domain": domains[n % len(domains)],
            "generator": generators[n % len(generators)],
            "reason": reason,
            "scores": entry_scores,
            "timestamp": timestamp(n * 7.25),
        })
    return {"thresholds": dict(THRESHOLDS), "generator_stats": stats, "rejection_history": history,
            "last_updated": timestamp(o.history * 7.25 + revision)}


def active_learning(rng, o):
    domains = names(DOMAINS, o.domains, "domain")
    regions = []
    for r in range(o.regions):
        count = rng.randint(0, 120)
        regions.append({
            "centroid": [rng.gauss(0.0, 0.05) for _ in range(o.dim)],
            "sample_count": count,
            "sample_ids": [str(uuid.UUID(int=rng.getrandbits(128), version=4))
                           for _ in range(min(count, o.sample_ids))],
            "domain": domains[r % len(domains)],
            "avg_quality": rng.uniform(0.0, 0.9),
        })
    return {"regions": regions, "embedding_dim": o.dim, "num_regions": max(50, o.regions),
            "last_updated": timestamp(3600.5)}


def training_feedback(rng, o):
    domains = names(DOMAINS, o.domains, "domain")
    metrics = names(EVAL_METRICS, o.eval_metrics, "metric")
    runs = {}
    for r in range(o.runs):
        running = r == o.runs - 1
        start = r * 86400.0
        runs[f"run-{r:05d}"] = {
            "model_name": "qwen2.5-coder-finetuned",
            "base_model": "qwen2.5-coder:7b",
            "dataset_path": f"/data/datasets/run-{r:05d}.jsonl",
            "samples_count": 1000 + 13 * r,
            "domain_distribution": {d: 100 + i for i, d in enumerate(domains[:4])},
            "start_time": timestamp(start),
            "end_time": None if running else timestamp(start + 7200.123456),
            "final_loss": None if running else rng.uniform(0.05, 0.4),
            "eval_metrics": {} if running else {m: rng.random() for m in metrics},
            "notes": "",
        }
    return {"training_runs": runs,
            "domain_effectiveness": {d: rng.uniform(-0.05, 0.05) for d in domains},
            "quality_threshold_effectiveness": {"0.7": 0.015, "0.75": 0.011},
            "last_updated": timestamp(7200)}


def dataset_folder(rng, index):
    """One curation: its folder name and files, with the field reference's proportions."""
    created = EPOCH + datetime.timedelta(hours=6 * index)
    name = f"curated_{index:05d}"
    domains = DOMAINS[: 2 + index % 4]
    generated = rng.randint(500, 8000)
    passed = int(generated * rng.uniform(0.4, 0.9))
    deduplicated = int(passed * rng.uniform(0.0, 0.1))
    augmented = int(passed * rng.uniform(0.0, 0.1))
    final = passed - deduplicated + augmented
    train, val = int(final * 0.8), int(final * 0.1)
    rejected = generated - passed
    by_reason = {"low_quality": rejected - rejected // 5, "duplicate": rejected // 10}
    by_reason["validation_failed"] = rejected - sum(by_reason.values())
    stats = {"total_generated": generated, "passed_quality": passed, "deduplicated": deduplicated,
             "augmented": augmented, "final_count": final,
             "domain_counts": {d: generated // len(domains) for d in domains},
             "quality_scores": {"average": rng.uniform(0.6, 0.9)}, "duration_seconds": rng.uniform(60, 7200)}
    metadata = {"name": name, "created": created.strftime("%Y%m%d_%H%M%S"), "template": "alpaca",
                "train_count": train, "val_count": val, "test_count": final - train - val, "domains": domains}
    summary = {"total_rejected": rejected, "by_reason": by_reason,
               "by_domain": {d: rejected // len(domains) for d in domains},
               "avg_quality_score": rng.uniform(0.2, 0.6), "min_quality_score": 0.0, "max_quality_score": 0.69}
    return f"{name}_{created.strftime('%Y%m%d_%H%M%S')}", stats, metadata, summary if rejected else None


def write_dataset(datasets_dir, folder, stats, metadata, summary):
    """In HAFS's order: the splits, stats.json, metadata.json, then the rejections when there were any."""
    path = os.path.join(datasets_dir, folder)
    os.makedirs(path, exist_ok=True)
    for split in ("train", "val", "test"):
        with open(os.path.join(path, f"{split}.jsonl"), "w") as out:
            for i in range(3):
                out.write(json.dumps({"instruction": f"Explain routine {i}", "input": "", "output": "LDA #$00",
                                      "domain": "asm"}) + "\n")
    write_in_place(os.path.join(path, "stats.json"), stats)
    write_in_place(os.path.join(path, "metadata.json"), metadata)
    if summary is not None:
        with open(os.path.join(path, "rejected.jsonl"), "w") as out:
            out.write(json.dumps({"instruction": "x", "input": "", "output": "y", "domain": "asm", "source": "gen",
                                  "rejection_reason": "low_quality", "quality_score": 0.3}) + "\n")
        write_in_place(os.path.join(path, "rejection_summary.json"), summary)


def write_in_place(path, data):
    """HAFS's way: truncate, then write; no temp file, no rename, no fsync."""
    with open(path, "w") as out:
        out.write(json.dumps(data, indent=2))


def options(argv):
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("out", help="directory to write the three files to (created)")
    parser.add_argument("--preset", choices=sorted(PRESETS), default="realistic")
    for key in PRESETS["realistic"]:
        parser.add_argument("--" + key.replace("_", "-"), type=int, dest=key,
                            help=f"override the preset's {key}")
    parser.add_argument("--seed", type=int, default=5)
    parser.add_argument("--datasets", type=int, default=0, help="dataset folders to write under datasets/")
    parser.add_argument("--only", choices=["quality", "active", "training"], action="append",
                        help="write only these files (repeatable)")
    parsed = parser.parse_args(argv)
    for key, value in PRESETS[parsed.preset].items():
        if getattr(parsed, key) is None:
            setattr(parsed, key, value)
    return parsed


def main(argv):
    o = options(argv)
    os.makedirs(o.out, exist_ok=True)
    files = {"quality": ("quality_feedback.json", quality_feedback),
             "active": ("active_learning.json", active_learning),
             "training": ("training_feedback.json", training_feedback)}
    for key in o.only or files:
        name, build = files[key]
        # One generator per file keeps a file's bytes independent of which others are written.
        write_in_place(os.path.join(o.out, name), build(random.Random(f"{o.seed}/{key}"), o))
    rng = random.Random(f"{o.seed}/datasets")
    for index in range(o.datasets):
        write_dataset(os.path.join(o.out, "datasets"), *dataset_folder(rng, index))


if __name__ == "__main__":
    main(sys.argv[1:])
