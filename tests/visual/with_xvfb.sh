#!/bin/sh
# Runs a command on a private virtual X display (Xvfb). Xvfb picks a free display number itself
# (-displayfd), so parallel runs (ctest -j, other checkouts on the machine) never race for one or
# end up sharing another run's server, as `xvfb-run -a` can. -noreset: by default Xvfb resets
# when its last client leaves, and a view started during that reset could not open the display.
# Usage: with_xvfb.sh COMMAND [ARGS...]
set -u
number=$(mktemp)
Xvfb -displayfd 3 -screen 0 1280x1024x24 -nolisten tcp -noreset 3>"$number" 2>/dev/null &
server=$!
tries=0
while [ ! -s "$number" ] && [ $tries -lt 200 ] && kill -0 $server 2>/dev/null; do
  sleep 0.05
  tries=$((tries + 1))
done
display=$(cat "$number")
rm -f "$number"
if [ -z "$display" ]; then
  echo "with_xvfb.sh: Xvfb did not start" >&2
  kill $server 2>/dev/null
  exit 1
fi
DISPLAY=":$display" "$@"
status=$?
kill $server 2>/dev/null
wait $server 2>/dev/null
exit $status
