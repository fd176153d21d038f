package main

import (
	"flag"
	"slices"

	"github.com/archivist-project/archivist/corpus/pgstore"
	"github.com/archivist-project/archivist/internal/quote"
)

// chooseCorpus settles --db against --store once a command's flags are
// parsed. A --db typed on the command line wins over $ARCHIVIST_STORE
// (as a flag wins over the environment everywhere else, --db over
// $ARCHIVIST_DB): without this, `crawl --db local.db` in a shell that
// exports $ARCHIVIST_STORE crawled into the shared PostgreSQL database,
// and `verify --db local.db` was refused for a --store nobody typed.
// --db and --store both typed are a usage error, except for migrate,
// which copies the one into the other. Commands that take no corpus
// (extract, verify-export, version) are left alone.
func (e *env) chooseCorpus(cmd *command, fs *flag.FlagSet) error {
	if cmd.name == "migrate" || !slices.Contains(corpusFlags[cmd.name], "db") {
		return nil
	}
	typed := func(name string) bool {
		if _, ok := e.globalGiven[name]; ok {
			return true
		}
		found := false
		fs.Visit(func(f *flag.Flag) { found = found || f.Name == name })
		return found
	}
	if !typed("db") || e.global.Store == "" {
		return nil
	}
	if typed("store") {
		return usagef("%s: --db %s and --store %s both given: the corpus is the SQLite file or the PostgreSQL database; give one",
			cmd.name, quote.Short(e.global.DB), quote.Short(pgstore.Redact(e.global.Store)))
	}
	e.global.Store = "" // from $ARCHIVIST_STORE: the --db typed wins
	return nil
}

// storeIndexHint says where the index of a PostgreSQL corpus comes from,
// for a command that found none: crawl --store builds none, and the
// default path is beside --db's, which a user of --store did not choose.
const storeIndexHint = "crawl --store builds no index: build one with 'archivist index --index PATH', or name the one that 'index --follow' keeps, with --index PATH"
