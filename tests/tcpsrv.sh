# tests/tcpsrv.sh: start xapian-tcpsrv on a free loopback port, for the
# shard tests and bench/shards.sh.  Source it, then:
#   tcpsrv_start LOGDIR DB...   prints "PORT PID" once the server listens
# (returns 1 after 20 tries).  The server runs in its own session (setsid):
# when it stops it signals its whole process group, which must not be ours.
tcpsrv_start() {
	_logdir=$1
	shift
	_try=0
	while [ $_try -lt 20 ]; do
		_ns=$(date +%N | sed 's/^0*//')
		_seed=$((($$ * 1000 + _try * 7919 + ${_ns:-0} % 100000) % 2147483647))
		_port=$(awk -v s="$_seed" 'BEGIN { srand(s); printf "%d", 20000 + rand() * 40000 }')
		setsid xapian-tcpsrv --port "$_port" "$@" >"$_logdir/srv-$_port.log" 2>&1 &
		_pid=$!
		_i=0
		while [ $_i -lt 50 ] && ! grep -q Listening "$_logdir/srv-$_port.log" 2>/dev/null; do
			kill -0 $_pid 2>/dev/null || break
			sleep 0.1
			_i=$((_i + 1))
		done
		if grep -q Listening "$_logdir/srv-$_port.log"; then
			echo "$_port $_pid"
			return 0
		fi
		kill $_pid 2>/dev/null
		_try=$((_try + 1))
	done
	return 1
}
