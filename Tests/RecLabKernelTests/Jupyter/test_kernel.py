"""reclab's kernel driven by real Jupyter clients, as a front end drives it.

Run by JupyterClientTests (Swift) with JUPYTER_PATH pointing at a kernel
spec installed for the test build, and RECLAB_REPOSITORY at the checkout:

  * jupyter_kernel_test's conformance suite (kernel info, execute with
    results and display data, errors, completion, is_complete, inspect,
    history);
  * an interrupt (SIGINT, the kernel spec's interrupt mode) of a long
    `train mf`, after which the kernel goes on;
  * every sessions/*.reclab as a notebook run by nbclient, its outputs
    compared with the terminal transcript of the same script.
"""

import os
import shutil
import re
import subprocess
import tempfile
import time
import unittest

import jupyter_kernel_test
import nbformat
from jupyter_client.manager import start_new_kernel
from nbclient import NotebookClient

REPOSITORY = os.environ.get("RECLAB_REPOSITORY", os.path.join(os.path.dirname(__file__), "..", "..", ".."))
MOVIE_1 = "load movielens small\nhead movies 1"


class ReclabKernelTests(jupyter_kernel_test.KernelTests):
    kernel_name = "reclab"
    language_name = "reclab"
    file_extension = ".reclab"

    completion_samples = [
        {"text": "he", "matches": {"head", "help"}},
        {"text": "train user", "matches": {"userknn"}},
    ]
    complete_code_samples = ["help", "head ratings 3", "# a note \\"]
    incomplete_code_samples = ["rate me \\", 'rate me "toy story']
    code_generate_error = "head nosuch"
    code_display_data = [{"code": "load movielens small\nhist ratings rating", "mime": "image/svg+xml"}]
    code_history_pattern = "*head movies 1"
    supported_history_operations = ("tail", "range", "search")
    code_inspect_sample = "stats"
    # The expected text is what the terminal prints for the same cells.
    code_execute_result = [
            {"code": MOVIE_1, "result": "\n".join([
                "┌─────────┬──────────────────┬─────────────────────────────────────────────┬──────┐",
                "│ movieId │ title            │ genres                                      │ year │",
                "├─────────┼──────────────────┼─────────────────────────────────────────────┼──────┤",
                "│       1 │ Toy Story (1995) │ Adventure|Animation|Children|Comedy|Fantasy │ 1995 │",
                "└─────────┴──────────────────┴─────────────────────────────────────────────┴──────┘",
            ])},
            {"code": "load movielens small\nhead links 1", "result": "\n".join([
                "┌─────────┬────────┬────────┐",
                "│ movieId │ imdbId │ tmdbId │",
                "├─────────┼────────┼────────┤",
                "│       1 │ 114709 │    862 │",
                "└─────────┴────────┴────────┘",
            ])},
    ]


class InterruptTests(unittest.TestCase):
    def test_interrupt_stops_train_mf_and_the_kernel_goes_on(self):
        km, kc = start_new_kernel(kernel_name="reclab")
        try:
            reply = kc.execute_interactive("load movielens small", timeout=120)
            self.assertEqual(reply["content"]["status"], "ok")
            msg_id = kc.execute("train mf epochs=1000")
            time.sleep(3)
            started = time.time()
            km.interrupt_kernel()
            reply = kc.get_shell_msg(timeout=60)
            while reply["parent_header"].get("msg_id") != msg_id:
                reply = kc.get_shell_msg(timeout=60)
            self.assertLess(time.time() - started, 30)
            self.assertEqual(reply["content"]["status"], "error")
            self.assertIn("Ctrl-C", reply["content"]["evalue"])
            after = kc.execute_interactive("models", timeout=60)
            self.assertEqual(after["content"]["status"], "ok")
        finally:
            kc.stop_channels()
            km.shutdown_kernel(now=True)


def script_cells(text):
    """The cells of a script, as ScriptRunner.cells splits them."""
    cells, pending = [], []
    lines = text.split("\n")
    if lines and lines[-1] == "":
        lines.pop()
    for line in lines:
        pending.append(line)
        if line.endswith("\\") and not line.strip().startswith("#"):
            continue
        cells.append(pending)
        pending = []
    if pending:
        cells.append(pending)
    return cells


def is_comment(lines):
    joined = " ".join(lines).strip()
    return joined == "" or joined.startswith("#")


def normalized(text, workspace):
    """The transcript's conventions: the people folder as a student's, and
    fast.ai's epoch times as a release build prints them on small data."""
    text = text.replace(os.path.join(workspace, "people"), "~/.reclab/people")
    row = re.compile(r"(?m)^(\d+ +(?:\d+\.\d{6}|#na#) +(?:\d+\.\d{6}|#na#) +(?:\d+\.\d{6}|#na#) +)\d\d:\d\d$")
    return row.sub(lambda m: m.group(1) + "00:00", text)


def output_text(output):
    if output.get("metadata", {}).get("reclab", {}).get("progress"):
        return ""  # the bar, which a terminal erases
    if output["output_type"] == "stream":
        return output["text"]
    if output["output_type"] in ("execute_result", "display_data"):
        return output["data"]["text/plain"] + "\n"
    if output["output_type"] == "error":
        return "error: " + output["evalue"] + "\n"
    return ""


class SessionNotebookTests(unittest.TestCase):
    """Each session script, as a notebook a teacher would hand out."""

    def run_session(self, name):
        path = os.path.join(REPOSITORY, "sessions", name + ".reclab")
        with open(path, encoding="utf-8") as f:
            cells = script_cells(f.read())
        notebook = nbformat.v4.new_notebook()
        notebook.metadata["kernelspec"] = {"name": "reclab", "display_name": "reclab", "language": "reclab"}
        # The transcripts are drawn 120 columns wide, as the test harness's terminal is.
        notebook.cells.append(nbformat.v4.new_code_cell("set width 120"))
        code_cells = []
        for lines in cells:
            if is_comment(lines):
                continue
            cell = nbformat.v4.new_code_cell("\n".join(lines))
            notebook.cells.append(cell)
            code_cells.append((lines, cell))
        started = time.time()
        # A fresh workspace per notebook, as the transcript tests have a fresh people folder.
        workspace = tempfile.mkdtemp(prefix="reclab-notebook-")
        self.addCleanup(shutil.rmtree, workspace, True)
        NotebookClient(notebook, timeout=600, kernel_name="reclab").execute(
            env={**os.environ, "RECLAB_WORKSPACE": workspace})
        seconds = time.time() - started
        nbformat.validate(notebook)
        # Rebuild the terminal's replay from the notebook: each cell echoed
        # after the prompt, then what it showed.
        out = []
        code = iter(code_cells)
        for lines in cells:
            if is_comment(lines):
                out.append("\n".join(lines) + "\n")
                continue
            _, cell = next(code)
            out.append("\n".join(("reclab> " if k == 0 else "   ...> ") + l for k, l in enumerate(lines)) + "\n")
            out.extend(output_text(o) for o in cell.outputs)
        got = normalized("".join(out), workspace)
        with open(os.path.join(REPOSITORY, "Tests", "RecLabShellTests", "Transcripts", name + ".txt"), encoding="utf-8") as f:
            expected = f.read()
        if got != expected:
            got_lines, want_lines = got.split("\n"), expected.split("\n")
            first = next((k for k, (a, b) in enumerate(zip(got_lines, want_lines)) if a != b), min(len(got_lines), len(want_lines)))
            self.fail(f"{name} as a notebook differs from its transcript at line {first + 1}:\n"
                      f"expected: {want_lines[first] if first < len(want_lines) else '<end>'}\n"
                      f"got:      {got_lines[first] if first < len(got_lines) else '<end>'}")
        print(f"{name}: {len(code_cells)} cells in {seconds:.1f} s", flush=True)


def comparable(outputs):
    """What a cell showed, as (kind, content): streams merged, tables by
    their HTML, charts by their SVG, errors by their message; progress left out."""
    shown = []
    for output in outputs:
        if output.get("metadata", {}).get("reclab", {}).get("progress"):
            continue
        kind = output["output_type"]
        if kind == "stream":
            if shown and shown[-1][0] == "stream":
                shown[-1] = ("stream", shown[-1][1] + output["text"])
            else:
                shown.append(("stream", output["text"]))
        elif kind in ("execute_result", "display_data"):
            data = output["data"]
            shown.append(("svg", data["image/svg+xml"]) if "image/svg+xml" in data else ("html", data["text/html"]))
        elif kind == "error":
            shown.append(("error", output["evalue"]))
    return shown


class ExportedNotebookTests(unittest.TestCase):
    """`reclab SCRIPT --export lab.ipynb` gives a notebook Jupyter opens and
    re-runs with the reclab kernel, to the same outputs."""

    def test_an_exported_lab_reruns_to_the_same_outputs(self):
        binary = os.environ["RECLAB_BINARY"]
        folder = tempfile.mkdtemp(prefix="reclab-export-")
        path = os.path.join(folder, "lab.ipynb")
        script = os.path.join(REPOSITORY, "sessions", "crashcourse.reclab")
        subprocess.run([binary, "--data", os.environ["RECLAB_TEST_DATA"], "--workspace", os.path.join(folder, "replay"),
                        script, "--export", path], check=True, stdout=subprocess.DEVNULL)
        exported = nbformat.read(path, as_version=4)
        nbformat.validate(exported)
        self.assertEqual(exported.metadata.kernelspec.name, "reclab")
        rerun = nbformat.read(path, as_version=4)
        NotebookClient(rerun, timeout=600, kernel_name="reclab").execute(
            env={**os.environ, "RECLAB_WORKSPACE": os.path.join(folder, "kernel")})
        pairs = [(a, b) for a, b in zip(exported.cells, rerun.cells) if a.cell_type == "code"]
        self.assertGreater(len(pairs), 10)
        for before, after in pairs:
            self.assertEqual(comparable(before.outputs), comparable(after.outputs), before.source)


def add_session_tests():
    folder = os.path.join(REPOSITORY, "sessions")
    for file in sorted(os.listdir(folder)):
        if file.endswith(".reclab"):
            name = file[: -len(".reclab")]
            setattr(SessionNotebookTests, "test_" + name.replace("-", "_"),
                    lambda self, name=name: self.run_session(name))


add_session_tests()

if __name__ == "__main__":
    unittest.main()
