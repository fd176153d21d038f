package index

import (
	"slices"
	"sort"
	"strings"
	"testing"
)

// TestQueryFieldsInStep: QueryFields, the list that help and errors show,
// names exactly the field names a query string accepts.
func TestQueryFieldsInStep(t *testing.T) {
	var listed []string
	for _, w := range strings.FieldsFunc(QueryFields, func(r rune) bool { return strings.ContainsRune(" ,()", r) }) {
		if w != "or" {
			listed = append(listed, w)
		}
	}
	var accepted []string
	for name := range fieldAliases {
		accepted = append(accepted, name)
	}
	sort.Strings(listed)
	sort.Strings(accepted)
	if !slices.Equal(listed, accepted) {
		t.Errorf("QueryFields names %v,\nthe query parser accepts %v", listed, accepted)
	}
}
