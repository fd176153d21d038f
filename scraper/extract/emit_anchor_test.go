package extract

import "testing"

// TestSelfAnchor: a link to a place on its own page whose text is a lone
// mark (a heading's permalink, a footnote's way back) is not printed,
// and the block keeps its link share; links with a letter or a digit,
// and marks that link elsewhere, stay.
func TestSelfAnchor(t *testing.T) {
	tests := []struct {
		name, in, want string
		link           float64
	}{
		{"pilcrow after a heading", `<h2>Basic Usage<a class="headerlink" href="#basic-usage">¶</a></h2>`, "Basic Usage", 0.3},
		{"hash before a heading", `<h2><a href="#about">#</a> About</h2>`, "About", 0.3},
		{"section sign", `<h3>Methods<a href="#methods" class="anchor">§</a></h3>`, "Methods", 0.3},
		{"footnote way back", `<p><a href="#ref-1">↑</a> Smith, 2020.</p>`, "Smith, 2020.", 0.3},
		{"footnote number", `<p>As shown<a href="#fn-1">[1]</a>.</p>`, "As shown[1].", 0.3},
		{"text link on the page", `<p><a href="#top">Top</a></p>`, "Top", 1},
		{"mark linking elsewhere", `<h2>Usage<a href="/usage">¶</a></h2>`, "Usage¶", 0.3},
	}
	// A heading's words linked to their own anchor are not linked text;
	// linked elsewhere they are.
	for _, tt := range []struct {
		in   string
		link float64
	}{
		{`<h2 id="usage"><a href="#usage">Basic usage</a></h2>`, 0},
		{`<h2><a href="/usage">Basic usage</a></h2>`, 1},
		{`<p><a href="#usage">Basic usage</a></p>`, 1},
	} {
		if blocks := emitBlocks(t, tt.in, true); len(blocks) != 1 || blocks[0].link != tt.link {
			t.Errorf("%s: blocks = %+v, want one of link share %.0f", tt.in, blocks, tt.link)
		}
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			blocks := emitBlocks(t, tt.in, true)
			if len(blocks) != 1 {
				t.Fatalf("blocks = %+v, want one", blocks)
			}
			if b := blocks[0]; b.text != tt.want || b.link <= 0 || b.link > tt.link {
				t.Errorf("block = %q (link share %.2f), want %q (link share in (0, %.2f])", b.text, b.link, tt.want, tt.link)
			}
		})
	}
}
