package extract

import "testing"

// TestGluedValuesPage: a listing of films whose cards carry a year, a
// running time and a rating as three spans of one class with nothing
// between: each value is its own word in the text ("2026 1h 54m
// PG-13"); a price cut in two spans of one class stays one number
// (testdata/gluedvalues).
func TestGluedValuesPage(t *testing.T) {
	art := extractTestPage(t, "gluedvalues", "film_cards", "https://riverside-pictures.example/films/new")
	checkText(t, art.Text, []string{"2026 1h 54m PG-13", "2025 2h 16m 12A", "2024 1h 38m 15", "£1299", "£1050"},
		[]string{"20261h", "20252h", "54mPG", "£12 99"})
}
