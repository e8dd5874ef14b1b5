"""Figures and open data for a period: `figures.json`, the detail CSVs, the
Frictionless `datapackage.json` and `recompute.py`, as exact texts.

Everything here is deterministic: the same rows give byte-identical files, so
a sealed month can be regenerated and compared.
"""

from __future__ import annotations

import csv
import hashlib
import io
import json

from core import rules

from . import collect
from .figures import CATALOGUE, Thresholds, source_text
from .periods import Period

COLUMNS = ("month", "cell", "value", "contributor", "suppressed")

COLUMN_TEXTS = {
    "month": (
        "Mois (AAAA-MM) ; vide pour une somme masquée sur toute la période",
        "Month (YYYY-MM); empty for a sum pooled over the whole period",
    ),
    "cell": (
        "Case du tableau (catégorie) ; vide pour la somme des cases masquées du mois",
        "Table cell (category); empty for the sum of the month's hidden cells",
    ),
    "value": (
        "Valeur entière dans l'unité de l'indicateur ; vide si la case est masquée",
        "Whole value in the figure's unit; empty when the cell is hidden",
    ),
    "contributor": (
        "Pseudonyme du membre ou de l'organisation, propre à ce paquet",
        "Pseudonym of the member or organization, valid inside this package only",
    ),
    "suppressed": (
        "1 si la case est masquée par la règle des petits effectifs",
        "1 when the small-group rule hides the cell",
    ),
}

LICENCE = {
    "name": "etalab-2.0",
    "path": "https://www.etalab.gouv.fr/licence-ouverte-open-licence/",
    "title": "Licence Ouverte / Open Licence 2.0",
}
ATTRIBUTION = "Coopérative Ouvrage, tableau de bord public du partage de la valeur"


THRESHOLD_RULES = ("transparency.min_contributors", "transparency.max_share_percent")


def thresholds(period: Period) -> Thresholds:
    values = rules.get_many(list(THRESHOLD_RULES), at=period.now)
    return Thresholds(
        min_contributors=values["transparency.min_contributors"],
        max_share_percent=values["transparency.max_share_percent"],
    )


def dumps(data) -> str:
    return json.dumps(data, sort_keys=True, indent=1, ensure_ascii=False) + "\n"


def raw_rows(period: Period) -> dict[str, list[dict]]:
    """Every figure's raw rows for the period, read from the database."""
    ledger = collect.ledger_rows(period)  # one reading for the ledger's figures
    return {
        key: ledger[key] if key in ledger else collect.COLLECTORS[key](period)
        for key in CATALOGUE
    }


def figures_data(rows: dict[str, list[dict]], limits: Thresholds) -> dict:
    """What figures.json holds: each figure's version, unit and result."""
    return {
        key: {
            "version": figure.version,
            "unit": figure.unit,
            "result": figure.run(rows[key], limits),
        }
        for key, figure in CATALOGUE.items()
    }


def csv_text(rows: list[dict]) -> str:
    out = io.StringIO()
    writer = csv.DictWriter(out, fieldnames=COLUMNS, lineterminator="\n")
    writer.writeheader()
    for row in rows:
        writer.writerow({column: row.get(column, "") for column in COLUMNS})
    return out.getvalue()


def file_name(key: str) -> str:
    return key.replace(".", "-").replace("_", "-") + ".csv"


def sha256(text: str) -> str:
    return hashlib.sha256(text.encode("utf-8")).hexdigest()


def build(period: Period, *, data_as_of: str | None = None) -> dict[str, str]:
    """Every file of the period's package, by name, as exact text."""
    limits = thresholds(period)
    rows = raw_rows(period)
    published = {
        key: figure.published_rows(rows[key], limits)
        for key, figure in CATALOGUE.items()
    }
    return assemble(period, published, limits, data_as_of=data_as_of, raw=rows)


def assemble(
    period: Period,
    published: dict[str, list[dict]],
    limits: Thresholds,
    *,
    data_as_of: str | None = None,
    raw: dict[str, list[dict]] | None = None,
) -> dict[str, str]:
    """The files from each figure's published rows (figures from `raw` if given)."""
    rows = raw if raw is not None else published
    data_as_of = data_as_of or period.now.isoformat(timespec="seconds")
    files: dict[str, str] = {}
    for key in CATALOGUE:
        files[file_name(key)] = csv_text(published[key])
    files["figures.json"] = dumps(
        {
            "period": period.label,
            "data_as_of": data_as_of,
            "figures": figures_data(rows, limits),
        }
    )
    files["recompute.py"] = recompute_text()
    files["datapackage.json"] = dumps(descriptor(period, files, limits, data_as_of))
    return files


def descriptor(period: Period, files: dict, limits: Thresholds, data_as_of: str):
    resources = []
    for key, figure in CATALOGUE.items():
        name = file_name(key)
        text = files[name]
        resources.append(
            {
                "name": name[:-4],
                "path": name,
                "profile": "tabular-data-resource",
                "format": "csv",
                "mediatype": "text/csv",
                "encoding": "utf-8",
                "title": f"{figure.title['fr']} / {figure.title['en']}",
                "description": f"{figure.definition['fr']}\n\n{figure.definition['en']}",
                "hash": f"sha256:{sha256(text)}",
                "bytes": len(text.encode("utf-8")),
                "schema": schema(figure),
                "ouvrage:figure": key,
                "ouvrage:version": figure.version,
                "ouvrage:unit": figure.unit,
            }
        )
    return {
        "profile": "tabular-data-package",
        "name": "ouvrage-value-sharing-" + period.label.replace("..", "-to-"),
        "title": "Ouvrage : partage de la valeur / value sharing " + period.label,
        "description": (
            "Chiffres publics de la coopérative Ouvrage pour la période, et leurs "
            "lignes de détail. recompute.py (bibliothèque standard de Python) "
            "recalcule figures.json à partir des fichiers CSV. / Public figures of "
            "the Ouvrage cooperative for the period, and their detail rows. "
            "recompute.py (Python's standard library) rebuilds figures.json from the "
            "CSV files. " + ATTRIBUTION
        ),
        "licenses": [LICENCE],
        "ouvrage:attribution": ATTRIBUTION,
        "ouvrage:period": {
            "first": period.first.label,
            "last": period.last.label,
        },
        "ouvrage:data_as_of": data_as_of,
        "ouvrage:thresholds": {
            "min_contributors": limits.min_contributors,
            "max_share_percent": limits.max_share_percent,
        },
        "ouvrage:figures_sha256": sha256(files["figures.json"]),
        "ouvrage:recompute_sha256": sha256(files["recompute.py"]),
        "resources": resources,
    }


def schema(figure) -> dict:
    fields = []
    for column in COLUMNS:
        fr, en = COLUMN_TEXTS[column]
        spec = {"name": column, "title": column, "description": f"{fr} / {en}"}
        if column == "value":
            spec["type"] = "integer"
        elif column == "suppressed":
            spec["type"] = "integer"
            spec["constraints"] = {"enum": [1]}
        else:
            spec["type"] = "string"
        fields.append(spec)
    return {"fields": fields, "missingValues": [""]}


RUNNER = """

# ---- the runner ----


def main(folder="."):
    import csv
    import json
    import os

    with open(os.path.join(folder, "datapackage.json"), encoding="utf-8") as handle:
        package = json.load(handle)
    limits = Thresholds(**package["ouvrage:thresholds"])
    catalogue = {v.key: v for v in list(globals().values()) if isinstance(v, Figure)}
    figures = {}
    for resource in package["resources"]:
        figure = catalogue[resource["ouvrage:figure"]]
        with open(os.path.join(folder, resource["path"]), encoding="utf-8") as handle:
            rows = list(csv.DictReader(handle))
        figures[figure.key] = {
            "version": figure.version,
            "unit": figure.unit,
            "result": figure.run(rows, limits),
        }
    period = package["ouvrage:period"]
    label = period["first"]
    if period["last"] != period["first"]:
        label = period["first"] + ".." + period["last"]
    data = {
        "period": label,
        "data_as_of": package["ouvrage:data_as_of"],
        "figures": figures,
    }
    text = json.dumps(data, sort_keys=True, indent=1, ensure_ascii=False) + "\\n"
    with open(os.path.join(folder, "figures.json"), "w", encoding="utf-8") as handle:
        handle.write(text)
    return text


if __name__ == "__main__":
    import sys

    main(sys.argv[1] if len(sys.argv) > 1 else ".")
"""

HEADER = '''"""Rebuild every figure of this Ouvrage data package from its CSV files.

Usage: python3 recompute.py [folder]   (Python 3.10+, standard library only)

It reads datapackage.json and each CSV it lists, computes each figure with the
same code the site runs (below, copied from the site's transparency/figures/),
and writes figures.json. Compare it with the one the site publishes.
"""

from __future__ import annotations

from dataclasses import dataclass, field

'''


def recompute_text() -> str:
    body = source_text().replace("from dataclasses import dataclass, field\n", "")
    return HEADER + body + RUNNER
