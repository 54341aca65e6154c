"""The data catalogue: every dataset with its description, fields, sources and licence.

Everything here is read from ``data/datapackage.json`` and the data itself, so the catalogue
page cannot drift from the data.
"""
from __future__ import annotations

import pandas as pd

from . import DATA_DIR
from .data import describe, load, read_package, resource_names
from .sources import bibliography, split_keys


def _constraints(field: dict) -> str:
    rules = []
    c = field.get("constraints", {})
    if c.get("required"):
        rules.append("required")
    if "enum" in c:
        rules.append("one of: " + ", ".join(f"`{v}`" for v in c["enum"]))
    if "minimum" in c or "maximum" in c:
        rules.append(f"from {c.get('minimum', '…')} to {c.get('maximum', '…')}")
    if "pattern" in c:
        rules.append("pattern `" + c["pattern"] + "`")
    if field.get("x-bibtexKeys"):
        rules.append("keys of the bibliography")
    if field.get("x-references"):
        ref = field["x-references"]
        rules.append(f"list of `{ref['field']}` values of {ref['resource']}")
    if field.get("x-requiredIf"):
        cond = field["x-requiredIf"]
        rules.append(f"required when {cond['field']} is " + " or ".join(cond["values"]))
    return "; ".join(rules)


def field_table(name: str, data_dir=DATA_DIR) -> pd.DataFrame:
    """One row per field of a dataset: name, type, rules and description."""
    fields = describe(name, data_dir)["schema"]["fields"]
    return pd.DataFrame({
        "Field": [f["name"] for f in fields],
        "Type": [f.get("type", "string") for f in fields],
        "Rules": [_constraints(f) for f in fields],
        "Description": [f.get("description", "") for f in fields],
    })


def sources_used(name: str, data_dir=DATA_DIR) -> list[str]:
    """Bibliography keys the dataset's rows cite, most cited first."""
    resource = describe(name, data_dir)
    frame = load(name, data_dir)
    counts: dict[str, int] = {}
    for field in resource["schema"]["fields"]:
        if field.get("x-bibtexKeys"):
            for cell in frame[field["name"]].dropna():
                for key in split_keys(cell):
                    counts[key] = counts.get(key, 0) + 1
    return sorted(counts, key=lambda k: (-counts[k], k))


def dataset_markdown(name: str, data_dir=DATA_DIR, csv_link_prefix: str = "../data/") -> str:
    """A MyST section for one dataset: description, size, licence, download, keys, sources."""
    package = read_package(data_dir)
    resource = describe(name, data_dir)
    frame = load(name, data_dir)
    schema = resource["schema"]
    licences = resource.get("licenses", package.get("licenses", []))
    licence = ", ".join(lic.get("title", lic.get("name", "")) for lic in licences)
    keys = sources_used(name, data_dir)
    bib = bibliography()
    lines = [
        f"## {resource['title']}",
        "",
        resource["description"],
        "",
        f"- **File:** {{download}}`{resource['path']} <{csv_link_prefix}{resource['path']}>` "
        f"({len(frame)} rows, {len(schema['fields'])} columns, UTF-8 CSV)",
        f"- **Licence:** {licence}",
    ]
    if schema.get("primaryKey"):
        lines.append("- **Each row is identified by:** " + ", ".join(f"`{k}`" for k in schema["primaryKey"]))
    for fk in schema.get("foreignKeys", []):
        lines.append(f"- **Links:** `{', '.join(fk['fields'])}` refers to "
                     f"`{', '.join(fk['reference']['fields'])}` in {fk['reference']['resource']}")
    if keys:
        shown = ", ".join(f"{bib[k].who} ({bib[k].date or bib[k].year})" for k in keys[:5])
        lines.append(f"- **Sources:** {len(keys)} distinct sources cited by its rows; most cited: "
                     f"{shown}. See the [bibliography](bibliography.md).")
    return "\n".join(lines) + "\n"


def summary(data_dir=DATA_DIR) -> pd.DataFrame:
    """One row per dataset: name, title, rows, columns, distinct sources."""
    rows = []
    for name in resource_names(data_dir):
        resource = describe(name, data_dir)
        rows.append({
            "Dataset": name,
            "Title": resource["title"],
            "Rows": len(load(name, data_dir)),
            "Columns": len(resource["schema"]["fields"]),
            "Sources cited": len(sources_used(name, data_dir)),
        })
    return pd.DataFrame(rows)
