#!/usr/bin/env bash
# Stepwise and MiniStack side by side, in one session, with the same sfn_bench.py arguments
# for every workload of ../shared/bench/peers.md, each on a fresh server (--server-pid set);
# then a table with the ratio Stepwise ÷ MiniStack.
#
#   scripts/bench-side-by-side.sh [--small] [--no-build | --binary PATH] [--shared DIR] [--out DIR]
#
# --small    divides the executions by ~5 (a quick check that everything runs; not a measurement)
# --no-build uses the release build already in .build/release
# --binary   uses this stepwise executable instead of building one (e.g. a debug build, to check the script)
# --shared   the folder holding sfn_bench.py and start_ministack.sh (default ../shared/bench)
# --out      where the JSON results go (default a fresh temporary folder)
# Needs python3 with boto3, and MiniStack in ~/.venv-ministack (or MINISTACK_VENV):
#   python3 -m venv ~/.venv-ministack && ~/.venv-ministack/bin/pip install ministack
# Everything listens on 127.0.0.1 only.
set -euo pipefail
ROOT="$(cd "$(dirname "$0")/.." && pwd)"
SHARED="$ROOT/../shared/bench"
SMALL=0 BUILD=1 OUT="" STEPWISE=""
while [ $# -gt 0 ]; do
  case "$1" in
    --small) SMALL=1 ;;
    --no-build) BUILD=0 ;;
    --binary) STEPWISE="$2"; BUILD=0; shift ;;
    --shared) SHARED="$2"; shift ;;
    --out) OUT="$2"; shift ;;
    *) echo "unknown argument $1" >&2; exit 2 ;;
  esac
  shift
done
SHARED="$(cd "$SHARED" && pwd)"
OUT="${OUT:-$(mktemp -d "${TMPDIR:-/tmp}/stepwise-side-by-side.XXXXXX")}"
mkdir -p "$OUT"
BENCH="$SHARED/sfn_bench.py"
[ -f "$BENCH" ] || { echo "no $BENCH" >&2; exit 2; }
VENV="${MINISTACK_VENV:-$HOME/.venv-ministack}"
if [ ! -x "$VENV/bin/ministack" ]; then
  echo "installing MiniStack into $VENV" >&2
  python3 -m venv "$VENV" && "$VENV/bin/pip" install -q ministack
fi

if [ "$BUILD" = 1 ]; then (cd "$ROOT" && swift build -c release --product stepwise); fi
STEPWISE="${STEPWISE:-$ROOT/.build/release/stepwise}"
[ -x "$STEPWISE" ] || { echo "no $STEPWISE (build it, or drop --no-build)" >&2; exit 2; }

# name | sfn_bench arguments (peers.md), full size | small size
WORKLOADS=(
  "callback-burst|--workload callback --executions 500 --concurrency 8|--workload callback --executions 100 --concurrency 8"
  "callback-paced|--workload callback --rate 20 --executions 200 --concurrency 4|--workload callback --rate 20 --executions 40 --concurrency 4"
  "pass-chain|--workload pass-chain --executions 20 --concurrency 4|--workload pass-chain --executions 5 --concurrency 4"
  "wait-many|--workload wait-many --executions 2000 --concurrency 8|--workload wait-many --executions 300 --concurrency 8 --idle-window 1"
  "activity-callback|--workload activity-callback --executions 50 --concurrency 2|--workload activity-callback --executions 10 --concurrency 2"
)
COLD_RUNS=5; [ "$SMALL" = 1 ] && COLD_RUNS=3

free_port() { python3 -c 'import socket; s=socket.socket(); s.bind(("127.0.0.1",0)); print(s.getsockname()[1])'; }
answers() { curl -fsS -m 1 -X POST "http://127.0.0.1:$1/" -H 'Content-Type: application/x-amz-json-1.0' \
  -H 'X-Amz-Target: AWSStepFunctions.ListStateMachines' -d '{}' >/dev/null 2>&1; }
SERVER_PID=""
stop_server() {
  if [ -n "$SERVER_PID" ] && kill -0 "$SERVER_PID" 2>/dev/null; then
    kill "$SERVER_PID" 2>/dev/null || true
    for _ in $(seq 1 100); do kill -0 "$SERVER_PID" 2>/dev/null || break; sleep 0.1; done
    kill -9 "$SERVER_PID" 2>/dev/null || true
  fi
  SERVER_PID=""
}
trap stop_server EXIT

# start_<peer> PORT: starts a fresh server, sets SERVER_PID, returns once it answers.
start_stepwise() {
  local data="$OUT/stepwise-$1.sqlite"
  rm -f "$data" "$data-wal" "$data-shm"
  "$STEPWISE" serve --port "$1" --data "$data" --log-level warning >"$OUT/stepwise-$1.log" 2>&1 &
  SERVER_PID=$!
  for _ in $(seq 1 500); do answers "$1" && return 0; sleep 0.02; done
  echo "stepwise serve did not answer; log: $OUT/stepwise-$1.log" >&2; return 1
}
start_ministack() {
  SERVER_PID="$(MINISTACK_VENV="$VENV" MINISTACK_LOG="$OUT/ministack-$1.log" "$SHARED/start_ministack.sh" "$1")"
}

for peer in stepwise ministack; do
  for entry in "${WORKLOADS[@]}"; do
    IFS='|' read -r name full small <<<"$entry"
    args="$full"; [ "$SMALL" = 1 ] && args="$small"
    port="$(free_port)"
    "start_$peer" "$port"
    extra=""; [ "$peer" = ministack ] && extra="--server-cores 1"   # one Python process (peers.md)
    echo "== $peer $name: sfn_bench.py $args" >&2
    # shellcheck disable=SC2086
    python3 "$BENCH" --endpoint "http://127.0.0.1:$port" $args --server-pid "$SERVER_PID" $extra \
      --label "$peer" --json "$OUT/$peer-$name.json" >"$OUT/$peer-$name.log" 2>&1 \
      || echo "   (sfn_bench reported a problem: see $OUT/$peer-$name.log)" >&2
    tail -n 3 "$OUT/$peer-$name.log" | sed -n "1,2p" >&2
    stop_server
  done
done

# Cold start: process start → first answered ListStateMachines, median of COLD_RUNS.
echo "== cold start ($COLD_RUNS runs each)" >&2
"$STEPWISE" bench cold-start --runs "$COLD_RUNS" --json | tail -n 1 >"$OUT/stepwise-cold-start.json"
python3 - "$SHARED/start_ministack.sh" "$VENV" "$COLD_RUNS" "$OUT" >"$OUT/ministack-cold-start.json" <<'PY'
import json, os, signal, socket, statistics, subprocess, sys, time, urllib.request
script, venv, runs, out = sys.argv[1], sys.argv[2], int(sys.argv[3]), sys.argv[4]
def port():
    s = socket.socket(); s.bind(("127.0.0.1", 0)); p = s.getsockname()[1]; s.close(); return p
times = []
for i in range(runs):
    p = port()
    env = dict(os.environ, MINISTACK_VENV=venv, MINISTACK_LOG=f"{out}/ministack-cold-{p}.log")
    t0 = time.perf_counter()
    proc = subprocess.Popen([script, str(p)], stdout=subprocess.PIPE, env=env, text=True)
    req = urllib.request.Request(f"http://127.0.0.1:{p}/", data=b"{}", method="POST", headers={
        "Content-Type": "application/x-amz-json-1.0", "X-Amz-Target": "AWSStepFunctions.ListStateMachines"})
    while True:
        try:
            urllib.request.urlopen(req, timeout=1).read(); break
        except Exception:
            if time.perf_counter() - t0 > 30: break
            time.sleep(0.002)
    times.append(time.perf_counter() - t0)
    pid = int((proc.communicate()[0] or "0").strip().splitlines()[-1])
    if pid: os.kill(pid, signal.SIGTERM)
    time.sleep(0.5)
print(json.dumps({"bench": "cold-start", "ok": True, "results": {"median_ms": round(statistics.median(times) * 1000, 2),
                  "runs": len(times), "min_ms": round(min(times) * 1000, 2), "max_ms": round(max(times) * 1000, 2)}}))
PY

python3 - "$OUT" <<'PY'
import json, os, sys
out = sys.argv[1]
def load(peer, name):
    try:
        with open(os.path.join(out, f"{peer}-{name}.json")) as f:
            return json.load(f)
    except (OSError, ValueError):
        return None
def get(doc, *path):
    for k in path:
        if not isinstance(doc, dict): return None
        doc = doc.get(k)
    return doc
def cpu_ms(doc):
    cpu, n = get(doc, "results", "phase", "server_cpu_s"), get(doc, "results", "succeeded")
    return round(1000 * cpu / n, 3) if cpu is not None and n else None
def bytes_per(doc):
    return get(doc, "results", "memory", "bytes_per_waiting_execution")
rows = [  # label, workload, figure, higher is better
    ("callback burst, executions/s", "callback-burst", lambda d: get(d, "results", "executions_per_s"), True),
    ("callback burst, server CPU ms/execution", "callback-burst", cpu_ms, False),
    ("callback paced, resume p50 ms (polled)", "callback-paced", lambda d: get(d, "results", "latency", "resume_polled", "p50_ms"), False),
    ("callback paced, resume p99 ms (polled)", "callback-paced", lambda d: get(d, "results", "latency", "resume_polled", "p99_ms"), False),
    ("pass-chain, transitions/s", "pass-chain", lambda d: get(d, "results", "transitions_per_s"), True),
    ("wait-many, RSS bytes/waiting execution", "wait-many", bytes_per, False),
    ("wait-many, drain executions/s", "wait-many", lambda d: get(d, "results", "drain_executions_per_s"), True),
    ("activity-callback, executions/s", "activity-callback", lambda d: get(d, "results", "executions_per_s"), True),
    ("cold start, median ms", "cold-start", lambda d: get(d, "results", "median_ms"), False),
]
def cell(v):
    return "—" if v is None else (f"{v:,.0f}" if abs(v) >= 100 else f"{v:,.2f}")
print(f"{'workload':44} {'Stepwise':>12} {'MiniStack':>12} {'S÷M':>9} {'Stepwise better by':>19}")
for label, name, fig, higher in rows:
    s, m = load("stepwise", name), load("ministack", name)
    sv = fig(s) if s and s.get("ok") else None
    mv = fig(m) if m and m.get("ok") else None
    ratio = sv / mv if sv is not None and mv else None
    better = None if ratio is None or ratio == 0 else (ratio if higher else 1 / ratio)
    flag = "" if (s is None or s.get("ok")) and (m is None or m.get("ok")) else "  (a run failed: see the logs)"
    print(f"{label:44} {cell(sv):>12} {cell(mv):>12} {cell(ratio):>9} {('×' + cell(better)) if better else '—':>19}{flag}")
print(f"\nresults and logs: {out}")
PY
