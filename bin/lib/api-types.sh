# docs/api-types.d.ts: the TypeScript types of the API, generated from docs/openapi.yaml by
# openapi-typescript, pinned (with its lock file) in bin/lib/api-types and installed there on first use.

api_types_dir() {
    echo "$1/bin/lib/api-types"
}

# Regenerates docs/api-types.d.ts into $2.
generate_api_types() {
    local root="$1" out="$2" dir
    dir="$(api_types_dir "$root")"
    if [ ! -x "$dir/node_modules/.bin/openapi-typescript" ]; then
        (cd "$dir" && npm ci --no-audit --no-fund --loglevel=error) >&2
    fi
    "$dir/node_modules/.bin/openapi-typescript" "$root/docs/openapi.yaml" -o "$out" >/dev/null
}

# Fails when docs/api-types.d.ts is not what docs/openapi.yaml gives; skipped, saying so, without Node.
check_api_types() {
    local root="$1" scratch
    if ! command -v node >/dev/null 2>&1 || ! command -v npm >/dev/null 2>&1; then
        echo "   skipped: node and npm are not on the PATH, so docs/api-types.d.ts is not checked"
        return 0
    fi
    scratch="$(mktemp -d)"
    if ! generate_api_types "$root" "$scratch/api-types.d.ts"; then
        rm -rf "$scratch"
        echo "error: openapi-typescript could not run (npm ci in bin/lib/api-types)" >&2
        return 1
    fi
    if ! diff -u "$root/docs/api-types.d.ts" "$scratch/api-types.d.ts"; then
        rm -rf "$scratch"
        echo "error: docs/api-types.d.ts is not what docs/openapi.yaml gives; regenerate it:" >&2
        echo "  (source bin/lib/api-types.sh && generate_api_types . docs/api-types.d.ts)" >&2
        return 1
    fi
    rm -rf "$scratch"
    echo "   current"
}
