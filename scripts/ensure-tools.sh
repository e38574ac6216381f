#!/usr/bin/env bash
# Installs missing Debian tools. With no arguments: the tools the tests drive for real (SoftHSM2,
# socat ptys, Chromium, Xvfb, poppler, qpdf, OpenSC, NSS tools, zbar) — `npm test`. With
# `command=package` arguments: only those (scripts/start.mjs asks for Chromium, and Xvfb when
# there is no display). As root with apt it installs them; otherwise it stops, naming the exact
# command to run, and exits 1.
set -euo pipefail
declare -A BIN_TO_PKG=()
if [ $# -gt 0 ]; then
  for pair in "$@"; do
    [[ "$pair" == ?*=?* ]] || { echo "ensure-tools: expected command=package, got '$pair'" >&2; exit 2; }
    BIN_TO_PKG[${pair%%=*}]=${pair#*=}
  done
else
  BIN_TO_PKG=(
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
fi
missing=()
for bin in "${!BIN_TO_PKG[@]}"; do
  command -v "$bin" >/dev/null 2>&1 || missing+=("${BIN_TO_PKG[$bin]}")
done
# The fonts the PDF tests compare against are bundled in resources/fonts; nothing else is needed.
[ ${#missing[@]} -eq 0 ] && exit 0
mapfile -t pkgs < <(printf '%s\n' "${missing[@]}" | sort -u)
install="apt-get install -y --no-install-recommends ${pkgs[*]}"
if ! command -v apt-get >/dev/null 2>&1; then
  echo "Thiếu công cụ: ${pkgs[*]} (tên gói Debian). Máy này không có apt-get: hãy cài các gói tương ứng bằng trình quản lý gói của hệ thống." >&2
  exit 1
fi
if [ "$(id -u)" != 0 ]; then
  # Not root: installing needs the administrator, so say exactly what to run.
  echo "Thiếu công cụ: ${pkgs[*]}. Cài bằng lệnh (cần quyền quản trị):" >&2
  echo "  sudo apt-get update && sudo $install" >&2
  exit 1
fi
echo "ensure-tools: đang cài ${pkgs[*]}"
export DEBIAN_FRONTEND=noninteractive
if ! { apt-get update -qq >/dev/null && $install >/dev/null; }; then
  echo "Không cài được ${pkgs[*]} (apt-get báo lỗi ở trên; kiểm tra mạng và nguồn gói). Lệnh đã chạy: apt-get update && $install" >&2
  exit 1
fi
