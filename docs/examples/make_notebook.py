"""Writes docs/examples/tidal_wave.ipynb from tidal_wave.py: one code cell per "# %%" block, the
docstring as the first (markdown) cell. tests/python/test_examples.py checks the two agree.

    /usr/bin/python3 docs/examples/make_notebook.py
"""
import ast
import json
import os

HERE = os.path.dirname(os.path.abspath(__file__))


def cells(script_text):
    """(docstring, [code cell sources]) of a script split on lines that are exactly "# %%"."""
    doc = ast.get_docstring(ast.parse(script_text))
    blocks, current = [], None
    for line in script_text.splitlines():
        if line == "# %%":
            if current is not None:
                blocks.append("\n".join(current).strip("\n"))
            current = []
        elif current is not None:
            current.append(line)
    if current is not None:
        blocks.append("\n".join(current).strip("\n"))
    return doc, blocks


def notebook(script_text):
    doc, blocks = cells(script_text)

    def source(text):
        lines = text.split("\n")
        return [line + "\n" for line in lines[:-1]] + [lines[-1]]

    nb_cells = [{"cell_type": "markdown", "metadata": {}, "source": source(doc)}]
    for b in blocks:
        nb_cells.append({"cell_type": "code", "execution_count": None, "metadata": {},
                         "outputs": [], "source": source(b)})
    return {"cells": nb_cells,
            "metadata": {"kernelspec": {"display_name": "Python 3 (Debian)", "language": "python",
                                        "name": "python3"},
                         "language_info": {"name": "python"}},
            "nbformat": 4, "nbformat_minor": 5}


if __name__ == "__main__":
    with open(os.path.join(HERE, "tidal_wave.py")) as f:
        nb = notebook(f.read())
    with open(os.path.join(HERE, "tidal_wave.ipynb"), "w") as f:
        json.dump(nb, f, indent=1)
        f.write("\n")
    print("wrote", os.path.join(HERE, "tidal_wave.ipynb"))
