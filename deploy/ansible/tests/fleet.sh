# A fleet of served TDX hosts behind real sshd servers, for the Ansible end-to-end test
# and the rollout benchmark. Source it from bash; it defines functions only.
#
# Each host hN (N = 1..count): `tdxctl host serve` mounts a simulated host at
# $FLEET_DIR/hN/root, and its own sshd listens on 127.0.0.(10+N):$FLEET_PORT, accepting
# only a key generated here. Ansible reaches every host as root over SSH; its tdx_root is
# the served mount. `fleet_stop` (call it from an EXIT trap) ends every sshd and server it
# started, by process id, unmounts and removes the folder.
#
# Needs: root, sshd and ssh-keygen (openssh-server, openssh-client), fusermount3 and
# /dev/fuse (fuse3), python3, and a tdxctl built with the FUSE trait.

FLEET_DIR=""
FLEET_PORT="${FLEET_PORT:-$((20000 + $$ % 20000))}"
FLEET_TDXCTL=""
FLEET_IMAGES=""
FLEET_TRUST="intel"
FLEET_FROM="1.5.06"
declare -A FLEET_SSHD_PID=()
declare -A FLEET_SERVE_PID=()

# Prints why the fleet cannot run here, or nothing when it can.
fleet_missing() {
    [ "$(id -u)" -eq 0 ] || { echo "not root (sshd must accept root logins)"; return; }
    local tool
    for tool in ansible-playbook ssh ssh-keygen fusermount3 python3 timeout; do
        command -v "$tool" >/dev/null || { echo "$tool not found"; return; }
    done
    [ -x /usr/sbin/sshd ] || { echo "/usr/sbin/sshd not found (openssh-server)"; return; }
    [ -c /dev/fuse ] || { echo "/dev/fuse missing"; return; }
}

# Finds module images: $TDX_E2E_IMAGES, else Intel's release folder beside the repository
# (CI checks it out at ../shared). Prints the folder or nothing.
fleet_find_images() {
    local repo="$1" dir
    for dir in "${TDX_E2E_IMAGES:-}" "$repo/../shared/data/intel-tdx-module-binaries"; do
        if [ -n "$dir" ] && [ -f "$dir/mapping_file.json" ]; then
            (cd "$dir" && pwd)
            return
        fi
    done
}

# fleet_init TDXCTL IMAGES: a fresh folder, the client key, the host key.
fleet_init() {
    FLEET_TDXCTL="$1"
    FLEET_IMAGES="$2"
    FLEET_DIR="$(mktemp -d /tmp/tdx-fleet.XXXXXX)"
    mkdir -p "$FLEET_DIR/ansible-local" "$FLEET_DIR/ansible-remote" "$FLEET_DIR/cp" /run/sshd
    ssh-keygen -q -t ed25519 -N '' -C tdx-fleet-client -f "$FLEET_DIR/client_key"
    ssh-keygen -q -t ed25519 -N '' -C tdx-fleet-host -f "$FLEET_DIR/host_key"
    cp "$FLEET_DIR/client_key.pub" "$FLEET_DIR/authorized_keys"
    chmod 600 "$FLEET_DIR/authorized_keys"
}

fleet_address() { echo "127.0.0.$((10 + $1))"; }
fleet_root() { echo "$FLEET_DIR/h$1/root"; }

# Polls (bounded) until COMMAND succeeds; fails with MESSAGE after SECONDS.
fleet_wait() {
    local seconds="$1" message="$2"
    shift 2
    local deadline=$((SECONDS + seconds))
    until "$@" 2>/dev/null; do
        if [ "$SECONDS" -ge "$deadline" ]; then
            echo "FAILED: $message (waited ${seconds}s)" >&2
            return 1
        fi
        sleep 0.1
    done
}

# fleet_serve N [tdxctl host serve options...]: serves host N (running $FLEET_FROM) and
# waits until its module version can be read through the mount.
fleet_serve() {
    local n="$1"
    shift
    local root
    root="$(fleet_root "$n")"
    mkdir -p "$root"
    "$FLEET_TDXCTL" host serve --mount "$root" --from "$FLEET_FROM" --images "$FLEET_IMAGES" \
        --trust "$FLEET_TRUST" --cpus 4 --tds 2 --json "$@" \
        >"$FLEET_DIR/h$n/serve.json" 2>"$FLEET_DIR/h$n/serve.log" &
    FLEET_SERVE_PID[$n]=$!
    fleet_wait 60 "h$n: served host at $root" grep -q . "$root/sys/devices/faux/tdx_host/version" || {
        cat "$FLEET_DIR/h$n/serve.log" >&2
        return 1
    }
}

# fleet_unserve N: ends host N's server (SIGTERM unmounts) and makes sure nothing stays mounted.
fleet_unserve() {
    local n="$1" pid="${FLEET_SERVE_PID[$1]:-}"
    if [ -n "$pid" ]; then
        kill -TERM "$pid" 2>/dev/null || true
        timeout 30 tail --pid="$pid" -f /dev/null || kill -KILL "$pid" 2>/dev/null || true
        wait "$pid" 2>/dev/null || true
        unset "FLEET_SERVE_PID[$n]"
    fi
    local root
    root="$(fleet_root "$n")"
    if grep -qs " $root fuse" /proc/self/mounts; then
        fusermount3 -u "$root" 2>/dev/null || fusermount3 -u -z "$root" 2>/dev/null || true
    fi
}

# fleet_sshd N: host N's own sshd on its loopback address, waits until it takes the key.
fleet_sshd() {
    local n="$1" address
    address="$(fleet_address "$n")"
    mkdir -p "$FLEET_DIR/h$n"
    cat >"$FLEET_DIR/h$n/sshd_config" <<EOF
ListenAddress $address:$FLEET_PORT
HostKey $FLEET_DIR/host_key
PidFile $FLEET_DIR/h$n/sshd.pid
AuthorizedKeysFile $FLEET_DIR/authorized_keys
PermitRootLogin prohibit-password
PubkeyAuthentication yes
PasswordAuthentication no
KbdInteractiveAuthentication no
UsePAM no
StrictModes no
MaxStartups 100
MaxSessions 100
Subsystem sftp internal-sftp
LogLevel ERROR
EOF
    /usr/sbin/sshd -D -e -f "$FLEET_DIR/h$n/sshd_config" 2>"$FLEET_DIR/h$n/sshd.log" &
    FLEET_SSHD_PID[$n]=$!
    fleet_wait 30 "h$n: sshd on $address:$FLEET_PORT" \
        ssh -n -i "$FLEET_DIR/client_key" -p "$FLEET_PORT" -o BatchMode=yes -o StrictHostKeyChecking=no \
        -o UserKnownHostsFile=/dev/null -o LogLevel=ERROR -o ConnectTimeout=2 "root@$address" true || {
        cat "$FLEET_DIR/h$n/sshd.log" >&2
        return 1
    }
}

# Prints the process ids of PID's descendants, deepest first.
fleet_descendants() {
    local child
    for child in $(pgrep -P "$1" || true); do
        fleet_descendants "$child"
        echo "$child"
    done
}

# fleet_stop_sshd N: stops host N's sshd and every session it started (sshd's session
# processes outlive the listener), and closes Ansible's persistent SSH connection to it,
# so the host is unreachable.
fleet_stop_sshd() {
    local n="$1" pid="${FLEET_SSHD_PID[$1]:-}"
    [ -n "$pid" ] || return 0
    local sessions
    sessions="$(fleet_descendants "$pid")"
    kill -TERM "$pid" $sessions 2>/dev/null || true
    timeout 30 tail --pid="$pid" -f /dev/null || kill -KILL "$pid" 2>/dev/null || true
    wait "$pid" 2>/dev/null || true
    unset "FLEET_SSHD_PID[$n]"
    # Ansible's ControlPath is DIR/%C, which ssh computes the same way here.
    ssh -O exit -o ControlPath="$FLEET_DIR/cp/%C" -p "$FLEET_PORT" "root@$(fleet_address "$n")" 2>/dev/null || true
}

# fleet_inventory COUNT FILE [extra group vars as 'key: value' lines]: the inventory of
# hosts h1..hCOUNT in the group tdx_hosts, reached over SSH.
fleet_inventory() {
    local count="$1" file="$2" n
    shift 2
    {
        echo "all:"
        echo "  children:"
        echo "    tdx_hosts:"
        echo "      hosts:"
        for n in $(seq 1 "$count"); do
            echo "        h$n:"
            echo "          ansible_host: $(fleet_address "$n")"
            echo "          tdx_root: $(fleet_root "$n")"
            echo "          tdx_state_dir: $FLEET_DIR/h$n/state"
        done
        echo "      vars:"
        echo "        ansible_port: $FLEET_PORT"
        echo "        ansible_user: root"
        echo "        ansible_ssh_private_key_file: $FLEET_DIR/client_key"
        echo "        ansible_ssh_common_args: -o StrictHostKeyChecking=no -o UserKnownHostsFile=/dev/null"
        echo "        tdxctl_path: $FLEET_TDXCTL"
        echo "        tdx_images_dir: $FLEET_IMAGES"
        echo "        tdx_trust: $FLEET_TRUST"
        local line
        for line in "$@"; do echo "        $line"; done
    } >"$file"
}

# Environment for ansible-playbook: this folder's ansible.cfg, temporary folders in the fleet's.
fleet_ansible_env() {
    export ANSIBLE_CONFIG="$1/ansible.cfg"
    export ANSIBLE_LOCAL_TEMP="$FLEET_DIR/ansible-local"
    export ANSIBLE_REMOTE_TEMP="$FLEET_DIR/ansible-remote"
    export ANSIBLE_SSH_CONTROL_PATH_DIR="$FLEET_DIR/cp"
    export ANSIBLE_HOME="$FLEET_DIR/ansible-home"
    export ANSIBLE_RETRY_FILES_ENABLED=False
    export ANSIBLE_NOCOLOR=1
}

# Reads host N's module version through its mount ("unreadable" when the read fails, as
# after a fatal failure).
fleet_version() {
    local text
    text="$(cat "$(fleet_root "$1")/sys/devices/faux/tdx_host/version" 2>/dev/null)" || text="unreadable"
    echo "${text:-unreadable}"
}

# Ends every server and sshd started here, unmounts, removes the folder.
fleet_stop() {
    local n
    for n in "${!FLEET_SSHD_PID[@]}"; do fleet_stop_sshd "$n"; done
    for n in "${!FLEET_SERVE_PID[@]}"; do fleet_unserve "$n"; done
    if [ -n "$FLEET_DIR" ] && [ -d "$FLEET_DIR" ]; then
        local root
        for root in "$FLEET_DIR"/h*/root; do
            if grep -qs " $root fuse" /proc/self/mounts; then fusermount3 -u -z "$root" 2>/dev/null || true; fi
        done
        rm -rf "$FLEET_DIR"
    fi
}
