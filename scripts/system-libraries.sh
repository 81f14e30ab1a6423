# Sourced by ./reclab and ./run-tests: makes sure the C libraries reclab
# builds against are installed, before the compiler can fail on a missing
# header.
#
# As root (as CI runs), what is missing is installed with apt-get; anyone
# else is shown the one line to run, and the caller stops. Adding a system
# library to Package.swift means adding it to REQUIRED below, once.

# Each entry: Debian package, then the header that proves it is installed.
RECLAB_REQUIRED=(
    "libedit-dev:editline/readline.h"   # the line editor (Sources/CEditLine)
    "zlib1g-dev:zlib.h"                 # unzipping downloaded releases (ZIPFoundation)
    "libzmq3-dev:zmq.h"                 # the Jupyter kernel's transport (Sources/CZeroMQ)
    "libopenblas-dev:openblas-pthread/cblas.h"  # LAPACK, for ease's inverse (Sources/CLapack)
)

# Whether HEADER is in a folder the compiler searches by default.
reclab_has_header() {
    local folder
    for folder in /usr/include /usr/local/include /usr/include/"$(uname -m)"-linux-gnu; do
        [[ -e "$folder/$1" ]] && return 0
    done
    return 1
}

# Prints the packages of RECLAB_REQUIRED whose header is missing.
reclab_missing_packages() {
    local entry missing=()
    for entry in "${RECLAB_REQUIRED[@]}"; do
        reclab_has_header "${entry#*:}" || missing+=("${entry%%:*}")
    done
    echo "${missing[*]:-}"
}

# Installs the missing packages (root), or says how to (anyone else) and
# returns 1. $1 is the name to put before messages.
reclab_require_system_libraries() {
    local me="$1" missing
    if ! command -v swift >/dev/null 2>&1; then
        echo "$me: Swift is not installed (or not on PATH); install Swift 6 from https://www.swift.org/install/linux/ and try again" >&2
        return 1
    fi
    missing="$(reclab_missing_packages)"
    [[ -z "$missing" ]] && return 0
    if ! command -v apt-get >/dev/null 2>&1; then
        echo "$me: needs the development files of these C libraries (Debian: $missing); install them with your package manager and try again" >&2
        return 1
    fi
    if [[ "$(id -u)" -ne 0 ]]; then
        echo "$me: needs $missing to build; run this once, then try again:" >&2
        echo "    sudo apt-get install -y $missing" >&2
        return 1
    fi
    echo "$me: installing $missing (apt-get)…" >&2
    export DEBIAN_FRONTEND=noninteractive
    local log; log="$(mktemp)"
    if ! { apt-get update -qq && apt-get install -y -qq $missing; } >"$log" 2>&1; then
        cat "$log" >&2; rm -f "$log"
        echo "$me: apt-get could not install $missing; install them and try again" >&2
        return 1
    fi
    rm -f "$log"
    missing="$(reclab_missing_packages)"
    if [[ -n "$missing" ]]; then
        echo "$me: $missing installed, but its headers are still missing; check the installation and try again" >&2
        return 1
    fi
}
