#!/usr/bin/env bash
# The launcher (./iblrnn) on a machine without java or mvn, without uninstalling anything: a copy
# of the launcher in a scratch folder runs with a PATH that holds only the basic tools it uses and
# stubs of id, apt-get, java and mvn. The stub apt-get records its arguments and "installs" stub
# java / mvn; the stub mvn writes the jar; the stub java prints its arguments. Takes about a second.
set -euo pipefail
here="$(cd "$(dirname "$0")/.." && pwd)"
work="$(mktemp -d)"
trap 'rm -rf "$work"' EXIT
failures=0

fail() {
  echo "launcher-test: FAIL: $*" >&2
  failures=$((failures + 1))
}

# A fresh case: a launcher copy with sources, an optional up-to-date jar, and a bin folder whose
# stubs are chosen by the arguments (java, mvn, apt-get, apt-get-fails, root, user).
setup() {
  rm -rf "$work/case"
  mkdir -p "$work/case/app/src/main" "$work/case/bin"
  cp "$here/iblrnn" "$work/case/app/iblrnn"
  touch "$work/case/app/pom.xml"
  bin="$work/case/bin"
  calls="$work/case/apt-calls"
  : > "$calls"
  for tool in bash env dirname find readlink sed grep rm cat mkdir touch; do
    ln -s "$(command -v "$tool")" "$bin/$tool"
  done
  cat > "$work/case/java" <<'EOF'
#!/usr/bin/env bash
[ "${1:-}" = --list-modules ] && exit 0
echo "stub java $*"
EOF
  cat > "$work/case/mvn" <<'EOF'
#!/usr/bin/env bash
mkdir -p target && touch target/iblrnn.jar
EOF
  chmod +x "$work/case/java" "$work/case/mvn"
  for a in "$@"; do
    case "$a" in
      jar) mkdir -p "$work/case/app/target"; sleep 0.01; touch "$work/case/app/target/iblrnn.jar" ;;
      java|mvn) cp "$work/case/$a" "$bin/$a" ;;
      root) printf '#!/usr/bin/env bash\necho 0\n' > "$bin/id"; chmod +x "$bin/id" ;;
      user) printf '#!/usr/bin/env bash\necho 1000\n' > "$bin/id"; chmod +x "$bin/id" ;;
      apt-get|apt-get-fails)
        cp_bin="$(command -v cp)"
        cat > "$bin/apt-get" <<EOF
#!/usr/bin/env bash
echo "\$DEBIAN_FRONTEND apt-get \$*" >> "$calls"
[ "$a" = apt-get-fails ] && [ "\$1" = install ] && { echo "E: Unable to locate package" >&2; exit 100; }
if [ "\$1" = install ]; then
  for p in "\$@"; do
    [ "\$p" = openjdk-17-jdk-headless ] && "$cp_bin" "$work/case/java" "$bin/java"
    [ "\$p" = maven ] && "$cp_bin" "$work/case/mvn" "$bin/mvn"
  done
fi
exit 0
EOF
        chmod +x "$bin/apt-get" ;;
    esac
  done
}

# Runs the launcher copy with the case's PATH; sets out, err, rc.
launch() {
  set +e
  out="$(cd "$work/case" && PATH="$bin" "$bin/bash" app/iblrnn --version 2>"$work/case/stderr")"
  rc=$?
  set -e
  err="$(cat "$work/case/stderr")"
}

expect() { # name condition-result message
  if ! eval "$2"; then
    fail "$1: $3 (rc $rc; stdout: $out; stderr: $err; apt-get calls: $(tr '\n' '|' < "$calls"))"
  fi
}

# 1. Debian as root, nothing installed, no jar: both installed with apt-get, then built and run.
setup root apt-get
launch
expect "fresh root" '[ "$rc" = 0 ]' "exit 0"
expect "fresh root" '[ "$(cat "$calls")" = "noninteractive apt-get update -q
noninteractive apt-get install -y -q openjdk-17-jdk-headless maven" ]' "apt-get update, then install of both"
expect "fresh root" 'grep -qx "iblrnn: java and mvn not found (target/iblrnn.jar needs building); installing openjdk-17-jdk-headless maven with apt-get (output in .*)\.\.\." <<< "$err"' \
  "one line saying what it installs"
expect "fresh root" '[ "$out" = "stub java -jar $work/case/app/target/iblrnn.jar --version" ]' "runs the built jar"
expect "fresh root" '[ ! -e "$work/case/app/target-install.log" ]' "install log removed after success"

# 2. Debian as root, no java, an up-to-date jar: only the JDK is installed (mvn is not needed).
setup root apt-get jar
launch
expect "java only" '[ "$rc" = 0 ]' "exit 0"
expect "java only" 'grep -q "install -y -q openjdk-17-jdk-headless$" "$calls"' "installs only the JDK"
expect "java only" '[ "$out" = "stub java -jar $work/case/app/target/iblrnn.jar --version" ]' "runs the jar"

# 3. java present, no mvn, an up-to-date jar: nothing to install, nothing said.
setup root apt-get java jar
launch
expect "no mvn, fresh jar" '[ "$rc" = 0 ] && [ -z "$err" ] && [ ! -s "$calls" ]' "runs without installing"

# 4. java present, no mvn, sources newer than the jar: Maven installed, then built.
setup root apt-get java
launch
expect "mvn only" '[ "$rc" = 0 ]' "exit 0"
expect "mvn only" 'grep -q "install -y -q maven$" "$calls"' "installs only Maven"

# 5. Debian but not root: one line with the exact packages, exit 2, apt-get never called.
setup user apt-get
launch
expect "not root" '[ "$rc" = 2 ] && [ ! -s "$calls" ] && [ -z "$out" ]' "exit 2 without calling apt-get"
expect "not root" '[ "$err" = "iblrnn: java and mvn not found (target/iblrnn.jar needs building); install them as root: apt-get install openjdk-17-jdk-headless maven" ]' \
  "one line naming the packages"

# 6. Not Debian (no apt-get): one line saying what to install, exit 2.
setup root jar
launch
expect "no apt-get" '[ "$rc" = 2 ] && [ -z "$out" ]' "exit 2"
expect "no apt-get" '[ "$err" = "iblrnn: java not found; install a JDK 17 or newer (Debian: apt-get install openjdk-17-jdk-headless)" ]' \
  "one line naming what to install"

# 7. apt-get fails: one line pointing at its log, exit 2, the log kept.
setup root apt-get-fails
launch
expect "apt-get fails" '[ "$rc" = 2 ] && [ -z "$out" ]' "exit 2"
expect "apt-get fails" '[ "$(sed -n 2p <<< "$err")" = "iblrnn: apt-get install openjdk-17-jdk-headless maven failed; see $work/case/app/target-install.log" ] && [ "$(wc -l <<< "$err")" = 2 ]' \
  "the announcement and one failure line"
expect "apt-get fails" 'grep -q "Unable to locate package" "$work/case/app/target-install.log"' "apt-get's output kept in the log"

# 8. Everything present: no install, no message.
setup root apt-get java mvn jar
launch
expect "all present" '[ "$rc" = 0 ] && [ -z "$err" ] && [ ! -s "$calls" ]' "nothing installed"

if [ "$failures" -gt 0 ]; then
  echo "launcher-test: $failures failed" >&2
  exit 1
fi
echo "launcher-test: ok (8 cases)"
