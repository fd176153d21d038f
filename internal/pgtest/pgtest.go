// Package pgtest starts throwaway PostgreSQL clusters for tests: initdb
// into a temporary directory, a server listening only on a Unix socket
// inside it, stopped and removed when the test ends. Nothing needs to run
// beforehand; when the PostgreSQL binaries are missing the test fails with
// the command that installs them (it is never skipped).
//
// PostgreSQL refuses to run as root, so when the tests run as root the
// cluster's files belong to, and its processes run as, the unprivileged
// user "nobody" (or $ARCHIVIST_PG_USER).
package pgtest

import (
	"bytes"
	"context"
	"errors"
	"fmt"
	"os"
	"os/exec"
	"os/user"
	"path/filepath"
	"strconv"
	"strings"
	"sync/atomic"
	"syscall"
	"testing"
	"time"
)

// InstallHint is the message of a test that found no PostgreSQL binaries.
const InstallHint = "PostgreSQL server binaries (initdb, pg_ctl, postgres) not found: " +
	"install them with `apt-get install -y postgresql` (Debian/Ubuntu) " +
	"or set $ARCHIVIST_PG_BIN to the folder that holds them"

// Superuser is the name of the cluster's superuser.
const Superuser = "archivist"

// Cluster is a running throwaway PostgreSQL server.
type Cluster struct {
	bin    string // folder of initdb, pg_ctl, createdb
	dir    string // root of the temporary tree
	data   string // data directory
	socket string // folder of the Unix socket
	cred   *syscall.Credential
	dbs    atomic.Int64
}

// Start starts a cluster for t and stops it when t ends.
func Start(t testing.TB) *Cluster {
	t.Helper()
	c, err := start(context.Background())
	if err != nil {
		t.Fatalf("pgtest: %v", err)
	}
	t.Cleanup(c.Stop)
	return c
}

// StartMain starts a cluster for a whole package, from TestMain. The
// caller stops it after m.Run.
func StartMain() (*Cluster, error) {
	return start(context.Background())
}

func start(ctx context.Context) (*Cluster, error) {
	bin, err := findBin()
	if err != nil {
		return nil, err
	}
	cred, err := runAs()
	if err != nil {
		return nil, err
	}
	sweep(bin, os.TempDir())
	dir, err := os.MkdirTemp("", "pgtest-")
	if err != nil {
		return nil, fmt.Errorf("temporary folder: %w", err)
	}
	if err := os.WriteFile(filepath.Join(dir, ownerFile), []byte(strconv.Itoa(os.Getpid())+"\n"), 0o644); err != nil {
		os.RemoveAll(dir)
		return nil, fmt.Errorf("temporary folder: %w", err)
	}
	c := &Cluster{bin: bin, dir: dir, data: filepath.Join(dir, "data"), socket: dir, cred: cred}
	if err := c.prepare(); err != nil {
		os.RemoveAll(dir)
		return nil, err
	}
	if err := c.initdb(ctx); err != nil {
		os.RemoveAll(dir)
		return nil, err
	}
	if err := c.startServer(ctx); err != nil {
		os.RemoveAll(dir)
		return nil, err
	}
	return c, nil
}

// ownerFile, in a cluster's root folder, holds the process id of the test
// binary that started the cluster.
const ownerFile = "owner.pid"

// sweep stops and removes the clusters under tmp (pgtest-*) whose owner,
// the test binary that started them, is gone: one killed before its
// cleanup ran (SIGKILL, a test timeout) leaves its server running.
// Folders without an owner file, or whose owner still runs, are left.
func sweep(bin, tmp string) {
	dirs, _ := filepath.Glob(filepath.Join(tmp, "pgtest-*"))
	for _, dir := range dirs {
		b, err := os.ReadFile(filepath.Join(dir, ownerFile))
		if err != nil {
			continue
		}
		pid, err := strconv.Atoi(strings.TrimSpace(string(b)))
		if err != nil || pid <= 0 || alive(pid) {
			continue
		}
		c := &Cluster{bin: bin, dir: dir, data: filepath.Join(dir, "data"), socket: dir}
		c.cred, _ = runAs()
		c.Stop()
	}
}

// alive reports whether process pid exists (signal 0 reaches it, or it
// belongs to another user).
func alive(pid int) bool {
	err := syscall.Kill(pid, 0)
	return err == nil || errors.Is(err, syscall.EPERM)
}

// findBin finds the folder of the server binaries: $ARCHIVIST_PG_BIN,
// then $PATH, then Debian's /usr/lib/postgresql/N/bin (newest first).
func findBin() (string, error) {
	if d := os.Getenv("ARCHIVIST_PG_BIN"); d != "" {
		if isExec(filepath.Join(d, "initdb")) {
			return d, nil
		}
		return "", fmt.Errorf("$ARCHIVIST_PG_BIN=%s has no initdb; %s", d, InstallHint)
	}
	if p, err := exec.LookPath("initdb"); err == nil {
		if real, err := filepath.EvalSymlinks(p); err == nil {
			p = real
		}
		if d := filepath.Dir(p); isExec(filepath.Join(d, "pg_ctl")) {
			return d, nil
		}
	}
	dirs, _ := filepath.Glob("/usr/lib/postgresql/*/bin")
	best, bestV := "", -1
	for _, d := range dirs {
		v, err := strconv.Atoi(filepath.Base(filepath.Dir(d)))
		if err == nil && v > bestV && isExec(filepath.Join(d, "initdb")) {
			best, bestV = d, v
		}
	}
	if best == "" {
		return "", errors.New(InstallHint)
	}
	return best, nil
}

func isExec(path string) bool {
	fi, err := os.Stat(path)
	return err == nil && !fi.IsDir() && fi.Mode()&0o111 != 0
}

// runAs returns the credential of the unprivileged user the server runs
// as when the tests run as root, or nil.
func runAs() (*syscall.Credential, error) {
	if os.Geteuid() != 0 {
		return nil, nil
	}
	name := os.Getenv("ARCHIVIST_PG_USER")
	if name == "" {
		name = "nobody"
	}
	u, err := user.Lookup(name)
	if err != nil {
		return nil, fmt.Errorf("tests run as root and PostgreSQL refuses root: user %q: %w", name, err)
	}
	uid, _ := strconv.Atoi(u.Uid)
	gid, _ := strconv.Atoi(u.Gid)
	return &syscall.Credential{Uid: uint32(uid), Gid: uint32(gid)}, nil
}

// prepare makes the tree reachable and owned by the server's user.
func (c *Cluster) prepare() error {
	if err := os.Chmod(c.dir, 0o755); err != nil {
		return err
	}
	if err := os.Mkdir(c.data, 0o700); err != nil {
		return err
	}
	if c.cred == nil {
		return nil
	}
	for _, p := range []string{c.dir, c.data} {
		if err := os.Chown(p, int(c.cred.Uid), int(c.cred.Gid)); err != nil {
			return fmt.Errorf("hand %s to the server's user: %w", p, err)
		}
	}
	return nil
}

// command runs one of the cluster's binaries as the server's user.
func (c *Cluster) command(ctx context.Context, name string, args ...string) *exec.Cmd {
	cmd := exec.CommandContext(ctx, filepath.Join(c.bin, name), args...)
	cmd.Env = append(os.Environ(), "LC_ALL=C", "TZ=UTC", "PGTZ=UTC")
	if c.cred != nil {
		cmd.SysProcAttr = &syscall.SysProcAttr{Credential: c.cred}
		cmd.Dir = c.dir
	}
	return cmd
}

func (c *Cluster) run(ctx context.Context, name string, args ...string) error {
	cmd := c.command(ctx, name, args...)
	var out bytes.Buffer
	cmd.Stdout, cmd.Stderr = &out, &out
	if err := cmd.Run(); err != nil {
		return fmt.Errorf("%s: %w\n%s", name, err, strings.TrimSpace(out.String()))
	}
	return nil
}

func (c *Cluster) initdb(ctx context.Context) error {
	return c.run(ctx, "initdb", "-D", c.data, "-U", Superuser, "-A", "trust",
		"-E", "UTF8", "--locale=C", "--no-sync")
}

// startServer starts postgres on the Unix socket only, tuned for tests:
// no fsync, nothing durable past the test.
func (c *Cluster) startServer(ctx context.Context) error {
	args := []string{
		"-c listen_addresses=''",
		"-k " + c.socket,
		"-c fsync=off",
		"-c synchronous_commit=off",
		"-c full_page_writes=off",
		"-c max_connections=100",
		"-c shared_buffers=64MB",
	}
	// Statement counts for benchmarks (CREATE EXTENSION
	// pg_stat_statements in a database to read them), where the module is
	// installed (Debian's postgresql package has it beside the binaries).
	if _, err := os.Stat(filepath.Join(c.bin, "..", "lib", "pg_stat_statements.so")); err == nil {
		args = append(args, "-c shared_preload_libraries=pg_stat_statements")
	}
	opts := strings.Join(args, " ")
	ctx, cancel := context.WithTimeout(ctx, 60*time.Second)
	defer cancel()
	return c.run(ctx, "pg_ctl", "start", "-w", "-D", c.data,
		"-l", filepath.Join(c.data, "server.log"), "-o", opts)
}

// Restart stops the server at once (pg_ctl's fast mode: every session
// is ended, as at a server restart or a failover) and starts it again on
// the same data, socket and settings, after down has passed.
func (c *Cluster) Restart(t testing.TB, down time.Duration) {
	t.Helper()
	ctx, cancel := context.WithTimeout(context.Background(), 60*time.Second)
	defer cancel()
	if err := c.run(ctx, "pg_ctl", "stop", "-D", c.data, "-m", "fast", "-w"); err != nil {
		t.Fatalf("pgtest: %v", err)
	}
	time.Sleep(down)
	if err := c.startServer(ctx); err != nil {
		t.Fatalf("pgtest: %v", err)
	}
}

// Stop stops the server and removes its files.
func (c *Cluster) Stop() {
	ctx, cancel := context.WithTimeout(context.Background(), 30*time.Second)
	defer cancel()
	if _, err := os.Stat(filepath.Join(c.data, "postmaster.pid")); err == nil {
		_ = c.run(ctx, "pg_ctl", "stop", "-D", c.data, "-m", "immediate", "-w")
	}
	os.RemoveAll(c.dir)
}

// URL is a connection URL for database db of the cluster.
func (c *Cluster) URL(db string) string {
	return fmt.Sprintf("postgres://%s@/%s?host=%s&sslmode=disable", Superuser, db, c.socket)
}

// NewDatabase creates an empty database for t and returns its URL. The
// database lives as long as the cluster.
func (c *Cluster) NewDatabase(t testing.TB) string {
	t.Helper()
	name := fmt.Sprintf("t%d", c.dbs.Add(1))
	if err := c.run(context.Background(), "createdb", "-h", c.socket, "-U", Superuser, name); err != nil {
		t.Fatalf("pgtest: %v", err)
	}
	return c.URL(name)
}

// Log returns the server's log, for a failing test to print.
func (c *Cluster) Log() string {
	b, _ := os.ReadFile(filepath.Join(c.data, "server.log"))
	return string(b)
}

// CPU returns the processor time the cluster has used so far: the
// postmaster's user and system time, that of the backends and other
// children it has reaped (a connection's backend is reaped when the
// connection closes), and that of its children still running. It reads
// /proc, so it works on Linux only.
func (c *Cluster) CPU() (time.Duration, error) {
	b, err := os.ReadFile(filepath.Join(c.data, "postmaster.pid"))
	if err != nil {
		return 0, fmt.Errorf("cluster cpu: %w", err)
	}
	pid, err := strconv.Atoi(strings.TrimSpace(strings.SplitN(string(b), "\n", 2)[0]))
	if err != nil {
		return 0, fmt.Errorf("cluster cpu: postmaster.pid: %w", err)
	}
	ticks, err := procTicks(pid, true)
	if err != nil {
		return 0, fmt.Errorf("cluster cpu: %w", err)
	}
	procs, _ := filepath.Glob("/proc/[0-9]*/stat")
	for _, p := range procs {
		child, err := strconv.Atoi(filepath.Base(filepath.Dir(p)))
		if err != nil || child == pid || parentOf(p) != pid {
			continue
		}
		// A child that exits meanwhile is counted by the postmaster's
		// cutime/cstime at the next reading.
		if t, err := procTicks(child, true); err == nil {
			ticks += t
		}
	}
	// USER_HZ is 100 on every Linux the tests run on.
	return time.Duration(ticks) * (time.Second / 100), nil
}

// statFields returns the fields of /proc/PID/stat after the command name.
func statFields(path string) []string {
	b, err := os.ReadFile(path)
	if err != nil {
		return nil
	}
	i := bytes.LastIndexByte(b, ')')
	if i < 0 {
		return nil
	}
	return strings.Fields(string(b[i+1:]))
}

// parentOf returns the parent process id in the /proc stat file at path.
func parentOf(path string) int {
	f := statFields(path)
	if len(f) < 2 {
		return -1
	}
	ppid, _ := strconv.Atoi(f[1])
	return ppid
}

// procTicks returns utime+stime of process pid, plus cutime+cstime (its
// reaped children) when children is set, in clock ticks.
func procTicks(pid int, children bool) (int64, error) {
	f := statFields(fmt.Sprintf("/proc/%d/stat", pid))
	// After the name: state(0) ppid(1) ... utime(11) stime(12) cutime(13) cstime(14).
	if len(f) < 15 {
		return 0, fmt.Errorf("/proc/%d/stat: unreadable", pid)
	}
	n := 2
	if children {
		n = 4
	}
	var sum int64
	for _, s := range f[11 : 11+n] {
		v, err := strconv.ParseInt(s, 10, 64)
		if err != nil {
			return 0, fmt.Errorf("/proc/%d/stat: %w", pid, err)
		}
		sum += v
	}
	return sum, nil
}
