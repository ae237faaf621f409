#!/usr/bin/env bash
# Measures what Postmortem.Analyzers costs in a real build of one of your projects.
#
#   benchmarks/measure-build.sh path/to/Project.csproj [repeats] [extra MSBuild arguments...]
#
# The project must restore and build on this machine. Each repeat rebuilds the project (not its references) twice:
#   1. without analyzers (-p:RunAnalyzers=false): the compiler's own time, the Csc task of the build;
#   2. with this repository's analyzers attached and -p:ReportAnalyzer=true: the time each rule spends in its
#      callbacks, as the compiler reports it.
# The .NET analyzers of the SDK are switched off in both builds so that only the compiler and our rules are timed.
# The minimum over the repeats is reported for each figure (a busy machine only ever adds time). Multi-targeted
# projects are built for one target framework: set it with -p:TargetFrameworks=net10.0 (or any one the project has).
#
# By default the builds go through the compiler server, as local builds do: one untimed build first loads and compiles
# (JIT) the compiler and the analyzers, and the timed ones measure the analysis itself. COLD=1 starts a new compiler
# process for every build instead (UseSharedCompilation=false, common in CI), which adds the loading and JIT of every
# analyzer to its time: a fixed cost per project, large next to a small project.
#
# ONLY=PM0005,PM0006 runs just those rules (the others are disabled in a global config): each rule timed alone, without
# the other rules' threads competing for the same cores.
set -euo pipefail

if [[ $# -lt 1 ]]; then
    sed -n '2,/^set -euo/p' "$0" | sed '$d' | sed 's/^# \{0,1\}//'
    exit 2
fi

project=$(realpath "$1")
repeats=${2:-3}
shift $(( $# >= 2 ? 2 : 1 ))
root=$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)
work=$(mktemp -d)
trap 'rm -rf "$work"' EXIT

dotnet build "$root/src/Analyzers" -c Release -o "$work/analyzers" -nologo -v:q >/dev/null
{
    echo "is_global = true"
    if [[ -n "${ONLY:-}" ]]; then
        for id in $(sed -n 's/^\(PM[0-9]\{4\}\) *|.*/\1/p' "$root/src/Analyzers/AnalyzerReleases.Unshipped.md" "$root/src/Analyzers/AnalyzerReleases.Shipped.md" | sort -u); do
            [[ ",$ONLY," == *",$id,"* ]] || echo "dotnet_diagnostic.$id.severity = none"
        done
    fi
} >"$work/rules.globalconfig"

cat >"$work/attach.targets" <<EOF
<Project>
  <ItemGroup>
    <Analyzer Include="$work/analyzers/Postmortem.Analyzers.dll" />
    <!-- GlobalAnalyzerConfigFiles turns into EditorConfigFiles before this file is imported: add it as the latter. -->
    <EditorConfigFiles Include="$work/rules.globalconfig" />
  </ItemGroup>
</Project>
EOF

# The referenced projects once, so that each timed build compiles the project alone.
dotnet build "$project" -c Release -p:RunAnalyzers=false -nologo -v:q "$@" >/dev/null

shared=true
if [[ "${COLD:-0}" == 1 ]]; then
    shared=false
fi

common=(-c Release --no-restore -t:Rebuild -p:BuildProjectReferences=false -p:EnableNETAnalyzers=false -p:UseSharedCompilation=$shared -clp:PerformanceSummary -nologo "$@")
if [[ $shared == true ]]; then
    # A fresh compiler server: one that has already loaded other copies of the analyzers, and grown its heap compiling
    # other projects, makes every figure larger and varies from run to run.
    dotnet build-server shutdown >/dev/null 2>&1 || true
    dotnet build "$project" "${common[@]}" -p:CustomBeforeMicrosoftCommonTargets="$work/attach.targets" -v:q >/dev/null 2>&1
fi

for i in $(seq "$repeats"); do
    dotnet build "$project" "${common[@]}" -p:RunAnalyzers=false -v:n >"$work/compiler-$i.log" 2>&1
    dotnet build "$project" "${common[@]}" -p:ReportAnalyzer=true -p:CustomBeforeMicrosoftCommonTargets="$work/attach.targets" -v:d >"$work/analyzers-$i.log" 2>&1
done

python3 - "$work" "$repeats" "$project" <<'PY'
import os, re, sys

work, repeats, project = sys.argv[1], int(sys.argv[2]), sys.argv[3]

def csc_ms(path):
    for line in open(path, errors="replace"):
        match = re.match(r"\s*(\d+) ms\s+Csc\s+\d+ calls", line)
        if match:
            return int(match.group(1))
    raise SystemExit(f"no Csc time in {path}: did the build fail?")

compiler = min(csc_ms(f"{work}/compiler-{i}.log") for i in range(1, repeats + 1))
rules = {}
for i in range(1, repeats + 1):
    for line in open(f"{work}/analyzers-{i}.log", errors="replace"):
        match = re.match(r"\s*(<?[\d.]+)\s+\S+\s+Postmortem\.Analyzers\.Rules\.\S+\.(PM\d{4})\w+", line)
        if match:
            seconds = 0.0 if match.group(1).startswith("<") else float(match.group(1))
            rules[match.group(2)] = min(rules.get(match.group(2), float("inf")), seconds * 1000)

mode = "new compiler process per build" if os.environ.get("COLD") == "1" else "compiler server, warm"
print(f"{os.path.basename(project)}: compiler (Csc, without analyzers) {compiler} ms, minimum of {repeats} ({mode})")
print("| Rule | Time (ms) | % of compiler time |")
print("|---|---:|---:|")
for rule, ms in sorted(rules.items()):
    print(f"| {rule} | {ms:.0f} | {100 * ms / compiler:.1f} % |")
total = sum(rules.values())
print(f"| All rules | {total:.0f} | {100 * total / compiler:.1f} % |")
PY
