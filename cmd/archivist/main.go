// Command archivist builds research-grade archives of news: it crawls seed
// URLs politely, keeps every capture, extracts clean articles into a SQLite
// corpus, indexes them with bleve, and answers searches and exports.
package main

import (
	"context"
	"errors"
	"flag"
	"fmt"
	"io"
	"io/fs"
	"log"
	"log/slog"
	"os"
	"os/signal"
	"path/filepath"
	"regexp"
	"slices"
	"sort"
	"strconv"
	"strings"
	"sync"
	"syscall"
	"time"

	"github.com/archivist-project/archivist/corpus"
	"github.com/archivist-project/archivist/index"
	"github.com/archivist-project/archivist/internal/initgc"
	"github.com/archivist-project/archivist/internal/panics"
	"github.com/archivist-project/archivist/internal/quote"
	"github.com/archivist-project/archivist/scraper"
)

// init gives the garbage collector back: internal/initgc turned it off
// while the packages initialised (a collection then frees little and
// costs a short command more than it saves), and the main package is
// initialised last, before main or any test runs.
func init() { initgc.Restore() }

// version is set at build time with -ldflags "-X main.version=...".
var version = scraper.Version

// command is one subcommand: its name, a one-line summary, its usage text
// and the function that parses its flags and runs it.
type command struct {
	name    string
	summary string
	usage   string
	run     func(ctx context.Context, env *env, args []string) error
}

// env is what every command gets from main: the streams and the global
// options.
type env struct {
	stdin          io.Reader
	stdout, stderr io.Writer
	global         globalOptions
	// globalGiven holds the global flags given before the command, with
	// their values: given again after it with another value, they are a
	// usage error, as a flag given twice anywhere is.
	globalGiven map[string]string
	command     string // the command's name (crawl, export...)
	logger      *slog.Logger
	// stderrIsTerminal enables the live status line of crawl, and
	// stderrWidth (nil or 0 when unknown) gives its width in columns.
	stderrIsTerminal bool
	stderrWidth      func() int
	// indexOpener, when set, replaces index.Open for a crawl's index
	// updates (tests inject failures with it).
	indexOpener func(path string, opts ...index.Option) (indexUpdater, error)
	// indexEvery is how often a crawl brings the index up to date (5s
	// when zero).
	indexEvery time.Duration
	// indexHeld is set when the index was opened read-only while another
	// process (a crawl) was writing it.
	indexHeld bool
	// atStep, when set, is called at each step where a command puts a
	// finished file in place: tests look there at what a kill would
	// leave.
	atStep func(step string)
}

// step calls atStep, if set, with the step's name.
func (e *env) step(name string) {
	if e.atStep != nil {
		e.atStep(name)
	}
}

// globalOptions are the flags every command accepts.
type globalOptions struct {
	DB        string
	Store     string // a PostgreSQL URL: the corpus lives there (see store.go)
	Index     string
	Verbose   bool
	LogFormat string
}

// AddFlags registers the global flags on fs.
func (o *globalOptions) AddFlags(fs *flag.FlagSet) {
	fs.StringVar(&o.DB, "db", o.DB, "corpus database `path` (default archive.db, or $ARCHIVIST_DB)")
	fs.StringVar(&o.Store, "store", o.Store, "corpus in PostgreSQL at `URL` postgres://user@host/db instead of --db (or $ARCHIVIST_STORE)")
	fs.StringVar(&o.Index, "index", o.Index, "index folder `path` (default: beside the database, archive.db -> archive.bleve)")
	fs.BoolVar(&o.Verbose, "v", o.Verbose, "verbose: log every fetch and debug details")
	fs.StringVar(&o.LogFormat, "log-format", o.LogFormat, "log `format`: text or json")
}

// indexPath is where the index lives: --index, or beside the database.
func (o *globalOptions) indexPath() string {
	if o.Index != "" {
		return o.Index
	}
	return strings.TrimSuffix(o.DB, filepath.Ext(o.DB)) + ".bleve"
}

// usageError is a mistake in the command line: exit code 2.
type usageError struct{ msg string }

func (e *usageError) Error() string { return e.msg }

func usagef(format string, args ...any) error {
	return &usageError{msg: fmt.Sprintf(format, args...)}
}

func commands() []*command {
	return []*command{
		crawlCommand(), watchCommand(), extractCommand(), indexCommand(), searchCommand(), exportCommand(), statsCommand(),
		verifyCommand(), verifyExportCommand(), importCommand(), versionCommand(),
		historyCommand(), reextractCommand(), migrateCommand(),
	}
}

func findCommand(name string) *command {
	for _, c := range commands() {
		if c.name == name {
			return c
		}
	}
	return nil
}

func main() {
	os.Exit(Main(os.Args[1:], os.Stdin, os.Stdout, os.Stderr))
}

// Main runs archivist with args and returns the exit code: 0 success,
// 1 runtime failure, 2 usage error.
func Main(args []string, stdin io.Reader, stdout, stderr io.Writer) (code int) {
	// bleve's scorch writes to the standard logger ("unable to load
	// snapshot, continuing"), which would print stray lines before our own
	// one-line errors; -v sends them to the debug log (see setup).
	log.SetOutput(io.Discard)
	ctx, stop := signalContext(stderr)
	defer stop()
	defer func() {
		// A bug must not show the user a Go stack dump: one line, with
		// the short stack a bug report needs.
		if v := recover(); v != nil {
			fmt.Fprintf(stderr, "archivist: internal error (a bug in archivist %s; please report it with this line): %s [%s]\n",
				version, oneLine(fmt.Sprint(v)), panics.Stack())
			code = 1
		}
	}()
	err := run(ctx, args, stdin, stdout, stderr)
	return exitCode(err, stderr)
}

// signalContext returns a context cancelled by the first SIGINT or SIGTERM.
// A second signal exits at once.
func signalContext(stderr io.Writer) (context.Context, func()) {
	ctx, cancel := context.WithCancel(context.Background())
	ch := make(chan os.Signal, 2)
	signal.Notify(ch, os.Interrupt, syscall.SIGTERM)
	go onSignals(ctx, cancel, ch, stderr, os.Exit, time.Now)
	return ctx, func() { signal.Stop(ch); cancel() }
}

// signalEcho is how soon after the first signal another one is taken for
// the same signal delivered twice, not a second Ctrl-C: GNU timeout sends
// its signal to the command and then to its process group, so that the
// command gets it twice within microseconds.
const signalEcho = 250 * time.Millisecond

// onSignals cancels the command at the first signal on ch and exits with
// code 130 at a second one that is not an echo of the first (now tells
// the time).
func onSignals(ctx context.Context, cancel func(), ch <-chan os.Signal, stderr io.Writer, exit func(int), now func() time.Time) {
	var sig os.Signal
	select {
	case sig = <-ch:
	case <-ctx.Done():
		return
	}
	first := now()
	fmt.Fprintf(stderr, "\narchivist: %s\n", stopMessage(sig))
	cancel()
	for range ch {
		if now().Sub(first) >= signalEcho {
			fmt.Fprintln(stderr, "archivist: interrupted")
			exit(130)
			return
		}
	}
}

// stopMessage is what archivist says when sig asks it to stop: a second
// Ctrl-C quits at once, but a service manager's SIGTERM is no Ctrl-C.
func stopMessage(sig os.Signal) string {
	if sig == syscall.SIGTERM {
		return "terminated: finishing the work in progress and saving state (a second signal quits at once)"
	}
	return "stopping: finishing the work in progress and saving state (Ctrl-C again to quit now)"
}

func exitCode(err error, stderr io.Writer) int {
	if err == nil {
		return 0
	}
	if errors.Is(err, flag.ErrHelp) {
		return 0
	}
	var ue *usageError
	if errors.As(err, &ue) {
		fmt.Fprintf(stderr, "archivist: %s\n", oneLine(ue.msg))
		return 2
	}
	if errors.Is(err, context.Canceled) {
		fmt.Fprintln(stderr, "archivist: interrupted")
		return 130
	}
	fmt.Fprintf(stderr, "archivist: %s\n", oneLine(err.Error()))
	return 1
}

// oneLine folds a message onto one line. A line that an earlier one ends
// with is dropped: errors joined by a library (pgx's per-attempt connect
// errors, the same for the TLS and plain attempts) would say it twice.
func oneLine(s string) string {
	var kept []string
	for _, l := range strings.Split(s, "\n") {
		l = strings.Join(strings.Fields(l), " ")
		if l != "" && !slices.ContainsFunc(kept, func(k string) bool { return strings.HasSuffix(k, l) }) {
			kept = append(kept, l)
		}
	}
	return strings.Join(kept, " ")
}

func run(ctx context.Context, args []string, stdin io.Reader, stdout, stderr io.Writer) error {
	e := &env{stdin: stdin, stdout: stdout, stderr: stderr}
	e.global.DB = os.Getenv("ARCHIVIST_DB")
	e.global.Store = os.Getenv("ARCHIVIST_STORE")
	e.global.LogFormat = "text"
	if f, ok := stderr.(*os.File); ok && isTerminal(f) {
		e.stderrIsTerminal = true
		e.stderrWidth = func() int { return terminalWidth(f) }
	}

	// Global flags may come before the command name.
	fs := flag.NewFlagSet("archivist", flag.ContinueOnError)
	fs.SetOutput(io.Discard)
	e.global.AddFlags(fs)
	help := fs.Bool("h", false, "show help")
	fs.BoolVar(help, "help", false, "show help")
	once := onlyOnce(fs)
	if err := fs.Parse(args); err != nil {
		if once.dup != nil {
			return usagef("%v", once.dup)
		}
		return usagef("%s (see 'archivist help')", flagError(err))
	}
	args = fs.Args()
	e.globalGiven = map[string]string{}
	fs.Visit(func(f *flag.Flag) { e.globalGiven[f.Name] = f.Value.String() })
	if *help && len(args) > 0 {
		return runHelp(stdout, args[:1]) // archivist --help stats
	}
	if *help || len(args) == 0 {
		printMainUsage(stdout)
		if len(args) == 0 && !*help {
			return usagef("no command given (see 'archivist help')")
		}
		return nil
	}
	name, rest := args[0], args[1:]
	if name == "help" {
		return runHelp(stdout, rest)
	}
	cmd := findCommand(name)
	if cmd == nil {
		return usagef("unknown command %s (see 'archivist help')", quote.Short(name))
	}
	e.command = name
	return e.explain(cmd.run(ctx, e, rest))
}

// remedied is an error whose message already says what to do.
type remedied struct{ error }

func (r remedied) Unwrap() error { return r.error }

// indexCatchUpFor is the error of a command (name: crawl, watch, import)
// that saved every page but could not update the index.
func indexCatchUpFor(name string, err error) error {
	first := ""
	if isDiskFull(err) {
		first = "free space on that disk, then "
	}
	return remedied{fmt.Errorf("%s: every page is saved, but the index could not be updated (%w); %srun 'archivist index' to catch up", name, err, first)}
}

func isDiskFull(err error) bool {
	return errors.Is(err, corpus.ErrDiskFull) || errors.Is(err, syscall.ENOSPC) ||
		strings.Contains(err.Error(), "no space left on device")
}

// resumes says, for the commands that resume where they stopped, how.
var resumes = map[string]string{
	"crawl":     " (a crawl resumes where it stopped)",
	"watch":     " (a watch resumes where it stopped)",
	"import":    " (an import skips the records it imported)",
	"reextract": " (reextract goes on with the rest)",
}

// explain adds to err what the user can do about it, for the failures
// that have a remedy: a damaged corpus, a full disk, files that cannot be
// read or written.
func (e *env) explain(err error) error {
	var ue *usageError
	var done remedied
	if err == nil || errors.As(err, &ue) || errors.As(err, &done) || errors.Is(err, flag.ErrHelp) || errors.Is(err, context.Canceled) {
		return err
	}
	switch {
	case errors.Is(err, corpus.ErrCorrupt):
		return fmt.Errorf("%w; archivist will not write to it; 'archivist verify' lists the damage; to recover: sqlite3 %s \".recover\" | sqlite3 fixed.db, then use --db fixed.db",
			err, e.global.DB)
	case isDiskFull(err):
		return fmt.Errorf("%w; free space on that disk, then run the same command again%s", err, resumes[e.command])
	case errors.Is(err, corpus.ErrFileGone):
		return fmt.Errorf("%w; nothing more was written; what this command wrote before went into the file that was there: put it back (or restore a backup) and run the command again", err)
	case errors.Is(err, corpus.ErrUnsavedWAL):
		return fmt.Errorf("%w; run any archivist command on it once where its folder is writable, or copy the folder to writable storage", err)
	case errors.Is(err, syscall.EROFS):
		return fmt.Errorf("%w; this command writes there: copy the files to writable storage, or pass --db/--index elsewhere", err)
	case errors.Is(err, fs.ErrPermission):
		return fmt.Errorf("%w; check the permissions of that path for the user running archivist", err)
	}
	return err
}

// setup finishes the environment once a command parsed its flags: defaults
// and the logger.
func (e *env) setup() error {
	if e.global.DB == "" {
		e.global.DB = "archive.db"
	}
	var level slog.Level
	if e.global.Verbose {
		level = slog.LevelDebug
	}
	switch e.global.LogFormat {
	case "text", "", "json":
		e.logger = e.newLogger(e.stderr, level)
	default:
		return usagef("bad --log-format %s (want text or json)", quote.Short(e.global.LogFormat))
	}
	if e.global.Verbose {
		log.SetFlags(0)
		log.SetOutput(slog.NewLogLogger(e.logger.Handler(), slog.LevelDebug).Writer())
	}
	return nil
}

// newLogger returns a logger in the --log-format (checked by setup)
// writing to w from level up.
func (e *env) newLogger(w io.Writer, level slog.Level) *slog.Logger {
	hopts := &slog.HandlerOptions{Level: level}
	if e.global.LogFormat == "json" {
		return slog.New(slog.NewJSONHandler(w, hopts))
	}
	return slog.New(slog.NewTextHandler(w, hopts))
}

// newFlagSet returns a flag set for a command with the global flags on it.
func (e *env) newFlagSet(cmd *command) *flag.FlagSet {
	fs := flag.NewFlagSet(cmd.name, flag.ContinueOnError)
	fs.SetOutput(io.Discard)
	e.global.AddFlags(fs)
	fs.Usage = func() {}
	return fs
}

// flagAdder is a command's options struct.
type flagAdder interface{ AddFlags(fs *flag.FlagSet) }

// parse registers the command's flags (opts) and the global ones, parses
// args and returns the positional arguments.
func (e *env) parse(cmd *command, opts flagAdder, args []string) ([]string, error) {
	fs := e.newFlagSet(cmd)
	opts.AddFlags(fs)
	return e.parseFlags(cmd, fs, args)
}

// noArgs is the usage error of a command that takes no positional
// arguments; hint says where such an argument belongs, if anywhere.
func noArgs(cmd *command, rest []string, hint string) error {
	if len(rest) == 0 {
		return nil
	}
	return usagef("%s: unexpected argument %s%s", cmd.name, quote.Short(rest[0]), hint)
}

// flagError is the message of an error of the flag package, with the
// value it quotes whole ("invalid value ... for flag") cut to 200
// characters.
func flagError(err error) string {
	msg := err.Error()
	if rest, ok := strings.CutPrefix(msg, "invalid value "); ok {
		if q, qerr := strconv.QuotedPrefix(rest); qerr == nil {
			if v, uerr := strconv.Unquote(q); uerr == nil {
				return "invalid value " + quote.Short(v) + quote.Error(errors.New(rest[len(q):])).Error()
			}
		}
	}
	return quote.Error(err).Error()
}

// onceFlags makes the flags of a flag set that take one value fail when
// given again with another value, rather than let the last one win
// silently ("export --query a --query b" exported the hits of b alone).
type onceFlags struct {
	orig map[*flag.Flag]flag.Value
	dup  error // the first flag given twice
}

// onceValue is one such flag.
type onceValue struct {
	flag.Value
	name  string
	first *string // the value given first; nil until then
	shown string  // the flag's value once first set (Value.String)
	of    *onceFlags
}

func (o *onceValue) Set(v string) error {
	if o.first == nil {
		o.first = &v
		if err := o.Value.Set(v); err != nil {
			return err
		}
		o.shown = o.Value.String()
		return nil
	}
	if err := o.Value.Set(v); err != nil {
		return err
	}
	if o.Value.String() == o.shown { // the same value, maybe written otherwise (1MiB, 1048576)
		return nil
	}
	dash := "--"
	if len(o.name) == 1 {
		dash = "-"
	}
	err := fmt.Errorf("%s%s given twice: %s, then %s (it takes one value)", dash, o.name, quote.Short(*o.first), quote.Short(v))
	if o.of.dup == nil {
		o.of.dup = err
	}
	return err
}

// IsBoolFlag keeps -q and --json working without a value.
func (o *onceValue) IsBoolFlag() bool {
	b, ok := o.Value.(interface{ IsBoolFlag() bool })
	return ok && b.IsBoolFlag()
}

// onlyOnce wraps every flag of fs but the repeatable ones (stringList) in
// an onceValue.
func onlyOnce(fs *flag.FlagSet) *onceFlags {
	of := &onceFlags{orig: map[*flag.Flag]flag.Value{}}
	fs.VisitAll(func(f *flag.Flag) {
		if _, ok := f.Value.(*stringList); !ok {
			of.orig[f] = f.Value
			f.Value = &onceValue{Value: f.Value, name: f.Name, of: of}
		}
	})
	return of
}

// givenBefore marks the flags of fs named in given (the global flags
// given before the command) as given once, with those values.
func (of *onceFlags) givenBefore(fs *flag.FlagSet, given map[string]string) {
	for name, v := range given {
		if f := fs.Lookup(name); f != nil {
			if o, ok := f.Value.(*onceValue); ok {
				o.first, o.shown = &v, v
			}
		}
	}
}

// restore puts the flags back as they were (the help text reads their
// types).
func (of *onceFlags) restore() {
	for f, v := range of.orig {
		f.Value = v
	}
}

// parseErrorFlag finds the flag named in the flag package's "invalid
// value ... for flag -NAME: parse error". It is compiled on first use,
// not at every start of the binary.
var parseErrorFlag = sync.OnceValue(func() *regexp.Regexp {
	return regexp.MustCompile(`for (?:flag )?-([a-z-]+): parse error$`)
})

// parseHint replaces the bare "parse error" that the flag package gives
// for a value of the wrong kind with what the flag wants.
func parseHint(fs *flag.FlagSet, msg string) string {
	m := parseErrorFlag().FindStringSubmatch(msg)
	if m == nil || fs.Lookup(m[1]) == nil {
		return msg
	}
	g, ok := fs.Lookup(m[1]).Value.(flag.Getter)
	if !ok {
		return msg
	}
	var want string
	switch g.Get().(type) {
	case int, int64, uint, uint64:
		want = "want a whole number"
	case time.Duration:
		want = "want a duration such as 500ms, 2s or 1m30s"
	case bool:
		want = "want true or false"
	case float64:
		want = "want a number"
	default:
		return msg
	}
	return strings.TrimSuffix(msg, "parse error") + want
}

// parseFlags parses args with fs, allowing flags after positional arguments
// ("search 'q' --limit 5"); "--" ends flag parsing. -h prints the command's
// help and returns flag.ErrHelp.
func (e *env) parseFlags(cmd *command, fs *flag.FlagSet, args []string) ([]string, error) {
	var positional []string
	once := onlyOnce(fs)
	defer once.restore()
	once.givenBefore(fs, e.globalGiven)
	for {
		if err := fs.Parse(args); err != nil {
			once.restore()
			if once.dup != nil {
				return nil, usagef("%s: %v", cmd.name, once.dup)
			}
			if errors.Is(err, flag.ErrHelp) {
				printCommandUsage(e.stdout, cmd, fs)
				return nil, flag.ErrHelp
			}
			return nil, usagef("%s: %s (see 'archivist help %s')", cmd.name, parseHint(fs, flagError(err)), cmd.name)
		}
		rest := fs.Args()
		if len(rest) == 0 {
			break
		}
		// fs.Parse stops at the first non-flag or after "--".
		consumed := len(args) - len(rest)
		if consumed > 0 && args[consumed-1] == "--" {
			positional = append(positional, rest...)
			break
		}
		positional = append(positional, rest[0])
		args = rest[1:]
	}
	if err := e.chooseCorpus(cmd, fs); err != nil {
		return nil, err
	}
	if err := e.setup(); err != nil {
		return nil, err
	}
	return positional, nil
}

func printMainUsage(w io.Writer) {
	fmt.Fprintf(w, `archivist %s: build research-grade archives of news.

Usage:
  archivist [global flags] <command> [flags] [arguments]

Commands:
`, version)
	cmds := commands()
	sort.Slice(cmds, func(i, j int) bool { return cmds[i].name < cmds[j].name })
	width := len("help")
	for _, c := range cmds {
		width = max(width, len(c.name))
	}
	for _, c := range cmds {
		fmt.Fprintf(w, "  %-*s  %s\n", width, c.name, c.summary)
	}
	fmt.Fprintf(w, "  %-*s  %s\n", width, "help", "show help for a command")
	fmt.Fprintf(w, `

Global flags (before or after the command):
  --db PATH          corpus database (default archive.db, or $ARCHIVIST_DB)
  --store URL        corpus in PostgreSQL (postgres://user@host/db, or $ARCHIVIST_STORE)
                     for %s
  --index PATH       index folder (default: beside the database, archive.db -> archive.bleve)
  -v                 verbose logging
  --log-format F     text or json

Run 'archivist help <command>' for a command's flags.
`, storeCommands())
}

// corpusFlags names, per command, the global flags about the corpus and
// the index that it uses; a command's help shows only those (every
// command accepts all of them, since they may come before its name).
var corpusFlags = map[string][]string{
	"crawl": {"db", "store", "index"}, "watch": {"db", "index"},
	"index": {"db", "store", "index"}, "search": {"db", "store", "index"},
	"export": {"db", "store", "index"}, "stats": {"db", "store"},
	"history": {"db", "store"}, "migrate": {"db", "store"},
	"verify": {"db", "index"}, "import": {"db", "index"}, "reextract": {"db", "index"},
	"extract": nil, "verify-export": nil, "version": nil,
}

// shownFlag says whether cmd's help lists the flag called name.
func shownFlag(cmd *command, name string) bool {
	switch name {
	case "db", "store", "index":
		return slices.Contains(corpusFlags[cmd.name], name)
	}
	return true
}

func printCommandUsage(w io.Writer, cmd *command, fs *flag.FlagSet) {
	fmt.Fprintf(w, "%s\n\n%s\n\nFlags:\n", cmd.summary, strings.TrimSpace(cmd.usage))
	shown := flag.NewFlagSet(cmd.name, flag.ContinueOnError)
	fs.VisitAll(func(f *flag.Flag) {
		if shownFlag(cmd, f.Name) {
			shown.Var(f.Value, f.Name, f.Usage)
		}
	})
	shown.SetOutput(w)
	shown.PrintDefaults()
}

func runHelp(stdout io.Writer, args []string) error {
	if len(args) == 0 || args[0] == "help" {
		printMainUsage(stdout)
		return nil
	}
	cmd := findCommand(args[0])
	if cmd == nil {
		return usagef("unknown command %s (see 'archivist help')", quote.Short(args[0]))
	}
	e := &env{stdout: stdout, stderr: io.Discard}
	e.global.LogFormat = "text" // the default run gives it, shown the same way
	err := cmd.run(context.Background(), e, []string{"-h"})
	if errors.Is(err, flag.ErrHelp) {
		return nil
	}
	return err
}

func versionCommand() *command {
	c := &command{name: "version", summary: "print archivist's version", usage: "Usage: archivist version"}
	c.run = func(ctx context.Context, e *env, args []string) error {
		fs := e.newFlagSet(c)
		rest, err := e.parseFlags(c, fs, args)
		if err != nil {
			return err
		}
		if err := noArgs(c, rest, ""); err != nil {
			return err
		}
		fmt.Fprintf(e.stdout, "archivist %s\n", version)
		return nil
	}
	return c
}
