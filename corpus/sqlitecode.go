package corpus

// SQLite's primary result codes that archivist acts on
// (https://www.sqlite.org/rescode.html), as sqliteCode returns them.
const (
	sqlitePerm     = 3
	sqliteBusy     = 5
	sqliteReadonly = 8
	sqliteIOErr    = 10
	sqliteCorrupt  = 11
	sqliteFull     = 13
	sqliteCantOpen = 14
	sqliteAuth     = 23
	sqliteNotADB   = 26
)
