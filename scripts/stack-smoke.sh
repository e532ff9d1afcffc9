#!/usr/bin/env bash
# The production stack's smoke test (.github/workflows/production-stack.yml), against API replicas
# already running with AUTH_PUBLIC_KEY set to the public half of IDP_KEY:
#   IDP_KEY=<Ed25519 private key, PEM> scripts/stack-smoke.sh <base URL of each replica>...
# This script plays the identity provider: it signs a token. Then every replica must be ready; a
# clue registered through the first replica must read back through every replica (they share the
# event store); a case that does not exist must be a 404 problem. Exits non-zero at the first failure.
set -euo pipefail

if [ "$#" -eq 0 ] || [ -z "${IDP_KEY:-}" ]; then
  echo "usage: IDP_KEY=<private key PEM file> $0 <base URL>..." >&2
  exit 2
fi

fail() {
  echo "stack-smoke: FAILED: $*" >&2
  exit 1
}

# A 10-minute token for a staff member of the city rule-of-law office (a demo organisation).
token=$(node - <<'JS'
const { createPrivateKey, sign } = require('node:crypto');
const key = createPrivateKey(require('node:fs').readFileSync(process.env.IDP_KEY));
const part = (value) => Buffer.from(JSON.stringify(value)).toString('base64url');
const now = Math.floor(Date.now() / 1000);
const claims = { sub: 'stack-smoke', role: 'RuleOfLawOffice', org: 'panjin.rol-office', pos: 'Staff', iss: 'xingji-link', aud: 'xingji-link-api', iat: now, exp: now + 600 };
const input = `${part({ alg: 'EdDSA', typ: 'JWT' })}.${part(claims)}`;
process.stdout.write(`${input}.${sign(null, Buffer.from(input), key).toString('base64url')}`);
JS
)

body=$(mktemp)
headers=$(mktemp)
trap 'rm -f "$body" "$headers"' EXIT

# request <method> <url> [json body]: prints the status; the body in $body, the headers in $headers.
request() {
  local args=(-sS --max-time 15 -o "$body" -D "$headers" -w '%{http_code}' -X "$1" -H "authorization: Bearer $token")
  if [ "$#" -ge 3 ]; then args+=(-H 'content-type: application/json' -H "idempotency-key: stack-smoke-$$" --data "$3"); fi
  curl "${args[@]}" "$2"
}

for base in "$@"; do
  status=$(curl -sS --max-time 15 -o "$body" -w '%{http_code}' "$base/health/ready") || fail "$base/health/ready: no answer"
  [ "$status" = 200 ] || fail "$base/health/ready answered $status: $(cat "$body")"
done
echo "stack-smoke: $# replicas ready"

clue='{"regionId":"panjin/dawa","source":"Reconsideration","sourceRef":"stack smoke","receivedAt":"2026-03-02T09:00:00+08:00","agency":{"orgId":"dawa.emergency","name":"Dawa emergency management bureau"},"summary":"Registered by the production-stack smoke test."}'
status=$(request POST "$1/api/v1/clues" "$clue")
[ "$status" = 201 ] || fail "POST $1/api/v1/clues answered $status: $(cat "$body")"
location=$(grep -i '^location:' "$headers" | tr -d '\r' | cut -d' ' -f2)
[ -n "$location" ] || fail "POST $1/api/v1/clues answered 201 without a Location"
echo "stack-smoke: registered $location through $1"

for base in "$@"; do
  status=$(request GET "$base$location")
  [ "$status" = 200 ] || fail "GET $base$location answered $status: $(cat "$body")"
  grep -q '"status":"Registered"' "$body" || fail "GET $base$location: $(cat "$body")"
  status=$(request GET "$base/api/v1/clues/stack-smoke-missing")
  [ "$status" = 404 ] || fail "GET of a missing clue through $base answered $status: $(cat "$body")"
  grep -qi '^content-type: application/problem+json' "$headers" || fail "GET of a missing clue through $base: not a problem+json"
done
echo "stack-smoke: ok, the clue reads back through every replica"
