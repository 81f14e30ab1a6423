#!/usr/bin/env python3
"""Validate Jupyter notebooks against nbformat's JSON schema.

Usage: validate_notebooks.py NOTEBOOK.ipynb...

Reads each notebook's JSON as it is (no conversion between nbformat versions,
and none of the repairs nbformat.read makes, such as adding missing cell ids),
runs nbformat.validate on it, and prints one line per file: "ok PATH (nbformat
4.5, N cells)" or "invalid PATH: WHY". Exits 1 if any file is invalid or
unreadable, 2 when no file is given. Needs the nbformat package (for instance
the venv at /work/venv-jupyter).
"""
import json
import sys

import nbformat


def validate(path):
    """Return None if the notebook at path is valid, else the reason."""
    try:
        with open(path, encoding="utf-8") as file:
            raw = json.load(file)
    except Exception as error:  # a missing file, bad JSON, not UTF-8, …
        return f"cannot read: {error}"
    if not isinstance(raw, dict):
        return f"not a notebook: a JSON {type(raw).__name__}, not an object"
    # nbformat 4.5 requires a cell id; validate() would only warn and add
    # one, so a missing id is looked for first, in the file as written.
    cells = raw.get("cells")
    if isinstance(cells, list):
        for number, cell in enumerate(cells, 1):
            if isinstance(cell, dict) and "id" not in cell:
                return f"cell {number} has no id"
    notebook = nbformat.from_dict(raw)
    try:
        nbformat.validate(notebook)
    except nbformat.ValidationError as error:
        return error.message
    except Exception as error:  # not even a notebook's shape (no nbformat key, …)
        return f"not a notebook: {error!r}"
    # nbformat 4.5 requires cell ids; validate() accepts older minors without.
    version = (notebook.get("nbformat"), notebook.get("nbformat_minor"))
    if not all(isinstance(part, int) for part in version) or version < (4, 5):
        return f"nbformat {version[0]}.{version[1]}, expected 4.5 or later"
    return None


def main(paths):
    if not paths:
        print(__doc__.strip(), file=sys.stderr)
        return 2
    failed = 0
    for path in paths:
        reason = validate(path)
        if reason is None:
            with open(path, encoding="utf-8") as file:
                notebook = json.load(file)
            print(f"ok {path} (nbformat {notebook['nbformat']}.{notebook['nbformat_minor']}, {len(notebook['cells'])} cells)")
        else:
            failed += 1
            print(f"invalid {path}: {reason}")
    return 1 if failed else 0


if __name__ == "__main__":
    sys.exit(main(sys.argv[1:]))
