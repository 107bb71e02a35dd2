"""Score the fact extractor against the hand-annotated gold set, and JioNLP on money.

Run from the repository root:

    .venv/bin/python benchmarks/facts_score.py [--gold benchmarks/facts_gold/gold.jsonl] [-v]

A predicted fact matches a gold fact when their spans overlap and kind, norm_value (to 1e-6
relative) and norm_unit agree: the number is right and means the right thing. Precision,
recall and F1 are printed by kind and overall; for matched facts, the accuracy of the context
fields (metric, period, subject, basis, approx, estimate) is printed too, and for the series
fields (period label and dates, region code, entity kind, indicator, qualifier) precision and
recall over matched facts: a non-null prediction is right when it equals the gold value, and
recall counts the gold facts with a non-null value that were predicted right. Series fields
are scored only on gold facts that carry them (benchmarks/facts_gold/articles*.jsonl, whole
articles, and the paragraph sets' period dates).

The JioNLP comparison (GPL-3.0, optional, benchmark only) scores ``jionlp.ner.extract_money``
and this extractor on the same money subset: gold facts whose norm_unit is a currency. A money
span counts as correct when it overlaps a gold money fact with the same absolute amount.
"""

from __future__ import annotations

import argparse
import contextlib
import io
import sys
from collections import Counter
from datetime import date
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parents[1]))

from pipelines.facts import FACTS_VERSION, KINDS, extract_facts
from pipelines.facts.gold import load_gold, overlaps, pair, same_number

GOLD = Path(__file__).resolve().parent / "facts_gold" / "gold.jsonl"
CONTEXT_FIELDS = ("metric", "period", "subject", "basis", "approx", "estimate")
SERIES_FIELDS = (
    "period",
    "period_start",
    "period_end",
    "region_code",
    "region",
    "entity_kind",
    "indicator",
    "qualifier",
)
MONEY_UNITS = {"元", "美元", "欧元", "日元", "港元", "英镑", "韩元"}


def prf(tp: int, n_predicted: int, n_gold: int) -> tuple[float, float, float]:
    precision = tp / n_predicted if n_predicted else 1.0
    recall = tp / n_gold if n_gold else 1.0
    f1 = 2 * precision * recall / (precision + recall) if precision + recall else 0.0
    return precision, recall, f1


def print_table(title: str, rows: list[tuple[str, int, int, int]]) -> None:
    print(title)
    print(f"  {'':<12}{'gold':>6}{'pred':>6}{'tp':>6}{'P':>8}{'R':>8}{'F1':>8}")
    for name, tp, n_predicted, n_gold in rows:
        precision, recall, f1 = prf(tp, n_predicted, n_gold)
        print(
            f"  {name:<12}{n_gold:>6}{n_predicted:>6}{tp:>6}"
            f"{precision:>8.3f}{recall:>8.3f}{f1:>8.3f}"
        )


def load_jionlp():
    """jionlp.ner.extract_money, or None with the reason printed (it is optional, GPL-3.0)."""
    try:
        with contextlib.redirect_stdout(io.StringIO()), contextlib.redirect_stderr(io.StringIO()):
            import jionlp  # type: ignore[import-not-found]
    except Exception as error:  # any import failure means "not available here"
        print(f"JioNLP: not available ({type(error).__name__}: {error}); comparison skipped.")
        return None
    return jionlp.ner.extract_money


def jionlp_money(extract_money, text: str) -> list[dict]:
    found = []
    for entity in extract_money(text):
        detail = entity.get("detail", {})
        try:
            amount = float(detail.get("num"))
        except (TypeError, ValueError):
            continue  # ranges come back as lists; no single amount to compare
        start, end = entity["offset"]
        found.append({"start": start, "end": end, "amount": amount, "currency": detail.get("case")})
    return found


def money_score(predicted: list[dict], gold: list[dict]) -> tuple[int, int, int]:
    """tp, predicted, gold on money amounts (absolute value, any currency)."""
    used: set[int] = set()
    tp = 0
    for fact in predicted:
        for index, expected in enumerate(gold):
            if (
                index not in used
                and overlaps(fact, expected)
                and same_number(abs(fact["amount"]), abs(expected["norm_value"]))
            ):
                used.add(index)
                tp += 1
                break
    return tp, len(predicted), len(gold)


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--gold", type=Path, default=GOLD)
    parser.add_argument("-v", "--verbose", action="store_true", help="print every miss")
    args = parser.parse_args(argv)

    records = load_gold(args.gold)
    series = {name: Counter() for name in SERIES_FIELDS}
    counts = {kind: Counter() for kind in KINDS}
    context_right = Counter()
    all_pairs = 0
    money = Counter()
    extract_money = load_jionlp()
    jio = Counter()
    for record in records:
        published = date.fromisoformat(record["published"]) if record.get("published") else None
        predicted = [
            fact.to_dict()
            for fact in extract_facts(
                record["text"],
                published=published,
                place=record["place"],
                source=record.get("source"),
            )
        ]
        gold = record["facts"]
        pairs = pair(predicted, gold)
        matched_predicted = {id(p) for p, _ in pairs}
        matched_gold = {id(g) for _, g in pairs}
        for fact in predicted:
            counts[fact["kind"]]["pred"] += 1
        for fact in gold:
            counts[fact["kind"]]["gold"] += 1
        for fact, expected in pairs:
            counts[expected["kind"]]["tp"] += 1
            all_pairs += 1
            for field in SERIES_FIELDS:
                if field not in expected:
                    continue
                got, want = fact.get(field), expected[field]
                series[field]["pred"] += got is not None
                series[field]["gold"] += want is not None
                series[field]["tp"] += got is not None and got == want
                if got != want and args.verbose and field not in CONTEXT_FIELDS:
                    print(f"  {record['id']} {expected['q']}: {field} {got!r} (gold {want!r})")
            for field in CONTEXT_FIELDS:
                if fact[field] == expected[field]:
                    context_right[field] += 1
                elif args.verbose:
                    print(
                        f"  {record['id']} {expected['q']}: {field} "
                        f"{fact[field]!r} (gold {expected[field]!r})"
                    )
        if args.verbose:
            for fact in predicted:
                if id(fact) not in matched_predicted:
                    quote = record["text"][fact["start"] : fact["end"]]
                    print(f"FP {record['id']} {quote} {fact['kind']} {fact['norm_value']}")
            for fact in gold:
                if id(fact) not in matched_gold:
                    print(f"FN {record['id']} {fact['q']} {fact['kind']} {fact['norm_value']}")

        gold_money = [
            fact for fact in gold if fact["norm_unit"] in MONEY_UNITS and fact["kind"] == "level"
        ]
        ours = [
            {"start": f["start"], "end": f["end"], "amount": f["norm_value"]}
            for f in predicted
            if f["norm_unit"] in MONEY_UNITS and f["kind"] == "level"
        ]
        for key, value in zip(("tp", "pred", "gold"), money_score(ours, gold_money), strict=True):
            money[key] += value
        if extract_money is not None:
            theirs = jionlp_money(extract_money, record["text"])
            for key, value in zip(
                ("tp", "pred", "gold"), money_score(theirs, gold_money), strict=True
            ):
                jio[key] += value

    n_facts = sum(len(record["facts"]) for record in records)
    print(f"extractor {FACTS_VERSION}; gold: {len(records)} records, {n_facts} facts")
    rows = [
        (kind, counts[kind]["tp"], counts[kind]["pred"], counts[kind]["gold"]) for kind in KINDS
    ]
    total = tuple(sum(row[i] for row in rows) for i in (1, 2, 3))
    print_table("facts (match = overlapping span, same kind, norm_value and norm_unit):", rows)
    print_table("", [("overall", *total)])
    print(f"context accuracy on the {all_pairs} matched facts:")
    for field in CONTEXT_FIELDS:
        share = context_right[field] / all_pairs if all_pairs else 0.0
        print(f"  {field:<10}{share:>8.3f}  ({context_right[field]}/{all_pairs})")
    scored = [name for name in SERIES_FIELDS if series[name]["gold"] or series[name]["pred"]]
    if scored:
        print_table(
            "series fields on matched facts (P: right among non-null predictions, R: among "
            "non-null gold):",
            [
                (name, series[name]["tp"], series[name]["pred"], series[name]["gold"])
                for name in scored
            ],
        )
    money_rows = [("this", money["tp"], money["pred"], money["gold"])]
    if extract_money is not None:
        money_rows.append(("jionlp", jio["tp"], jio["pred"], jio["gold"]))
    print_table(
        "money levels (amounts of money, match = overlapping span, same amount):", money_rows
    )
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
