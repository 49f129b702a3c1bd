# Shared by the benchmark scripts (sourced, run from the repository root).

# Builds the release binary and sets $bin to it.
release_binary() {
  swift build -c release >/dev/null
  bin=.build/release/hermes-workspace
}

# Sets $home to the 100,000-session / 1,000,000-message home, generating it once into .bench/ from our demo home.
large_home() {
  home=.bench/home-1m
  if [ ! -f "$home/state.db" ]; then
    rm -rf "$home"
    mkdir -p .bench
    python3 Benchmarks/sessions/generate_home.py "$bin" "$home"
  fi
}

# The median of the numbers on stdin, one per line.
median() { sort -n | awk '{a[NR]=$1} END {print a[int((NR+1)/2)]}'; }

# wrk's latency text (850.12us, 3.20ms, 1.02s) in milliseconds; "none" stays "none".
to_ms() { awk '{v=$1; if (v == "none") {print v; next}; if (v ~ /us$/) {sub(/us$/,"",v); v/=1000} else if (v ~ /ms$/) {sub(/ms$/,"",v)} else if (v ~ /s$/) {sub(/s$/,"",v); v*=1000}; printf "%.2f\n", v}'; }

# Stops the benchmark when something already listens on 127.0.0.1:$1: our server would refuse to start there, and
# the script's wait for a 200 would then measure whoever holds the port (a stray server of an earlier run).
free_port() {
  if (exec 3<>"/dev/tcp/127.0.0.1/$1") 2>/dev/null; then
    echo "port $1 is already in use (by $(ss -ltnpH "sport = :$1" 2>/dev/null | grep -o 'users:.*' || echo "another program")); stop it first" >&2
    exit 1
  fi
}
