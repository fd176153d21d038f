package pgstore_test

import (
	"context"
	"fmt"
	"io/fs"
	"slices"
	"testing"
	"testing/fstest"

	"github.com/archivist-project/archivist/corpus/pgstore"
	"github.com/jackc/pgx/v5/pgconn"
)

// TestSchemaMatchesMigrations keeps the squashed schema (schema/) and the
// numbered migrations one source of truth: a database built by the
// numbered migrations alone and one built as Open builds a new database
// (the squashed schema, then the migrations after it) have the same
// catalog and the same rows counted in each table.
func TestSchemaMatchesMigrations(t *testing.T) {
	ctx := context.Background()
	numbered := fstest.MapFS{}
	names, err := fs.Glob(pgstore.MigrationFS, "migrations/*.sql")
	if err != nil || len(names) == 0 {
		t.Fatalf("embedded migrations: %v (%d files)", err, len(names))
	}
	for _, n := range names {
		data, err := fs.ReadFile(pgstore.MigrationFS, n)
		if err != nil {
			t.Fatal(err)
		}
		numbered[n] = &fstest.MapFile{Data: data}
	}
	if sq, _ := fs.Glob(pgstore.MigrationFS, "schema/*.sql"); len(sq) == 0 {
		t.Fatal("no squashed schema embedded")
	}
	var got [2][]string
	for i, fsys := range []fs.FS{numbered, pgstore.MigrationFS} {
		c := connect(t, cluster.NewDatabase(t))
		if err := pgstore.Migrate(ctx, c, fsys); err != nil {
			t.Fatal(err)
		}
		got[i] = catalog(t, c)
		if want := fmt.Sprintf("rows schema_migrations %d", len(names)); len(got[i]) < 50 || !slices.Contains(got[i], want) {
			t.Fatalf("catalog of %d lines, without %q: the query finds too little", len(got[i]), want)
		}
	}
	if slices.Equal(got[0], got[1]) {
		return
	}
	for _, l := range got[0] {
		if !slices.Contains(got[1], l) {
			t.Errorf("only by the numbered migrations: %s", l)
		}
	}
	for _, l := range got[1] {
		if !slices.Contains(got[0], l) {
			t.Errorf("only by the squashed schema: %s", l)
		}
	}
}

// catalogQuery describes the public schema, a line per table, column (in
// order), constraint, index, sequence, function and trigger, and each
// table's row count, sorted; no OIDs, so that two databases compare.
const catalogQuery = `SELECT line FROM (
	SELECT format('relation %s kind=%s persistence=%s options=%s', c.relname, c.relkind, c.relpersistence, c.reloptions) AS line
		FROM pg_class c WHERE c.relnamespace = 'public'::regnamespace
	UNION ALL
	SELECT format('column %s %s %s %s notnull=%s default=%s identity=%s generated=%s storage=%s collation=%s',
			c.relname, row_number() OVER (PARTITION BY c.oid ORDER BY a.attnum), a.attname,
			format_type(a.atttypid, a.atttypmod), a.attnotnull, pg_get_expr(d.adbin, d.adrelid),
			a.attidentity, a.attgenerated, a.attstorage, a.attcollation)
		FROM pg_attribute a JOIN pg_class c ON c.oid = a.attrelid
		LEFT JOIN pg_attrdef d ON d.adrelid = a.attrelid AND d.adnum = a.attnum
		WHERE c.relnamespace = 'public'::regnamespace AND a.attnum > 0 AND NOT a.attisdropped
	UNION ALL
	SELECT format('constraint %s %s %s deferrable=%s', conrelid::regclass, conname, pg_get_constraintdef(oid), condeferrable)
		FROM pg_constraint WHERE connamespace = 'public'::regnamespace
	UNION ALL
	SELECT format('index %s', pg_get_indexdef(indexrelid))
		FROM pg_index i JOIN pg_class c ON c.oid = i.indexrelid WHERE c.relnamespace = 'public'::regnamespace
	UNION ALL
	SELECT format('sequence %s %s start=%s increment=%s min=%s max=%s cache=%s cycle=%s', seqrelid::regclass,
			format_type(seqtypid, NULL), seqstart, seqincrement, seqmin, seqmax, seqcache, seqcycle)
		FROM pg_sequence s JOIN pg_class c ON c.oid = s.seqrelid WHERE c.relnamespace = 'public'::regnamespace
	UNION ALL
	SELECT format('function %s', pg_get_functiondef(p.oid)) FROM pg_proc p WHERE p.pronamespace = 'public'::regnamespace
	UNION ALL
	SELECT format('trigger %s %s', tgrelid::regclass, pg_get_triggerdef(t.oid))
		FROM pg_trigger t JOIN pg_class c ON c.oid = t.tgrelid
		WHERE c.relnamespace = 'public'::regnamespace AND NOT t.tgisinternal
	UNION ALL
	SELECT format('rows %s %s', c.relname, (xpath('/row/n/text()',
			query_to_xml(format('SELECT count(*) AS n FROM %I', c.relname), false, true, '')))[1])
		FROM pg_class c WHERE c.relnamespace = 'public'::regnamespace AND c.relkind = 'r'
) x ORDER BY line`

// catalog returns catalogQuery's lines for the database of c.
func catalog(t *testing.T, c *pgconn.PgConn) []string {
	t.Helper()
	res, err := c.Exec(context.Background(), catalogQuery).ReadAll()
	if err != nil {
		t.Fatal(err)
	}
	var lines []string
	for _, r := range res[0].Rows {
		lines = append(lines, string(r[0]))
	}
	return lines
}
