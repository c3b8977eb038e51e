#!/usr/bin/env bash
# A private OpenSSH server on 127.0.0.1 for the SFTP tests (docs/sftp.md).
#
#   scripts/sshd-test-server.sh start DIR     start (or keep running) sshd; prints the port
#   scripts/sshd-test-server.sh stop DIR      stop it (the PID in DIR/pid and every process below it)
#   scripts/sshd-test-server.sh restart DIR   stop, then start on the same port with the same keys
#
# Everything lives in DIR: sshd_config, the host key, the client keys (client_ed25519 without passphrase,
# client_rsa with passphrase "test-passphrase"), authorized_keys, sshd.log, and the files the tests read:
#   DIR/port              the TCP port
#   DIR/pid               the sshd PID (written by sshd itself, -D mode)
#   DIR/host_key.pub      known_hosts line "[127.0.0.1]:PORT ssh-ed25519 AAAA..."
#   DIR/host_fingerprint  "SHA256:..." as ssh-keygen -lf prints it
# The login is the current user (root in CI) with a public key; password logins are offered by the server
# but root may not use one (PermitRootLogin prohibit-password), which the tests rely on.
# Idempotent: start on a running server and stop on a stopped one succeed quietly.
set -euo pipefail

usage() {
    echo "usage: $0 start|stop|restart DIR" >&2
    exit 2
}

[[ $# -eq 2 ]] || usage
command=$1
dir=$2

is_running() {
    [[ -s "$dir/pid" ]] || return 1
    local pid
    pid=$(cat "$dir/pid")
    [[ -n "$pid" ]] || return 1
    kill -0 "$pid" 2>/dev/null || return 1
    # A zombie or a recycled PID is not our server.
    [[ -r "/proc/$pid/stat" ]] || return 1
    local state
    state=$(sed -e 's/^.*) //' "/proc/$pid/stat" | cut -d' ' -f1)
    [[ "$state" != "Z" ]] || return 1
    grep -q sshd "/proc/$pid/cmdline" 2>/dev/null
}

# PIDs of every process below $1 (children first discovered, then theirs), read from /proc.
descendants() {
    local parent=$1 child
    for child in $(ps -o pid= --ppid "$parent" 2>/dev/null); do
        echo "$child"
        descendants "$child"
    done
}

stop_server() {
    if ! is_running; then
        rm -f "$dir/pid"
        return 0
    fi
    local pid children
    pid=$(cat "$dir/pid")
    # Per-connection sshd processes survive their parent; collect them first, then end them too, so that a
    # "stop" looks like a crashed server to connected clients.
    children=$(descendants "$pid" | tr '\n' ' ')
    kill -TERM "$pid" 2>/dev/null || true
    # shellcheck disable=SC2086
    [[ -z "$children" ]] || kill -KILL $children 2>/dev/null || true
    for _ in $(seq 1 100); do
        kill -0 "$pid" 2>/dev/null || break
        state=$(sed -e 's/^.*) //' "/proc/$pid/stat" 2>/dev/null | cut -d' ' -f1 || true)
        [[ "$state" != "Z" ]] || break
        sleep 0.05
    done
    if kill -0 "$pid" 2>/dev/null && [[ "$(sed -e 's/^.*) //' "/proc/$pid/stat" 2>/dev/null | cut -d' ' -f1)" != "Z" ]]; then
        kill -KILL "$pid" 2>/dev/null || true
    fi
    rm -f "$dir/pid"
}

free_port() {
    python3 -c 'import socket; s = socket.socket(); s.bind(("127.0.0.1", 0)); print(s.getsockname()[1]); s.close()'
}

port_open() {
    python3 - "$1" <<'EOF' 2>/dev/null
import socket, sys
s = socket.socket()
s.settimeout(0.5)
try:
    s.connect(("127.0.0.1", int(sys.argv[1])))
    data = s.recv(64)
    sys.exit(0 if data.startswith(b"SSH-") else 1)
except OSError:
    sys.exit(1)
finally:
    s.close()
EOF
}

start_server() {
    mkdir -p "$dir" /run/sshd
    dir=$(cd "$dir" && pwd)
    if is_running; then
        cat "$dir/port"
        return 0
    fi
    local user
    user=$(id -un)
    [[ -f "$dir/ssh_host_ed25519_key" ]] || ssh-keygen -q -t ed25519 -N '' -C edigate-test-host -f "$dir/ssh_host_ed25519_key"
    [[ -f "$dir/client_ed25519" ]] || ssh-keygen -q -t ed25519 -N '' -C edigate-test-client -f "$dir/client_ed25519"
    [[ -f "$dir/client_rsa" ]] || ssh-keygen -q -t rsa -b 3072 -N 'test-passphrase' -C edigate-test-rsa -f "$dir/client_rsa"
    # A key the server does not know, for the "wrong key" tests.
    [[ -f "$dir/stranger_ed25519" ]] || ssh-keygen -q -t ed25519 -N '' -C edigate-test-stranger -f "$dir/stranger_ed25519"
    mkdir -p "$dir/authorized_keys" "$dir/files"
    cat "$dir/client_ed25519.pub" "$dir/client_rsa.pub" > "$dir/authorized_keys/$user"
    chmod 600 "$dir/authorized_keys/$user"

    local port
    if [[ -s "$dir/port" ]]; then port=$(cat "$dir/port"); else port=$(free_port); fi

    cat > "$dir/sshd_config" <<EOF
Port $port
ListenAddress 127.0.0.1
HostKey $dir/ssh_host_ed25519_key
PidFile $dir/pid
AuthorizedKeysFile $dir/authorized_keys/%u
PubkeyAuthentication yes
PasswordAuthentication yes
PermitEmptyPasswords no
KbdInteractiveAuthentication no
UsePAM no
PermitRootLogin prohibit-password
AllowUsers $user
Subsystem sftp internal-sftp
ForceCommand internal-sftp
AllowTcpForwarding no
X11Forwarding no
StrictModes no
LogLevel VERBOSE
MaxStartups 100:30:200
MaxSessions 50
EOF
    /usr/sbin/sshd -t -f "$dir/sshd_config"

    # stdin/stdout detached: whoever runs this script must not wait for sshd's end of the pipe.
    /usr/sbin/sshd -f "$dir/sshd_config" -D -e < /dev/null >> "$dir/sshd.log" 2>&1 &
    local pid=$!
    echo "$port" > "$dir/port"
    local host_key
    host_key=$(cut -d' ' -f1,2 "$dir/ssh_host_ed25519_key.pub")
    echo "[127.0.0.1]:$port $host_key" > "$dir/host_key.pub"
    ssh-keygen -lf "$dir/ssh_host_ed25519_key.pub" | cut -d' ' -f2 > "$dir/host_fingerprint"

    for _ in $(seq 1 200); do
        if port_open "$port"; then
            # sshd writes its PID file after binding; -D keeps $! the daemon itself.
            [[ -s "$dir/pid" ]] || echo "$pid" > "$dir/pid"
            echo "$port"
            return 0
        fi
        if ! kill -0 "$pid" 2>/dev/null; then break; fi
        sleep 0.05
    done
    echo "sshd did not start on 127.0.0.1:$port; $dir/sshd.log says:" >&2
    tail -n 20 "$dir/sshd.log" >&2 || true
    kill "$pid" 2>/dev/null || true
    exit 1
}

case "$command" in
    start) start_server ;;
    stop)
        [[ -d "$dir" ]] || exit 0
        stop_server
        ;;
    restart)
        mkdir -p "$dir"
        stop_server
        start_server
        ;;
    *) usage ;;
esac
