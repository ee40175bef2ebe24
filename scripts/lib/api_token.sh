# Sourced by scripts/serve.sh and scripts/serve_scaled.sh: sets and exports
# RASA_AUTH_TOKEN. The HTTP API (conversations, model, ...) needs this token;
# the REST chat channel does not. Never a default secret in the repo: take it
# from the environment or make one for this machine (var/auth_token, mode 600;
# AUTH_TOKEN_FILE to keep it elsewhere), replacing a kept one no command line
# can use (bot/api_token.py). Pass it as `--auth-token="$RASA_AUTH_TOKEN"`
# glued with "=": a token may begin with "-".
if [[ -z "${RASA_AUTH_TOKEN:-}" ]]; then
  RASA_AUTH_TOKEN=$(.venv/bin/python -m bot.api_token "${AUTH_TOKEN_FILE:-var/auth_token}")
fi
# An empty token would leave the API open.
[[ -n "$RASA_AUTH_TOKEN" ]] || { echo "empty API token (RASA_AUTH_TOKEN / var/auth_token)" >&2; exit 1; }
export RASA_AUTH_TOKEN
