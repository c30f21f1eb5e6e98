#!/usr/bin/env bash
# HTTP benchmark of the release server (run through `./platform bench`).
#
#  1. A signed-in learner's module page under load (wrk, 256 connections),
#     compared in the same run with the very same HTML bytes served as a
#     static file by the same server: the cost of rendering and of the
#     database queries behind the page. When nginx is installed, the same
#     bytes from nginx too, for reference; and the page once more as a
#     browser asks for it, compressed.
#  2. Answer submits per second: the learner posts an answer (graded and
#     stored in its own transaction) as fast as the server takes them.
#
# Everything runs on 127.0.0.1, with a fresh SQLite database (or the
# PostgreSQL database in BENCH_DATABASE_URL). Results go to stdout.
set -euo pipefail

SERVER="${1:?usage: bench-http.sh path/to/server}"
PORT="${BENCH_PORT:-3220}"
NGINX_PORT="${BENCH_NGINX_PORT:-3221}"
DURATION="${BENCH_DURATION:-10s}"
CONNECTIONS="${BENCH_CONNECTIONS:-256}"
BASE="http://127.0.0.1:$PORT"
COURSE=participatie-in-de-praktijk
MODULE=waarom-participatie

tmp="$(mktemp -d)"
DB="${BENCH_DATABASE_URL:-sqlite://$tmp/bench.db}"
export LEPTOS_SITE_ROOT="${LEPTOS_SITE_ROOT:-target/site}"
static_name="bench-$$.html"
cleanup() {
  [ -n "${pid:-}" ] && kill "$pid" 2>/dev/null || true
  [ -n "${nginx_pid:-}" ] && kill "$nginx_pid" 2>/dev/null || true
  [ -n "${ngx:-}" ] && rm -rf "$ngx"
  rm -f "$LEPTOS_SITE_ROOT/$static_name"
  rm -rf "$tmp"
}
trap cleanup EXIT

DATABASE_URL="$DB" "$SERVER" seed-demo >/dev/null
DATABASE_URL="$DB" LEPTOS_SITE_ADDR="127.0.0.1:$PORT" RUST_LOG=warn "$SERVER" serve >"$tmp/server.log" 2>&1 &
pid=$!
for _ in $(seq 1 100); do curl -fsS "$BASE/readyz" >/dev/null 2>&1 && break; sleep 0.2; done

# Sign in as the demo learner; keep the session cookie.
cookie="$(curl -fsS -o /dev/null -D - -H 'Accept: text/html' -H "Referer: $BASE/inloggen" -H "Origin: $BASE" \
  --data 'email=leerling%40demodorp.example&password=demo-wachtwoord&next=%2Fmijn' "$BASE/api/sign_in" \
  | tr -d '\r' | sed -n 's/^[Ss]et-[Cc]ookie: \([^;]*\).*/\1/p' | head -n1)"
[ -n "$cookie" ] || { echo "sign-in failed"; cat "$tmp/server.log"; exit 1; }

page="$BASE/cursussen/$COURSE/$MODULE"
curl -fsS -H "Cookie: $cookie" "$page" >"$LEPTOS_SITE_ROOT/$static_name"
bytes=$(wc -c <"$LEPTOS_SITE_ROOT/$static_name")
grep -q 'Waarom participatie' "$LEPTOS_SITE_ROOT/$static_name" || { echo "module page did not render"; exit 1; }

run_wrk() { # label, extra wrk args...
  local label="$1"; shift
  local out
  out="$(wrk -t2 -c"$CONNECTIONS" -d"$DURATION" --latency "$@")"
  local rps p50 p99
  rps="$(echo "$out" | awk '/Requests\/sec/ {print $2}')"
  p50="$(echo "$out" | awk '$1=="50%" {print $2}')"
  p99="$(echo "$out" | awk '$1=="99%" {print $2}')"
  local non2xx
  non2xx="$(echo "$out" | awk '/Non-2xx/ {print $5}')"
  printf '%-40s %10s req/s   p50 %8s   p99 %8s   non-2xx %s\n' "$label" "$rps" "$p50" "$p99" "${non2xx:-0}"
  echo "$rps" >"$tmp/last_rps"
}

echo "Module page: $bytes bytes of HTML; $CONNECTIONS connections, $DURATION each, 2 wrk threads, same machine"
run_wrk "static file (same bytes)" "$BASE/$static_name"
static_rps="$(cat "$tmp/last_rps")"

# For reference, the same bytes from nginx (when installed; `./platform bench`
# installs it): the fastest a file can be served here, the figure the
# product's goals were set against. Two workers, no logging, sendfile.
nginx_rps=""
if command -v nginx >/dev/null; then
  # Its own folder, readable by nginx's unprivileged workers.
  ngx="$(mktemp -d)"
  chmod 755 "$ngx"
  mkdir -p "$ngx/html"
  cp "$LEPTOS_SITE_ROOT/$static_name" "$ngx/html/page.html"
  chmod -R a+rX "$ngx/html"
  cat >"$ngx/nginx.conf" <<EOF
worker_processes 2;
daemon off;
pid $ngx/nginx.pid;
error_log $ngx/error.log;
events { worker_connections 1024; }
http {
  access_log off;
  sendfile on;
  keepalive_requests 1000000;
  client_body_temp_path $ngx;
  proxy_temp_path $ngx;
  fastcgi_temp_path $ngx;
  uwsgi_temp_path $ngx;
  scgi_temp_path $ngx;
  server { listen 127.0.0.1:$NGINX_PORT; root $ngx/html; }
}
EOF
  nginx -e "$ngx/error.log" -c "$ngx/nginx.conf" &
  nginx_pid=$!
  served=""
  for _ in $(seq 1 50); do
    if curl -fsS -o /dev/null "http://127.0.0.1:$NGINX_PORT/page.html" 2>/dev/null; then served=1; break; fi
    sleep 0.1
  done
  if [ -n "$served" ]; then
    run_wrk "nginx, same bytes (reference)" "http://127.0.0.1:$NGINX_PORT/page.html"
    nginx_rps="$(cat "$tmp/last_rps")"
  else
    echo "nginx did not serve the file (see $ngx/error.log); no reference figure"
  fi
  kill "$nginx_pid" 2>/dev/null || true
  wait "$nginx_pid" 2>/dev/null || true
  rm -rf "$ngx"
fi

run_wrk "signed-in module page (SSR + DB)" -H "Cookie: $cookie" "$page"
page_rps="$(cat "$tmp/last_rps")"
# As a browser asks for it: compressed (gzip, at the server's fastest level).
run_wrk "  the same, gzip as browsers ask" -H "Cookie: $cookie" -H "Accept-Encoding: gzip, deflate, br" "$page"
awk -v p="$page_rps" -v s="$static_rps" 'BEGIN { printf "module page / static file: %.1f %%\n", 100 * p / s }'
if [ -n "$nginx_rps" ]; then
  awk -v p="$page_rps" -v s="$nginx_rps" 'BEGIN { printf "module page / nginx: %.1f %%\n", 100 * p / s }'
fi

# Latency at a set load. Above, every connection sends its next request the
# moment the last one is answered, so latency is mostly time spent queueing
# (even the static file's p99 is ~55 ms on two cores). Here the same 256
# connections together ask for 30 % of the static file's throughput: each
# pauses before every request (also the first) for a random time, uniform
# between 0 and twice the mean pause, so requests arrive spread out as from
# many people rather than all 256 in the same millisecond. (A fixed pause
# sends the first 256 requests at once and keeps them bunched: that one
# burst alone is ~1.5 % of a 10 s run and sets the p99.)
rate="$(awk -v s="$static_rps" 'BEGIN { printf "%d", 0.30 * s }')"
pause_ms="$(awk -v c="$CONNECTIONS" -v r="$rate" 'BEGIN { printf "%.1f", 1000 * c / r }')"
cat >"$tmp/paced.lua" <<EOF
wrk.headers["Cookie"] = "$cookie"
local threads = 0
function setup(thread) threads = threads + 1; thread:set("seed", threads) end
function init(args) math.randomseed(seed * 7919) end
function delay() return math.floor(math.random() * 2 * $pause_ms) end
EOF
run_wrk "module page at $rate req/s (30 % of static)" -s "$tmp/paced.lua" "$page"

# Answer submits: a correct answer to the module's first question, as the
# hydrated page sends it (JSON accepted, so no redirect is followed).
# The page names options by opaque tokens: find the token of the option
# whose label is the best option's text, as a person finds it.
"$SERVER" check content --format json >"$tmp/model.json"
curl -fsS -H "Cookie: $cookie" "$page" >"$tmp/page.html"
question_id="$(python3 -c '
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
        print(q["id"], value)
        break
else:
    sys.exit("no option on the page has the text of the best option")
' "$tmp/model.json" "$tmp/page.html" "$COURSE" "$MODULE")"
read -r qid choice <<<"$question_id"
cat >"$tmp/answer.lua" <<EOF
wrk.method = "POST"
wrk.body = "course_id=$COURSE&module_id=$MODULE&question_id=$qid&f%5B$qid.c%5D=$choice"
wrk.headers["Content-Type"] = "application/x-www-form-urlencoded"
wrk.headers["Accept"] = "application/json"
wrk.headers["Cookie"] = "$cookie"
wrk.headers["Origin"] = "$BASE"
EOF
run_wrk "answer submits (graded + stored)" -s "$tmp/answer.lua" "$BASE/api/answer"
stored="$(curl -fsS -H "Cookie: $cookie" "$page" | grep -c 'Goed!' || true)"
echo "answers were accepted and graded: feedback 'Goed!' shown $stored time(s) on the page"
