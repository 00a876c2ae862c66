#!/usr/bin/env bash
# Runs every signature-verification sample of docs/webhooks.md against signatures computed here with openssl (never
# with a sample's own code), starts each sample's receiver and posts to it with curl, and checks that the guide shows
# each sample's code exactly as it is in these files.
#
#   tests/webhook-verifier/samples/run.sh        needs dotnet, node, python3, openssl, xxd, curl; and `npm ci` in
#                                                tests/webhook-verifier for the standardwebhooks library
set -euo pipefail
cd "$(dirname "$0")"

work=$(mktemp -d)
receivers=()
cleanup() {
  for group in "${receivers[@]}"; do kill -- "-$group" 2>/dev/null || true; done
  rm -rf "$work"
}
trap cleanup EXIT

failures=0
pass() { printf '  ok    %s\n' "$1"; }
fail() { printf '  FAIL  %s\n' "$1"; failures=$((failures + 1)); }

# The signature as the platform makes it: v1, base64(HMAC-SHA256(key, "{id}.{timestamp}.{body}")), key in hex.
sign() { # key-hex id timestamp body-file
  { printf '%s.%s.' "$2" "$3"; cat "$4"; } | openssl dgst -sha256 -mac HMAC -macopt "hexkey:$1" -binary | base64
}
secret_of() { printf 'whsec_%s' "$(printf '%s' "$1" | xxd -r -p | base64)"; }

# The fixed vector the guide publishes: its payment.completed example, signed at 2026-11-24T10:00:05Z.
fixed_key=0a95c9a96a93663a340e62917c826085c639bbb8a6bfb554df6ef42e95023eb7
fixed_secret=whsec_CpXJqWqTZjo0DmKRfIJghcY5u7imv7VU3270LpUCPrc=
fixed_id=evt_01a20cd1a2c57e0f1a2b3c4d5e6f7081
fixed_timestamp=1795514405
fixed_signature=v1,9DL5z2KuFhP4hRAuj66TyJqZrXYWmSQOwx1+IKzhLa8=
body=payment-completed.json

echo "openssl, on the published vector"
[[ "$(secret_of $fixed_key)" == "$fixed_secret" ]] && pass "the secret is whsec_ + base64 of the key" || fail "secret"
[[ "v1,$(sign $fixed_key $fixed_id $fixed_timestamp $body)" == "$fixed_signature" ]] && pass "the signature is $fixed_signature" || fail "signature"

# A fresh vector: a random key, now, the same body (and so its id: a delivery's webhook-id is its body's id).
key=$(openssl rand -hex 32)
other_key=$(openssl rand -hex 32)
secret=$(secret_of "$key")
id=$fixed_id
now=$(date +%s)
signature="v1,$(sign "$key" "$id" "$now" $body)"
old=$((now - 600))
old_signature="v1,$(sign "$key" "$id" "$old" $body)"
other_signature="v1,$(sign "$other_key" "$id" "$now" $body)"
sed 's/"1500.00"/"9500.00"/' $body > "$work/tampered.json"

check() { # name expected command...
  local name=$1 expected=$2 output
  shift 2
  output=$("$@" 2>&1) && actual=ok || actual=fail
  [[ "$actual" == "$expected" ]] && pass "$name: $expected" || fail "$name: expected $expected, got $actual ($output)"
}

run_cases() { # label, then the command that takes: secret id timestamp signature body-file [now]
  local label=$1
  shift
  echo "$label"
  [[ "$label" == *standardwebhooks* ]] || check "the published vector" ok "$@" "$fixed_secret" "$fixed_id" "$fixed_timestamp" "$fixed_signature" $body $((fixed_timestamp + 30))
  [[ "$label" == *standardwebhooks* ]] || check "the published vector 6 minutes later" fail "$@" "$fixed_secret" "$fixed_id" "$fixed_timestamp" "$fixed_signature" $body $((fixed_timestamp + 360))
  check "signed now" ok "$@" "$secret" "$id" "$now" "$signature" $body
  check "a changed body" fail "$@" "$secret" "$id" "$now" "$signature" "$work/tampered.json"
  check "another webhook-id" fail "$@" "$secret" "${id}0" "$now" "$signature" $body
  check "another secret" fail "$@" "$(secret_of "$other_key")" "$id" "$now" "$signature" $body
  check "signed 10 minutes ago" fail "$@" "$secret" "$id" "$old" "$old_signature" $body
  check "a rotation: the old secret's signature first, then ours" ok "$@" "$secret" "$id" "$now" "$other_signature $signature" $body
  check "a rotation: ours first" ok "$@" "$secret" "$id" "$now" "$signature $other_signature" $body
  check "only another secret's signature" fail "$@" "$secret" "$id" "$now" "$other_signature" $body
  check "our signature under v2" fail "$@" "$secret" "$id" "$now" "v2,${signature#v1,}" $body
}

run_cases "C# (verify.cs)" dotnet run verify.cs -- check
run_cases "Node.js, node:crypto (verify.js)" node verify.js check
run_cases "Node.js, standardwebhooks (verify-standardwebhooks.js)" node verify-standardwebhooks.js check
run_cases "Python (verify.py)" python3 verify.py check

free_port() { python3 -c 'import socket; s = socket.socket(); s.bind(("127.0.0.1", 0)); print(s.getsockname()[1])'; }

receiver_cases() { # label, then the command that takes: port secret
  local label=$1 port log
  shift
  echo "$label receiver"
  port=$(free_port)
  log="$work/receiver-$port.log"
  setsid "$@" "$port" "$secret" > "$log" 2>&1 &
  receivers+=($!)
  for _ in $(seq 1 150); do
    curl -s -o /dev/null "http://localhost:$port/" && break
    sleep 0.2
  done

  post() { # signature body-file → HTTP status
    curl -s -o /dev/null -w '%{http_code}' -X POST "http://localhost:$port/webhooks/wekeza" -H 'content-type: application/json' \
      -H "webhook-id: $id" -H "webhook-timestamp: $now" -H "webhook-signature: $1" --data-binary "@$2"
  }
  [[ "$(post "$signature" $body)" == 204 ]] && pass "a signed delivery: 204" || fail "a signed delivery"
  [[ "$(post "$signature" $body)" == 204 ]] && pass "the same delivery again (a retry): 204" || fail "a retry"
  [[ "$(post "$signature" "$work/tampered.json")" == 401 ]] && pass "a changed body: 401" || fail "a changed body"
  [[ "$(post "$other_signature" $body)" == 401 ]] && pass "another secret's signature: 401" || fail "another secret's signature"
  sleep 0.3
  local handled
  handled=$(grep -c '^payment.completed pmt_01a20cd1a2b37c4d8e9f0a1b2c3d4e5f #1$' "$log" || true)
  [[ "$handled" == 1 ]] && pass "handled once: $(grep '^payment.completed' "$log")" || fail "handled $handled times: $(cat "$log")"
  kill -- "-${receivers[-1]}" 2>/dev/null || true
}

receiver_cases "C#" dotnet run verify.cs -- serve
receiver_cases "Node.js" node verify.js serve
receiver_cases "Python" python3 verify.py serve

echo "docs/webhooks.md shows the samples as they are here"
for sample in verify.cs verify.js verify-standardwebhooks.js verify.py; do
  if python3 - "$sample" ../../../docs/webhooks.md <<'PY'
import re, sys
sample, guide = open(sys.argv[1]).read(), open(sys.argv[2]).read()
regions = re.findall(r"^[ \t]*(?://|#)[ \t]*#?region (\w+)\n(.*?)^[ \t]*(?://|#)[ \t]*#?endregion\n", sample, re.S | re.M)
missing = [name for name, code in regions if "\n" + code not in guide]
sys.exit(1 if not regions or missing else 0)
PY
  then pass "$sample"; else fail "$sample: a region differs from the guide"; fi
done

echo
if [[ $failures -eq 0 ]]; then echo "All passed."; else echo "$failures failed."; exit 1; fi
