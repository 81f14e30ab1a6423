"""Measures reclab's Jupyter kernel as a front end sees it.

  * kernel start: from starting the process to the first kernel_info_reply
    (jupyter_client's start_new_kernel, which waits for that);
  * a trivial cell's round trip: execute_request to execute_reply for
    `set rows 10`, after a warm-up, median of 200;
  * each sessions/*.reclab as a notebook run by nbclient against the
    terminal replay of the same script (`reclab --data … SCRIPT`).

Usage (a release build, its kernel spec installed into PREFIX):
  reclab kernel install --prefix PREFIX --data DATA
  JUPYTER_PATH=PREFIX/share/jupyter python measure_kernel.py RECLAB_BINARY DATA REPOSITORY
Needs jupyter_client and nbclient (scripts/jupyter-venv.sh makes a venv).
"""

import os
import statistics
import subprocess
import sys
import tempfile
import time

import nbformat
from jupyter_client.manager import start_new_kernel
from nbclient import NotebookClient

binary, data, repository = sys.argv[1:4]
# A script's cells as the kernel's tests split them (ScriptRunner.cells).
sys.path.insert(0, os.path.join(repository, "Tests", "RecLabKernelTests", "Jupyter"))
from test_kernel import is_comment, script_cells  # noqa: E402
env = {**os.environ, "RECLAB_WORKSPACE": tempfile.mkdtemp(prefix="reclab-bench-")}

starts = []
for _ in range(5):
    started = time.perf_counter()
    km, kc = start_new_kernel(kernel_name="reclab", env=env)
    starts.append(time.perf_counter() - started)
    if len(starts) < 5:
        kc.stop_channels()
        km.shutdown_kernel(now=True)
print(f"kernel start: median {statistics.median(starts) * 1000:.0f} ms (min {min(starts) * 1000:.0f}, of {len(starts)})")

for _ in range(20):
    kc.execute_interactive("set rows 10", timeout=30)
trips = []
for _ in range(200):
    started = time.perf_counter()
    reply = kc.execute_interactive("set rows 10", timeout=30)
    trips.append(time.perf_counter() - started)
    assert reply["content"]["status"] == "ok"
print(f"trivial cell round trip: median {statistics.median(trips) * 1000:.2f} ms "
      f"(p90 {sorted(trips)[int(len(trips) * 0.9)] * 1000:.2f}, of {len(trips)})")
kc.stop_channels()
km.shutdown_kernel(now=True)


for name in sorted(f[:-7] for f in os.listdir(os.path.join(repository, "sessions")) if f.endswith(".reclab")):
    script = os.path.join(repository, "sessions", name + ".reclab")
    with open(script, encoding="utf-8") as f:
        text = f.read()
    started = time.perf_counter()
    subprocess.run([binary, "--data", data, "--workspace", tempfile.mkdtemp(), script], check=True, stdout=subprocess.DEVNULL)
    terminal = time.perf_counter() - started
    notebook = nbformat.v4.new_notebook()
    for lines in script_cells(text):
        if not is_comment(lines):
            notebook.cells.append(nbformat.v4.new_code_cell("\n".join(lines)))
    started = time.perf_counter()
    NotebookClient(notebook, timeout=600, kernel_name="reclab").execute(
        env={**os.environ, "RECLAB_WORKSPACE": tempfile.mkdtemp()})
    jupyter = time.perf_counter() - started
    print(f"{name}: {len(notebook.cells)} cells; terminal replay {terminal:.2f} s, notebook by nbclient {jupyter:.2f} s "
          f"(+{(jupyter - terminal) * 1000:.0f} ms)")
