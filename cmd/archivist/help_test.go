package main

import (
	"flag"
	"os"
	"regexp"
	"slices"
	"strings"
	"testing"

	"github.com/archivist-project/archivist/index"
)

// commandFlags returns the flags of cmd other than the global ones, as
// its help lists them (every flag registered on its FlagSet).
func commandFlags(t testing.TB, cmd *command) []string {
	t.Helper()
	global := flag.NewFlagSet("global", flag.ContinueOnError)
	new(globalOptions).AddFlags(global)
	var help strings.Builder
	if err := runHelp(&help, []string{cmd.name}); err != nil {
		t.Fatalf("help %s: %v", cmd.name, err)
	}
	_, defaults, ok := strings.Cut(help.String(), "\nFlags:\n")
	if !ok {
		t.Fatalf("help %s has no Flags section:\n%s", cmd.name, help.String())
	}
	var names []string
	for _, m := range regexp.MustCompile(`(?m)^  -(\S+)`).FindAllStringSubmatch(defaults, -1) {
		if global.Lookup(m[1]) == nil {
			names = append(names, m[1])
		}
	}
	return names
}

// synopsis returns the lines of usage from its first line starting with
// prefix to the next blank line.
func synopsis(usage, prefix string) string {
	_, rest, ok := strings.Cut("\n"+usage, "\n"+prefix)
	if !ok {
		return ""
	}
	block, _, _ := strings.Cut(prefix+rest, "\n\n")
	return block
}

// TestUsageNamesEveryFlag: the usage line of each command, in its help
// and in README.md, either says [flags] or names every flag of the
// command, so a new flag cannot be left out of it.
func TestUsageNamesEveryFlag(t *testing.T) {
	readme, err := os.ReadFile("../../README.md")
	if err != nil {
		t.Fatal(err)
	}
	for _, cmd := range commands() {
		flags := commandFlags(t, cmd)
		if cmd.name != "version" && len(flags) == 0 {
			t.Errorf("%s: no flags found in its help", cmd.name)
		}
		_, section, _ := strings.Cut(string(readme), "\n### "+cmd.name+"\n")
		usages := map[string]string{"help": synopsis(strings.TrimSpace(cmd.usage), "Usage: archivist "+cmd.name)}
		if len(flags) > 0 { // README shows no usage line for a command without flags
			usages["README.md"] = synopsis(section, "archivist "+cmd.name)
		}
		for where, syn := range usages {
			if syn == "" {
				t.Errorf("%s: no usage line in its %s", cmd.name, where)
				continue
			}
			if strings.Contains(syn, "[flags]") {
				continue
			}
			for _, f := range flags {
				dash := "--" // one-letter flags are spelled -q, as the flag tables do
				if len(f) == 1 {
					dash = "-"
				}
				if !regexp.MustCompile(`\[`+dash+regexp.QuoteMeta(f)+`\b`).MatchString(syn) &&
					!strings.Contains(syn, " "+dash+f+" ") {
					t.Errorf("%s: the usage line in its %s leaves out %s%s:\n%s", cmd.name, where, dash, f, syn)
				}
			}
		}
	}
}

// TestSearchHelpNamesQueryFields: search's help names every query field
// the index accepts (index.QueryFields is kept in step with the parser).
func TestSearchHelpNamesQueryFields(t *testing.T) {
	var help strings.Builder
	if err := runHelp(&help, []string{"search"}); err != nil {
		t.Fatal(err)
	}
	text := strings.Join(strings.Fields(help.String()), " ")
	for _, name := range strings.FieldsFunc(index.QueryFields, func(r rune) bool { return strings.ContainsRune(" ,()", r) }) {
		if name != "or" && !strings.Contains(text, name) {
			t.Errorf("search help leaves out the query field %s", name)
		}
	}
	if !strings.Contains(text, index.QueryFields) {
		t.Errorf("search help does not list the query fields as index.QueryFields says:\n%s", help.String())
	}
}

// TestHelpCommandListAligned: in `archivist help`, every command is listed
// with its summary in one column, however long the longest name.
func TestHelpCommandListAligned(t *testing.T) {
	_, out, _ := runCLI(t, "help")
	_, list, ok := strings.Cut(out, "Commands:\n")
	list, _, _ = strings.Cut(list, "\n\n")
	if !ok {
		t.Fatalf("no command list in:\n%s", out)
	}
	col := -1
	for _, line := range strings.Split(list, "\n") {
		name, _, _ := strings.Cut(strings.TrimSpace(line), " ")
		at := strings.Index(line, name) + len(name)
		at += len(line[at:]) - len(strings.TrimLeft(line[at:], " "))
		if line[at-2:at] != "  " {
			t.Errorf("%q: want at least two spaces between the name and its summary", line)
		}
		if col >= 0 && at != col {
			t.Errorf("%q: summary at column %d, want %d like the others", line, at, col)
		}
		col = at
	}
	for _, c := range commands() {
		if !strings.Contains(list, "  "+c.name+" ") {
			t.Errorf("command %s not listed", c.name)
		}
	}
}

// TestREADMENamesEveryFlag: each flag a command's help lists is named in
// that command's section of README.md (`--flag` in its table or text),
// so that the README cannot fall behind a new flag.
func TestREADMENamesEveryFlag(t *testing.T) {
	readme, err := os.ReadFile("../../README.md")
	if err != nil {
		t.Fatal(err)
	}
	for _, cmd := range commands() {
		_, section, ok := strings.Cut(string(readme), "\n### "+cmd.name+"\n")
		if !ok {
			t.Errorf("%s: no section in README.md", cmd.name)
			continue
		}
		if i := regexp.MustCompile(`\n##? `).FindStringIndex(section); i != nil {
			section = section[:i[0]]
		}
		for _, f := range commandFlags(t, cmd) {
			dash := "--"
			if len(f) == 1 {
				dash = "-"
			}
			if !strings.Contains(section, "`"+dash+f+"`") && !strings.Contains(section, "`"+dash+f+" ") {
				t.Errorf("%s: README.md's section does not name %s%s", cmd.name, dash, f)
			}
		}
	}
}

// TestHelpShowsTheCorpusFlagsUsed: a command's help lists --db, --store
// and --index only if the command uses them (corpusFlags), every command
// is in corpusFlags, and the commands using --store are those that the
// message refusing --store names.
func TestHelpShowsTheCorpusFlagsUsed(t *testing.T) {
	var withStore []string
	for _, cmd := range commands() {
		used, ok := corpusFlags[cmd.name]
		if !ok {
			t.Errorf("%s is not in corpusFlags", cmd.name)
		}
		if slices.Contains(used, "store") {
			withStore = append(withStore, cmd.name)
		}
		var help strings.Builder
		if err := runHelp(&help, []string{cmd.name}); err != nil {
			t.Fatalf("help %s: %v", cmd.name, err)
		}
		for _, name := range []string{"db", "store", "index"} {
			shown := regexp.MustCompile(`(?m)^  -` + name + `\b`).MatchString(help.String())
			if want := slices.Contains(used, name); shown != want {
				t.Errorf("help %s lists -%s: %v, want %v", cmd.name, name, shown, want)
			}
		}
		if !strings.Contains(help.String(), "  -log-format format\n    \tlog format: text or json (default \"text\")") {
			t.Errorf("help %s: --log-format without its default:\n%s", cmd.name, help.String())
		}
	}
	for _, name := range withStore {
		if !strings.Contains(storeCommands(), name) {
			t.Errorf("storeCommands (%q) leaves out %s", storeCommands(), name)
		}
	}
	if n := strings.Count(storeCommands(), ",") + 2; n != len(withStore) {
		t.Errorf("storeCommands names %d commands, corpusFlags %d with store", n, len(withStore))
	}
}

// TestHelpFlagBeforeCommand: `archivist --help stats` and `archivist -h
// export` print that command's help, as `archivist help stats` does (they
// printed the list of commands).
func TestHelpFlagBeforeCommand(t *testing.T) {
	for _, args := range [][]string{{"--help", "stats"}, {"-h", "export", "--format", "csv"}, {"--help", "help"}} {
		code, out, errOut := runCLI(t, args...)
		want := "Usage: archivist " + args[1]
		if args[1] == "help" {
			want = "archivist [global flags] <command>"
		}
		if code != 0 || errOut != "" || !strings.Contains(out, want) {
			t.Errorf("%q: exit %d, stderr %q, stdout starts %.80q: want exit 0 and %q", args, code, errOut, out, want)
		}
	}
}
