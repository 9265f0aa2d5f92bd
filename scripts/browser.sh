#!/usr/bin/env bash
# Browser tests drive Debian's chromium through Playwright (never `playwright install`).
# Install it when we can (root with apt); otherwise the browser tests skip, saying why.
set -u
if command -v chromium >/dev/null 2>&1; then exit 0; fi
if [ "$(id -u)" = "0" ] && command -v apt-get >/dev/null 2>&1; then
  echo "installing Debian's chromium for the browser tests..."
  (apt-get update -qq && DEBIAN_FRONTEND=noninteractive apt-get install -y -qq chromium fonts-dejavu-core) >/dev/null 2>&1 \
    || echo "could not install chromium; browser tests will skip"
else
  echo "chromium not found and cannot install it here; browser tests will skip"
fi
exit 0
