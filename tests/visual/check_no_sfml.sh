#!/bin/sh
# Fails if the headless binary given as $1 links SFML (only regsim-view may).
deps=$(ldd "$1") || { echo "ldd failed on $1"; exit 1; }
echo "$deps" | grep -q 'libc\.so' || { echo "unexpected ldd output for $1"; exit 1; }
if echo "$deps" | grep -qi sfml; then
  echo "$1 links SFML:"; echo "$deps" | grep -i sfml; exit 1
fi
echo "$1 does not link SFML"
