#!/usr/bin/env bash
# Installs the Debian tools the tests drive for real (SoftHSM2, socat ptys, Chromium, Xvfb, poppler,
# qpdf, OpenSC, NSS tools, zbar) when they are missing. As root with apt it installs them; otherwise
# it stops and prints the exact command to run.
set -euo pipefail
declare -A BIN_TO_PKG=(
  [softhsm2-util]=softhsm2
  [socat]=socat
  [chromium]=chromium
  [xvfb-run]=xvfb
  [xauth]=xauth
  [pdfsig]=poppler-utils
  [pdftotext]=poppler-utils
  [qpdf]=qpdf
  [pkcs11-tool]=opensc
  [certutil]=libnss3-tools
  [zbarimg]=zbar-tools
  [openssl]=openssl
  [gs]=ghostscript
)
missing=()
for bin in "${!BIN_TO_PKG[@]}"; do
  command -v "$bin" >/dev/null 2>&1 || missing+=("${BIN_TO_PKG[$bin]}")
done
# The fonts the PDF tests compare against are bundled in resources/fonts; nothing else is needed.
[ ${#missing[@]} -eq 0 ] && exit 0
mapfile -t pkgs < <(printf '%s\n' "${missing[@]}" | sort -u)
cmd="apt-get install -y --no-install-recommends ${pkgs[*]}"
if [ "$(id -u)" = 0 ] && command -v apt-get >/dev/null 2>&1; then
  echo "ensure-tools: installing ${pkgs[*]}"
  export DEBIAN_FRONTEND=noninteractive
  apt-get update -qq >/dev/null
  $cmd >/dev/null
else
  echo "ensure-tools: missing test tools: ${pkgs[*]}" >&2
  echo "Run as root: apt-get update && $cmd" >&2
  exit 1
fi
