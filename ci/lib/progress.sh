# ci/lib/progress.sh -- progress lines for long CI jobs (sourced, not run).
#
#   progress_start            before a task's first progress_line
#   progress_line TEXT        the task's state now
#   progress_end              after its last progress_line
#
# On a terminal (standard error is a tty) one line is redrawn in place with
# a carriage return.  In a log (a pipe, a file, CI) each line is printed
# whole, at most once per H1_PROGRESS_SECONDS (default 30), and the last
# state is always printed by progress_end: a log gets a few short lines per
# task, never one line thousands of characters long.

progress_tty=0
[ -t 2 ] && progress_tty=1
progress_every=${H1_PROGRESS_SECONDS:-30}
progress_last=""
progress_shown=0
progress_at=0

progress_start() {
  progress_last=""
  progress_shown=1
  progress_at=$SECONDS
}

progress_line() {
  progress_last=$1
  if [ "$progress_tty" = 1 ]; then
    printf '\r%s\033[K' "$1" >&2
    progress_shown=1
  elif [ $((SECONDS - progress_at)) -ge "$progress_every" ]; then
    printf '%s\n' "$1" >&2
    progress_at=$SECONDS
    progress_shown=1
  else
    progress_shown=0
  fi
}

progress_end() {
  if [ "$progress_tty" = 1 ]; then
    [ -n "$progress_last" ] && printf '\n' >&2
  elif [ "$progress_shown" = 0 ] && [ -n "$progress_last" ]; then
    printf '%s\n' "$progress_last" >&2
  fi
  progress_last=""
}
