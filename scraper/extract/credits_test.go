package extract

import (
	"slices"
	"testing"
)

// TestCleanCredits: of a line that credits several parts, the writer's
// names are the authors; a reviewer's or an editor's are kept apart (the
// authors when nobody else is named), and a medical reviewer's, a
// fact-checker's or a photographer's are dropped.
func TestCleanCredits(t *testing.T) {
	tests := []struct {
		in                 string
		writers, reviewers []string
	}{
		{"Written by Sam Poe. Reviewed by Dr Jane Doe", []string{"Sam Poe"}, nil},
		{"Medically reviewed by Jane Doe, MD — Written by Sam Poe on March 3, 2026", []string{"Sam Poe"}, nil},
		{"Written by Sam Poe on Tuesday. Medically reviewed by Jane Doe", []string{"Sam Poe"}, nil},
		{"By Sam Poe | Fact checked by Jane Doe", []string{"Sam Poe"}, nil},
		{"By Sam Poe | Fact-checked by Jane Doe", []string{"Sam Poe"}, nil},
		{"Story by Sam Poe. Photography by Jane Doe", []string{"Sam Poe"}, nil},
		{"Sam Poe, Staff Writer | Reviewed by Jane Doe", []string{"Sam Poe"}, []string{"Jane Doe"}},
		{"By Sam Poe and Ann Lee. Edited by Jane Doe", []string{"Sam Poe", "Ann Lee"}, []string{"Jane Doe"}},
		{"Reporting by Sam Poe; Editing by Jane Doe", []string{"Sam Poe"}, []string{"Jane Doe"}},
		{"Sam Poe, Editor-in-chief. Reviewed by Jane Doe", []string{"Sam Poe"}, []string{"Jane Doe"}},
		// A reviewer alone: the review's writer, unless an expert.
		{"Reviewed by Jane Doe", nil, []string{"Jane Doe"}},
		{"Reviewed by: Jane Doe", nil, []string{"Jane Doe"}},
		{"Reviewed by Dr Jane Doe", nil, nil},
		{"Reviewed by Dr. Jane Doe", nil, nil},
		{"Reviewed by Jane Doe, MD", nil, nil},
		{"Reviewed by Jane Doe, Ph.D.", nil, nil},
		{"Reviewed by Jane Doe, MS, RDN", nil, nil},
		{"Reviewed by Jane Doe, CFP®", nil, nil},
		{"Reviewed by Jane Doe, M.S.", nil, nil},
		{"Reviewed by Jane Doe, PsyD", nil, nil},
		{"Medically reviewed by Jane Doe", nil, nil},
		{"Reviewed by our editors", nil, nil},
		{"Photos by Jane Doe", nil, nil},
		{"The Long Road by Jane Doe, reviewed by Sam Poe", nil, []string{"Sam Poe"}},
		// Lines that credit the writer alone read as before.
		{"By Sam Poe", []string{"Sam Poe"}, nil},
		{"Written by Sam Poe", []string{"Sam Poe"}, nil},
		{"The Long Road by Jane Doe", nil, nil},
		{"Staff, by Jane Doe", []string{"Jane Doe"}, nil},
		{"Jane Doe", []string{"Jane Doe"}, nil},
		// A "by" in the middle of words opens no credit.
		{"Reviewed and approved by Jane Doe", nil, nil},
		// A reviewer before an editor, in either order: a review's
		// writer is credited "Reviewed by", its editor did not write it.
		{"Reviewed by Jane Doe. Edited by Sam Poe", nil, []string{"Jane Doe"}},
		{"Edited by Sam Poe | Reviewed by Jane Doe", nil, []string{"Jane Doe"}},
		{"Edited by Sam Poe. Reviewed by Dr Jane Doe", nil, []string{"Sam Poe"}},
		// An interview's credit names its writer.
		{"Interview by Sam Poe. Photos by Jane Doe", []string{"Sam Poe"}, nil},
	}
	for _, tt := range tests {
		t.Run(tt.in, func(t *testing.T) {
			w, sec := cleanCredits(tt.in)
			if r := sec.first(); !slices.Equal(w, tt.writers) || !slices.Equal(r, tt.reviewers) {
				t.Errorf("cleanCredits(%q) = %q, %q, want %q, %q", tt.in, w, r, tt.writers, tt.reviewers)
			}
		})
	}
}

// TestCreditClauses: a line splits at a credit's phrase and "by", at its
// start or after a separator; words before the first credit are the
// writer's.
func TestCreditClauses(t *testing.T) {
	tests := []struct {
		in    string
		roles []creditRole
	}{
		{"Written by Sam Poe. Reviewed by Dr Jane Doe", []creditRole{roleWriter, roleReview}},
		{"Medically reviewed by Jane Doe, MD — Written by Sam Poe", []creditRole{roleOther, roleWriter}},
		{"Sam Poe | Photos by Jane Doe", []creditRole{roleWriter, roleOther}},
		{"By Sam Poe", []creditRole{roleWriter}},
		{"The Long Road by Jane Doe", nil},
		{"Harbours of the North, by Jane Doe", []creditRole{roleWriter, roleWriter}},
		{"A sentence written by hand", nil},
	}
	for _, tt := range tests {
		var got []creditRole
		for _, c := range creditClauses(tt.in) {
			got = append(got, c.role)
		}
		if !slices.Equal(got, tt.roles) {
			t.Errorf("creditClauses(%q) roles %v, want %v", tt.in, got, tt.roles)
		}
	}
}
