#!/usr/bin/env bash
# Installs the Debian/Ubuntu packages LiveClassify's native stacks load at run time, and checks for the .NET SDK.
# Idempotent: when everything is present it only asks dpkg (about a second). As root it installs what is missing with
# apt-get; otherwise it prints the exact command to run and exits non-zero.
set -euo pipefail

# One entry per need; "a|b" lists alternative names of the same library (Ubuntu 24.04 renamed some for 64-bit time_t):
# the first one apt knows is installed, any one present counts.
packages=(
  # OpenCV (OpenCvSharp's official runtime links GTK 3 and friends directly).
  "libgtk-3-0t64|libgtk-3-0" libatomic1 libfreetype6 libharfbuzz0b libstdc++6
  # The overlay's text: SkiaSharp needs fontconfig and a font to rasterise.
  libfontconfig1 fonts-dejavu-core
  # Windows and OpenGL: GLFW with Mesa (llvmpipe when there is no GPU), GLX and EGL.
  libglfw3 libgl1 libglx-mesa0 libgl1-mesa-dri libegl1 libegl-mesa0
  # Headless runs and tests: a virtual X server.
  xvfb xauth
  # Network streams (RTSP/HTTP) are decoded by the ffmpeg command; tests make clips with it.
  ffmpeg
  # The Fashion-MNIST images the demo and tests train on.
  dataset-fashion-mnist
)

# Every name dpkg knows as installed, asked once (one dpkg-query per package would cost a second).
all_names=()
for entry in "${packages[@]}"; do all_names+=(${entry//|/ }); done
installed=" $( { dpkg-query -W -f='${db:Status-Status} ${Package}\n' "${all_names[@]}" 2>/dev/null || true; } \
  | awk '$1 == "installed" {printf "%s ", $2}') "

is_installed() {
  local name
  for name in ${1//|/ }; do
    [[ "$installed" == *" $name "* ]] && return 0
  done
  return 1
}

# The first alternative apt has a candidate for (apt's lists must be current for this to be right).
installable_name() {
  local name
  for name in ${1//|/ }; do
    if [[ -n "$(apt-cache policy "$name" 2>/dev/null | awk '/Candidate:/ && $2 != "(none)" {print $2}')" ]]; then
      echo "$name"
      return
    fi
  done
  echo "${1##*|}"
}

missing=()
for entry in "${packages[@]}"; do
  is_installed "$entry" || missing+=("$entry")
done

if ((${#missing[@]} > 0)); then
  if ((EUID == 0)); then
    echo "setup-native: installing ${missing[*]//|/ or }" >&2
    apt-get update -qq >&2
    names=()
    for entry in "${missing[@]}"; do names+=("$(installable_name "$entry")"); done
    DEBIAN_FRONTEND=noninteractive apt-get install -y -qq --no-install-recommends "${names[@]}" >&2
  else
    names=()
    for entry in "${missing[@]}"; do names+=("$(installable_name "$entry")"); done
    echo "setup-native: missing packages: ${names[*]}" >&2
    echo "Run: sudo apt-get update && sudo apt-get install -y --no-install-recommends ${names[*]}" >&2
    exit 1
  fi
fi

if ! command -v dotnet >/dev/null 2>&1; then
  echo "setup-native: the .NET SDK is not installed: install .NET SDK 10 (https://learn.microsoft.com/dotnet/core/install/linux) and run this again." >&2
  exit 1
fi
if ! dotnet --list-sdks 2>/dev/null | grep -qE '^(1[0-9]|[2-9][0-9])\.'; then
  echo "setup-native: 'dotnet' has no SDK of version 10 or later ($(dotnet --list-sdks 2>/dev/null | tr '\n' ' ')): install .NET SDK 10." >&2
  exit 1
fi
