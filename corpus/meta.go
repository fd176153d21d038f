package corpus

import (
	"context"
	"database/sql"
	"errors"
	"fmt"
)

// ID returns the corpus id: a random 32-hex-digit id made once for this
// corpus (migration 0010) and kept for the life of the file, so that an
// export can name the corpus it came from.
func (db *DB) ID(ctx context.Context) (string, error) {
	var id string
	err := db.r.QueryRowContext(ctx, "SELECT value FROM meta WHERE key = 'corpus_id'").Scan(&id)
	if errors.Is(err, sql.ErrNoRows) {
		return "", fmt.Errorf("corpus id: %w", ErrNotFound)
	}
	if err != nil {
		return "", fmt.Errorf("corpus id: %w", db.describe(err))
	}
	return id, nil
}

// CountArticles returns the number of articles in the corpus.
func (db *DB) CountArticles(ctx context.Context) (int64, error) {
	var n int64
	if err := db.r.QueryRowContext(ctx, "SELECT COUNT(*) FROM articles").Scan(&n); err != nil {
		return 0, fmt.Errorf("count articles: %w", db.describe(err))
	}
	return n, nil
}
