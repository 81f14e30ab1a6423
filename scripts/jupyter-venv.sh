# Sourced by .ci/run (and by hand, for the kernel's client tests): makes a
# Python venv holding the Jupyter clients the tests drive the kernel with.
# The project's code stays Swift; these only play the front end.

RECLAB_JUPYTER_PACKAGES=(
    "jupyter_client==8.10.0"
    "jupyter_kernel_test==0.7.0"
    "nbformat==5.11.1"
    "nbclient==0.11.0"
)

# Makes (or reuses) the venv at $1 with the packages above.
reclab_jupyter_venv() {
    local venv="$1"
    if [[ -x "$venv/bin/python" ]] && "$venv/bin/python" -c "import jupyter_client, jupyter_kernel_test, nbformat, nbclient" 2>/dev/null; then
        return 0
    fi
    if ! python3 -m venv "$venv" >/dev/null 2>&1; then
        echo "jupyter-venv: python3 -m venv failed; install python3-venv and try again" >&2
        return 1
    fi
    local log; log="$(mktemp)"
    if ! "$venv/bin/pip" install -q "${RECLAB_JUPYTER_PACKAGES[@]}" >"$log" 2>&1; then
        cat "$log" >&2; rm -f "$log"
        echo "jupyter-venv: pip could not install the Jupyter clients" >&2
        return 1
    fi
    rm -f "$log"
}
