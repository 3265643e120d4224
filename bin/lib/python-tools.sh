# Puts moto_server and cfn-lint on the PATH: the ones already there, or else the versions pinned in
# requirements-dev.txt, installed once into the project's own .venv. Sourced by bin/ scripts.

python_tools_ready() {
    command -v moto_server >/dev/null 2>&1 && command -v cfn-lint >/dev/null 2>&1
}

ensure_python_tools() {
    local root="$1"
    if python_tools_ready; then
        return 0
    fi
    if [ ! -x "$root/.venv/bin/moto_server" ] || [ ! -x "$root/.venv/bin/cfn-lint" ]; then
        if ! command -v python3 >/dev/null 2>&1; then
            echo "error: moto_server and cfn-lint are not on the PATH, and Python 3 (3.9 or newer, with venv) is" >&2
            echo "       needed to install them. Install python3 (Debian/Ubuntu: apt-get install python3 python3-venv)." >&2
            return 1
        fi
        echo "== installing moto and cfn-lint (requirements-dev.txt) into .venv"
        python3 -m venv "$root/.venv"
        "$root/.venv/bin/python" -m pip install --quiet --disable-pip-version-check -r "$root/requirements-dev.txt"
    fi
    export PATH="$root/.venv/bin:$PATH"
    python_tools_ready
}
