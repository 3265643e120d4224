# Builds what the local stack runs, skipping the build when nothing changed since the last one.
# Sourced by bin/ scripts.

# Runs Maven quietly: its output only when it fails.
quiet_mvn() {
    local output
    if ! output="$(mvn -B -ntp -q -Dstyle.color=never "$@" 2>&1)"; then
        printf '%s\n' "$output" >&2
        return 1
    fi
}

# The function code laid out as `sam build` packages it: functions/target/classes and the runtime
# jars in functions/target/dependency (SAM runs the same copy-dependencies goal).
build_function_code() {
    local root="$1"
    rm -rf "$root/functions/target/dependency"
    (cd "$root/functions" && quiet_mvn -DskipTests install dependency:copy-dependencies -DincludeScope=runtime)
}

build_local_stack() {
    local root="$1"
    local stamp="$root/local-stack/target/.built"
    if [ -f "$stamp" ] && [ -z "$(cd "$root" && find pom.xml build-parent/pom.xml template.yaml functions/pom.xml \
            functions/src tools/pom.xml tools/src local-stack/pom.xml local-stack/src -newer "$stamp" -print -quit)" ]; then
        return 0
    fi
    echo "== building (first run, or the code changed)"
    build_function_code "$root"
    # build-parent too: the installed tools and local-stack POMs name it, and bin/benchmark reads them from there.
    (cd "$root" && quiet_mvn -DskipTests install -pl build-parent,tools,local-stack)
    touch "$stamp"
}
