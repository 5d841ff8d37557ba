"""Checks a built site's open data exports with the real validators, for tests/exports.rs.

Usage: python exports_check.py OUT_DIR

- data/archive.json against data/archive.schema.json (jsonschema, draft 2020-12);
- data/claims.csv read back with Python's csv module: the same (claim, by, target) pairs as
  archive.json, and the same header as the docs promise;
- data/stix-bundle.json with the OASIS validator (stix2-validator), with no error and no warning
  but the four docs/data.md justifies;
- each actors/<id>.json and countries/<code>.json: its claims and articles are references to
  archive.json's, with exactly the fields docs/data.md lists and the same values.

Prints one line of counts on success; raises (non-zero exit) on the first failure.
"""

import csv
import json
import sys
from pathlib import Path

import jsonschema
from stix2validator import ValidationOptions, print_results, validate_file

# The best-practice checks the bundle does not follow, each for a reason docs/data.md gives:
# 103 UUIDv4 ids (ours are UUIDv5, reproducible), 202 suggested relationship pairs (ours run from
# the party making a claim to its target), 302 hashes of external URLs (pages change), 401 custom
# properties as extensions (x_dossier_* as the issue asks).
JUSTIFIED = ["103", "202", "302", "401"]

HEADER = [
    "claim_id", "article_slug", "article_date", "claim_date", "kind", "basis", "hedged", "by_id",
    "by_name", "target_id", "target_name", "about_ids", "responds_to", "quote", "article_url",
    "source_url",
]

# The fields of a claim and of an article as the per-entity files name them (docs/data.md).
CLAIM_REFERENCE = {"id", "article", "kind", "by", "target", "date", "quote"}
ARTICLE_REFERENCE = {"id", "title", "date", "source", "page"}


def check_entity_files(out: Path, archive: dict) -> int:
    """Checks every per-entity file against archive.json; returns how many there are."""
    claims = {claim["id"]: claim for claim in archive["claims"]}
    articles = {article["id"]: article for article in archive["articles"]}
    paths = sorted((out / "actors").glob("*.json")) + sorted((out / "countries").glob("*.json"))
    for path in paths:
        entity = json.loads(path.read_text(encoding="utf-8"))
        assert entity["version"] == archive["version"], f"{path}: version {entity['version']}"
        for listed, full, fields in [
            (entity["claims_made"] + entity["claims_received"], claims, CLAIM_REFERENCE),
            (entity["articles"], articles, ARTICLE_REFERENCE),
        ]:
            for reference in listed:
                assert set(reference) == fields, f"{path}: {sorted(reference)}"
                record = full[reference["id"]]
                assert all(reference[field] == record[field] for field in fields), f"{path}: {reference['id']}"
    return len(paths)


def main(out: Path) -> None:
    data = out / "data"
    schema = json.loads((data / "archive.schema.json").read_text(encoding="utf-8"))
    archive = json.loads((data / "archive.json").read_text(encoding="utf-8"))
    jsonschema.Draft202012Validator.check_schema(schema)
    jsonschema.Draft202012Validator(schema).validate(archive)
    assert archive["format"] == "dossier-archive", archive["format"]

    expected = sorted(
        (claim["id"], by["id"], target["id"])
        for claim in archive["claims"]
        for by in claim["by"]
        for target in claim["target"]
    )
    raw = (data / "claims.csv").read_bytes()
    assert raw.startswith(b"\xef\xbb\xbf"), "claims.csv starts with a UTF-8 byte order mark"
    with open(data / "claims.csv", encoding="utf-8-sig", newline="") as file:
        rows = list(csv.DictReader(file))
    with open(data / "claims.csv", encoding="utf-8-sig", newline="") as file:
        assert next(csv.reader(file)) == HEADER
    pairs = sorted((row["claim_id"], row["by_id"], row["target_id"]) for row in rows)
    assert pairs == expected, f"claims.csv pairs differ from archive.json's: {len(pairs)} vs {len(expected)}"
    quotes = {claim["id"]: claim["quote"] for claim in archive["claims"]}
    for row in rows:
        quote = quotes[row["claim_id"]]
        assert row["quote"] in (quote, "'" + quote), f"{row['claim_id']}: quote read back differs"

    results = validate_file(str(data / "stix-bundle.json"), ValidationOptions(disabled=JUSTIFIED))
    warnings = [warning for result in results.object_results for warning in result.warnings]
    if not results.is_valid or warnings:
        print_results(results)
        raise SystemExit("stix-bundle.json: the STIX validator found errors or unjustified warnings")
    bundle = json.loads((data / "stix-bundle.json").read_text(encoding="utf-8"))
    entities = check_entity_files(out, archive)
    print(
        f"ok: {len(archive['claims'])} claims, {len(rows)} rows, {len(bundle['objects'])} STIX objects, "
        f"{entities} entity files"
    )


if __name__ == "__main__":
    main(Path(sys.argv[1]))
