package extract

import (
	"encoding/json"
	"reflect"
	"strings"
	"testing"
)

// TestRepairLD reads each common template fault: the repaired text must
// decode to what the script plainly states, and nothing more.
func TestRepairLD(t *testing.T) {
	cases := []struct{ name, in, want string }{
		{"line comment", `{"a": 1, // note
"b": 2}`, `{"a":1,"b":2}`},
		{"block comment", `{"a": /* x */ 1}`, `{"a":1}`},
		{"stray closers mid object", `{"a": {"x": 1}
}
},
"b": 2}`, `{"a":{"x":1},"b":2}`},
		{"stray closer at the end", `{"a": 1}}`, `{"a":1}`},
		{"missing closers", `{"a": {"b": [1, 2`, `{"a":{"b":[1,2]}}`},
		{"mismatched closer", `{"a": [1, 2}`, `{"a":[1,2]}`},
		{"trailing commas", `{"a": [1, 2,], "b": 3,}`, `{"a":[1,2],"b":3}`},
		{"missing comma", "{\"a\": 1\n\"b\": \"x\"\n\"c\": true}", `{"a":1,"b":"x","c":true}`},
		{"raw newline and tab", "{\"h\": \"one\ntwo\tthree\"}", `{"h":"one two three"}`},
		{"unescaped quotes", `{"h": "He said "no" to it", "b": 1}`, `{"h":"He said \"no\" to it","b":1}`},
		{"quote before a colon", `{"h": "Review "Dune": stunning", "b": 1}`, `{"h":"Review \"Dune\": stunning","b":1}`},
		{"quote before a comma", `{"h": "say "no", then go", "b": 1}`, `{"h":"say \"no\", then go","b":1}`},
		{"undefined and NaN", `{"a": undefined, "b": NaN, "c": -Infinity, "d": 1}`, `{"a":null,"b":null,"c":null,"d":1}`},
		{"plus and dot numbers", `{"a": +1, "b": .5}`, `{"a":1,"b":0.5}`},
		{"invalid escape", `{"a": "it\'s"}`, `{"a":"it's"}`},
		{"html entities", `{&quot;@type&quot;: &quot;NewsArticle&quot;}`, `{"@type":"NewsArticle"}`},
		{"cdata", "//<![CDATA[\n{\"a\": 1}\n//]]>", `{"a":1}`},
		{"bare cdata", `<![CDATA[{"a": [1]}]]>`, `{"a":[1]}`},
		{"objects without comma in array", `[{"a": 1} {"b": 2}]`, `[{"a":1},{"b":2}]`},
		{"unquoted and single-quoted keys", `{a: 1, 'b': 'x'}`, `{"a":1,"b":"x"}`},
		{"key without value", `{"a": 1, "b": }`, `{"a":1,"b":null}`},
		{"value in a key's place dropped", `{"a": 1 2, "b": 3}`, `{"a":1,"b":3}`},
		{"unterminated string", `{"a": "abc`, `{"a":"abc"}`},
	}
	for _, c := range cases {
		t.Run(c.name, func(t *testing.T) {
			out := repairLD([]byte(c.in))
			got, ok := decodeLD(out)
			if !ok || len(got) != 1 {
				t.Fatalf("repairLD(%q) = %q: %d values, clean %v", c.in, out, len(got), ok)
			}
			var want any
			if err := json.Unmarshal([]byte(c.want), &want); err != nil {
				t.Fatal(err)
			}
			if !reflect.DeepEqual(got[0], want) {
				t.Errorf("repairLD(%q) = %s, want %s", c.in, out, c.want)
			}
		})
	}
}

// TestRepairLDTwoObjects: two top-level objects without a comma stay two.
func TestRepairLDTwoObjects(t *testing.T) {
	got, ok := decodeLD(repairLD([]byte(`{"a": 1,} {"b": 2}`)))
	if !ok || len(got) != 2 {
		t.Fatalf("got %v, clean %v; want two values", got, ok)
	}
}

// TestParseLDRepairs: the lenient probe page's keys after the stray braces
// are read.
func TestParseLDRepairs(t *testing.T) {
	var p page
	p.parseLD(`{"@type": "NewsArticle", "headline": "H",
  "publisher": {"@type": "Organization", "name": "P"}
  }
  },
  // left empty by the template
  "datePublished": "2026-11-03T18:40:00-05:00"
}`)
	if len(p.ld) != 1 {
		t.Fatalf("got %d objects, want 1", len(p.ld))
	}
	if p.ld[0]["datePublished"] != "2026-11-03T18:40:00-05:00" {
		t.Errorf("datePublished lost: %v", p.ld[0])
	}
}

// BenchmarkRepairLDDeep: a long run of closers after deep nesting stays
// linear.
func BenchmarkRepairLDDeep(b *testing.B) {
	in := []byte(strings.Repeat(`{"a":`, 100000) + "1" + strings.Repeat("}", 100000) + `, "b": 2`)
	for b.Loop() {
		repairLD(in)
	}
}
