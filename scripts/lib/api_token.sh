# Sourced by scripts/serve.sh and scripts/serve_scaled.sh: sets RASA_AUTH_TOKEN.
# The HTTP API (conversations, model, ...) needs this token; the REST chat
# channel does not. Never a default secret in the repo: take it from the
# environment or make one for this machine (var/auth_token, mode 600).
if [[ -z "${RASA_AUTH_TOKEN:-}" ]]; then
  if [[ ! -s var/auth_token ]]; then
    # Written aside and linked into place, so bots starting together (tests) share one token.
    token_file=$(mktemp var/auth_token.XXXXXX)  # mode 600
    .venv/bin/python -c 'import secrets; print(secrets.token_urlsafe(32))' > "$token_file"
    ln "$token_file" var/auth_token 2> /dev/null || true
    rm -f "$token_file"
  fi
  RASA_AUTH_TOKEN=$(cat var/auth_token)
fi
# An empty token would leave the API open.
[[ -n "$RASA_AUTH_TOKEN" ]] || { echo "empty API token (RASA_AUTH_TOKEN / var/auth_token)" >&2; exit 1; }
