# procenv: report this shell's environment to "$procenv_log", then the build execs from here.
{
  echo "== date"; date -u '+%Y-%m-%dT%H:%M:%SZ'
  echo "== uname"; uname -a
  echo "== id"; id
  echo "== cwd"; pwd
  echo "== umask"; umask
  echo "== environment"; env | LC_ALL=C sort
  echo "== ulimits"; ulimit -a 2>&1
  echo "== namespaces"; ls -l /proc/self/ns 2>&1 | sed -n 's/.* \([a-z_]*\) -> \(.*\)/\1 \2/p'
  echo "== mounts"; cat /proc/self/mounts 2>&1
  echo "== cgroup"; cat /proc/self/cgroup 2>&1
  echo "== capabilities"; grep -E '^(Cap|NoNewPrivs|Seccomp)' /proc/self/status 2>&1
} >"$procenv_log" 2>&1 || true
