#!/usr/bin/env bash
# HTTP benchmark of the release server against the real limit (run through
# `./platform bench`; issue 20, figures in docs/operations.md).
#
# In one run, at 8, 64 and 256 connections (BENCH_CONNECTIONS):
#  - nginx serving the signed-in module page's very bytes as a file: the
#    headline reference, the fastest these bytes can be served here;
#  - the platform's own static path with the same bytes;
#  - the pages a learner uses daily, signed in: the module page, the course
#    page, the catalog and the dashboard, each as a share of nginx;
#  - answer submits from BENCH_LEARNERS (64) different learners at once, each
#    connection its own learner, each answer graded and stored: a submit is
#    acknowledged with 200 and `null` (a refusal is a JSON error with its own
#    status), and afterwards every learner's page shows the answer as right.
# wrk runs one thread per connection (at most 64 threads), and a Lua
# `response` hook checks every response: the status and a text of the page
# itself (a sign-in redirect, an error page or a refusal does not count). Any
# response that fails the check is reported and makes the run fail. The same
# check runs for nginx, so both sides pay for it alike.
# After each level the server's resident memory (VmRSS) and its peak so far
# (VmHWM) are printed.
#
# Everything runs on 127.0.0.1, with a fresh SQLite database (or the
# PostgreSQL database in BENCH_DATABASE_URL). Needs wrk and nginx (`./platform
# bench` installs them). Results go to stdout.
set -euo pipefail

SERVER="${1:?usage: bench-http.sh path/to/server}"
PORT="${BENCH_PORT:-3220}"
NGINX_PORT="${BENCH_NGINX_PORT:-3221}"
DURATION="${BENCH_DURATION:-10s}"
LEVELS="${BENCH_CONNECTIONS:-8 64 256}"
LEARNERS="${BENCH_LEARNERS:-64}"
BASE="http://127.0.0.1:$PORT"
COURSE=participatie-in-de-praktijk
MODULE=waarom-participatie
PASSWORD="bench-wachtwoord-voor-iedereen-7"

for tool in wrk nginx curl python3; do
  command -v "$tool" >/dev/null || { echo "bench-http.sh needs $tool (./platform bench installs it)"; exit 1; }
done

tmp="$(mktemp -d)"
chmod 755 "$tmp"
DB="${BENCH_DATABASE_URL:-sqlite://$tmp/bench.db}"
export LEPTOS_SITE_ROOT="${LEPTOS_SITE_ROOT:-target/site}"
static_name="bench-$$.html"
cleanup() {
  [ -n "${pid:-}" ] && kill "$pid" 2>/dev/null || true
  [ -n "${nginx_pid:-}" ] && kill "$nginx_pid" 2>/dev/null || true
  rm -f "$LEPTOS_SITE_ROOT/$static_name"
  rm -rf "$tmp"
}
trap cleanup EXIT

# --- Data: the demo municipality and LEARNERS learners of our own ----------
DATABASE_URL="$DB" "$SERVER" seed-demo --people 0 >/dev/null
for i in $(seq -w 1 "$LEARNERS"); do
  echo "$PASSWORD" | DATABASE_URL="$DB" "$SERVER" create-user --email "bench$i@demodorp.example" \
    --name "Bench Leerling $i" --password-stdin >/dev/null
done

DATABASE_URL="$DB" LEPTOS_SITE_ADDR="127.0.0.1:$PORT" RUST_LOG=warn "$SERVER" serve >"$tmp/server.log" 2>&1 &
pid=$!
for _ in $(seq 1 100); do curl -fsS "$BASE/readyz" >/dev/null 2>&1 && break; sleep 0.2; done

sign_in() { # email → the session cookie
  curl -fsS -o /dev/null -D - -H 'Accept: text/html' -H "Referer: $BASE/inloggen" -H "Origin: $BASE" \
    --data-urlencode "email=$1" --data-urlencode "password=$2" --data 'next=%2Fmijn' "$BASE/api/sign_in" \
    | tr -d '\r' | sed -n 's/^[Ss]et-[Cc]ookie: \([^;]*\).*/\1/p' | head -n1
}
cookie="$(sign_in leerling@demodorp.example demo-wachtwoord)"
[ -n "$cookie" ] || { echo "sign-in failed"; cat "$tmp/server.log"; exit 1; }

memory() { # label → the server's resident memory now and at its peak
  awk -v l="$1" '/^VmRSS/ {r=$2} /^VmHWM/ {h=$2} END { printf "  server memory %s: %.0f MB resident, peak %.0f MB\n", l, r/1024, h/1024 }' "/proc/$pid/status"
}

# --- The pages, each with a text of its own that proves it is that page ----
page="$BASE/cursussen/$COURSE/$MODULE"
curl -fsS -H "Cookie: $cookie" "$page" >"$LEPTOS_SITE_ROOT/$static_name"
bytes=$(wc -c <"$LEPTOS_SITE_ROOT/$static_name")
# (label, path, text that only that page holds)
PAGES=(
  "module page|/cursussen/$COURSE/$MODULE|<h1>Waarom participatie"
  "course page|/cursussen/$COURSE|Participatie in de praktijk</h1>"
  "catalog|/|<h1>Cursussen</h1>"
  "dashboard|/mijn|<h1>Mijn leeromgeving</h1>"
)
for entry in "${PAGES[@]}"; do
  IFS='|' read -r label path text <<<"$entry"
  got="$(curl -sS -o "$tmp/check.html" -w '%{http_code}' -H "Cookie: $cookie" "$BASE$path")"
  if [ "$got" != 200 ] || ! grep -qF "$text" "$tmp/check.html"; then
    echo "the $label ($path) did not render as expected: status $got, looked for: $text"
    exit 1
  fi
done
module_text="$(IFS='|' read -r _ _ t <<<"${PAGES[0]}"; echo "$t")"

# --- nginx with the same bytes -------------------------------------------------
mkdir -p "$tmp/html"
cp "$LEPTOS_SITE_ROOT/$static_name" "$tmp/html/page.html"
chmod -R a+rX "$tmp/html"
cat >"$tmp/nginx.conf" <<EOF
worker_processes 2;
daemon off;
pid $tmp/nginx.pid;
error_log $tmp/nginx-error.log;
events { worker_connections 2048; }
http {
  access_log off;
  sendfile on;
  tcp_nodelay on;
  keepalive_requests 1000000;
  client_body_temp_path $tmp;
  proxy_temp_path $tmp;
  fastcgi_temp_path $tmp;
  uwsgi_temp_path $tmp;
  scgi_temp_path $tmp;
  server { listen 127.0.0.1:$NGINX_PORT; root $tmp/html; }
}
EOF
nginx -e "$tmp/nginx-error.log" -c "$tmp/nginx.conf" &
nginx_pid=$!
for _ in $(seq 1 50); do
  curl -fsS -o /dev/null "http://127.0.0.1:$NGINX_PORT/page.html" 2>/dev/null && break
  sleep 0.1
done

# --- The check: every response's status and text ------------------------------
# One Lua script per run, written by check_lua: wrk's `response` hook counts
# every response that fails the check, and `done` prints
#   CHECK <failed> <requests>, SILENT <connections without one good answer>,
#   FIRST_BAD <status and start of the first failed response>.
#   check_lua FILE page TEXT [COOKIE]   a 200 whose body holds TEXT
#   check_lua FILE answers LEARNERS BASE
#                                       a 200 with body `null` (an answer stored);
#                                       connection n posts as learner n of the
#                                       LEARNERS file (cookie TAB form body)
check_lua() {
  python3 - "$@" <<'PY'
import json, sys
path, mode = sys.argv[1:3]
if mode == "page":
    text, cookie = sys.argv[3], sys.argv[4] if len(sys.argv) > 4 else ""
    prelude = f'local expected = {json.dumps(text)}\n'
    if cookie:
        prelude += f'wrk.headers["Cookie"] = {json.dumps(cookie)}\n'
    good = "status == 200 and string.find(body, expected, 1, true) ~= nil"
    setup_extra, init_extra = "", ""
else:
    learners, base = sys.argv[3:5]
    rows = [l.rstrip("\n").split("\t") for l in open(learners) if l.strip()]
    table = ",\n".join("{%s, %s}" % (json.dumps(c), json.dumps(b)) for c, b in rows)
    prelude = f"local learners = {{\n{table}\n}}\n"
    good = 'status == 200 and body == "null"'
    setup_extra = '  thread:set("me", ((#threads - 1) % #learners) + 1)\n'
    init_extra = f"""  local l = learners[me]
  wrk.method = "POST"
  wrk.body = l[2]
  wrk.headers["Content-Type"] = "application/x-www-form-urlencoded"
  wrk.headers["Accept"] = "application/json"
  wrk.headers["Cookie"] = l[1]
  wrk.headers["Origin"] = {json.dumps(base)}
"""
lua = prelude + f"""local threads = {{}}
function setup(thread)
  table.insert(threads, thread)
{setup_extra}end
function init(args)
  bad = 0; good = 0; first_bad = ""
{init_extra}end
function response(status, headers, body)
  if {good} then
    good = good + 1
  else
    bad = bad + 1
    if first_bad == "" then first_bad = status .. " " .. string.sub(body, 1, 120) end
  end
end
function done(summary, latency, requests)
  local b, first, silent = 0, "", 0
  for _, t in ipairs(threads) do
    b = b + t:get("bad")
    if first == "" then first = t:get("first_bad") end
    if t:get("good") == 0 then silent = silent + 1 end
  end
  io.write("CHECK " .. b .. " " .. summary.requests .. "\\n")
  io.write("SILENT " .. silent .. "\\n")
  if b > 0 then io.write("FIRST_BAD " .. first .. "\\n") end
end
"""
open(path, "w").write(lua)
PY
}

failed=0
declare -A RPS
run_wrk() { # key, label, connections, script, url
  local key="$1" label="$2" c="$3" script="$4" url="$5"
  local threads=$(( c < 64 ? c : 64 ))
  local out
  out="$(wrk -t"$threads" -c"$c" -d"$DURATION" --latency -s "$script" "$url")"
  local rps p50 p99 bad total
  rps="$(echo "$out" | awk '/Requests\/sec/ {print $2}')"
  p50="$(echo "$out" | awk '$1=="50%" {print $2}')"
  p99="$(echo "$out" | awk '$1=="99%" {print $2}')"
  read -r bad total <<<"$(echo "$out" | awk '/^CHECK/ {print $2, $3}')"
  RPS[$key]="$rps"
  local share=""
  if [ -n "${RPS[nginx$c]:-}" ] && [ "$key" != "nginx$c" ] && [ "$key" != submits ]; then
    share="$(awk -v p="$rps" -v n="${RPS[nginx$c]}" 'BEGIN { printf "%5.1f %% of nginx", 100 * p / n }')"
  fi
  printf '  %-34s %9s req/s  p50 %8s  p99 %8s  %s\n' "$label" "$rps" "$p50" "$p99" "$share"
  echo "$out" | sed -n 's/^  Socket errors: /    socket errors: /p'
  echo "$out" | awk '/^SILENT/ && $2 > 0 { print "    " $2 " connection(s) got no answer acknowledged" }'
  echo "$out" >"$tmp/last_wrk.txt"
  if [ "${bad:-x}" != 0 ]; then
    echo "    FAILED CHECK: ${bad:-?} of ${total:-?} responses were not 200 with the page's own text"
    echo "$out" | sed -n 's/^FIRST_BAD /    first: /p'
    failed=1
  fi
}

check_lua "$tmp/nginx.lua" page "$module_text"
check_lua "$tmp/static.lua" page "$module_text"
for entry in "${PAGES[@]}"; do
  IFS='|' read -r label path text <<<"$entry"
  check_lua "$tmp/${label// /_}.lua" page "$text" "$cookie"
done

# --- Answer submits: each connection its own learner --------------------------
# The page names options by opaque tokens per learner: find, for every
# learner, the token of the option whose label is the best option's text,
# as a person finds it.
"$SERVER" check content --format json >"$tmp/model.json"
: >"$tmp/learners.txt"
for i in $(seq -w 1 "$LEARNERS"); do
  c="$(sign_in "bench$i@demodorp.example" "$PASSWORD")"
  [ -n "$c" ] || { echo "sign-in of bench$i failed"; exit 1; }
  curl -fsS -H "Cookie: $c" "$page" >"$tmp/learner.html"
  answer="$(python3 -c '
import html, json, re, sys
m = json.load(open(sys.argv[1]))
page = open(sys.argv[2]).read()
course = next(c for c in m["catalog"]["courses"] if c["id"] == sys.argv[3])
mod = next(x for x in course["modules"] if x["id"] == sys.argv[4])
q = next(q for q in mod["questions"] if q["answer"]["type"] == "single")
best = max(q["answer"]["options"], key=lambda o: o["weight"])
for input_id, value in re.findall(r"<input[^>]*id=\"(vraag-%s-o\d+)\"[^>]*value=\"([^\"]+)\"" % re.escape(q["id"]), page):
    label = re.search(r"<label for=\"%s\"[^>]*>(.*?)</label>" % input_id, page, re.S).group(1)
    if html.unescape(label) == html.unescape(best["html"]):
        print("course_id=%s&module_id=%s&question_id=%s&f%%5B%s.c%%5D=%s" % (sys.argv[3], sys.argv[4], q["id"], q["id"], value))
        break
else:
    sys.exit("no option on the page has the text of the best option")
' "$tmp/model.json" "$tmp/learner.html" "$COURSE" "$MODULE")"
  printf '%s\t%s\n' "$c" "$answer" >>"$tmp/learners.txt"
done
check_lua "$tmp/answer.lua" answers "$tmp/learners.txt" "$BASE"

# --- The run -----------------------------------------------------------------
echo "Module page: $bytes bytes of HTML. $DURATION per figure; wrk: one thread per connection (at most 64); every response checked."
for c in $LEVELS; do
  echo "$c connections:"
  run_wrk "nginx$c" "nginx, same bytes (reference)" "$c" "$tmp/nginx.lua" "http://127.0.0.1:$NGINX_PORT/page.html"
  run_wrk "static$c" "platform static path, same bytes" "$c" "$tmp/static.lua" "$BASE/$static_name"
  for entry in "${PAGES[@]}"; do
    IFS='|' read -r label path _ <<<"$entry"
    run_wrk "${label}$c" "signed-in $label" "$c" "$tmp/${label// /_}.lua" "$BASE$path"
  done
  memory "after $c connections"
done
echo "answer submits, $LEARNERS learners at once (one connection each):"
run_wrk "submits" "answer submits (graded + stored)" "$LEARNERS" "$tmp/answer.lua" "$BASE/api/answer"
right=0
n=0
while IFS=$'\t' read -r c _; do
  n=$((n + 1))
  status="$(curl -sS -o "$tmp/after.html" -w '%{http_code}' -H "Cookie: $c" "$page")"
  if grep -q 'Goed!' "$tmp/after.html"; then
    right=$((right + 1))
  else
    echo "    learner $n: status $status, the page does not show the answer as right"
  fi
done <"$tmp/learners.txt"
echo "  stored and graded: $right of $LEARNERS learners' pages show their answer as right"
[ "$right" = "$((10#$LEARNERS))" ] || failed=1
memory "at the end"
exit "$failed"
