package extract

import "testing"

func TestIsActionLine(t *testing.T) {
	tests := []struct {
		name string
		b    block
		want bool
	}{
		{"click here", block{text: "Click here to subscribe and get unlimited access to all our stories.", kind: kindPara, link: 0.15}, true},
		{"click here for more", block{text: "Click here for more information.", kind: kindPara, link: 0.3}, false},
		{"click here to read", block{text: "Click here to read the full report.", kind: kindPara, link: 0.3}, false},
		{"tap here to sign up", block{text: "Tap here to sign up for our breaking news alerts.", kind: kindPara, link: 0.3}, true},
		{"no site voice", block{text: "Tap here to sign up for breaking news alerts.", kind: kindPara, link: 0.3}, false},
		{"newsletter blurb", block{text: "Sign up for our free morning newsletter to get the day's top stories delivered to your inbox every weekday.", kind: kindPara, link: 0.35, italic: 1}, true},
		{"german", block{text: "Klicken Sie hier, um unseren Newsletter zu abonnieren.", kind: kindPara, link: 0.2}, true},
		{"german, not the site's", block{text: "Klicken Sie hier, um den Newsletter der Stadt zu abonnieren.", kind: kindPara, link: 0.2}, false},
		{"how-to advice", block{text: "Sign up for flood alerts on the national flood warning service, which sends a text message or an e-mail when a river near your address is expected to rise.", kind: kindPara, link: 0.2}, false},
		{"another's e-mails", block{text: "Subscribe to the council's road closure e-mails to hear which bridges are shut.", kind: kindPara, link: 0.3}, false},
		{"third-party donation", block{text: "Click here to donate to the family's fundraiser.", kind: kindPara, link: 0.3}, false},
		{"site's donation", block{text: "Click here to donate and support us.", kind: kindPara, link: 0.3}, true},
		{"US is the country", block{text: "Sign up for US weather alerts on the national service.", kind: kindPara, link: 0.3}, false},
		{"no link", block{text: "Click here, the sign said, and nobody did.", kind: kindPara}, false},
		{"sign up without newsletter", block{text: "Sign up opened on Monday for the city's marathon, which drew a record field.", kind: kindPara, link: 0.1}, false},
		{"story mentions newsletter", block{text: "The newsletter, which she started in 2019, now has 40,000 readers.", kind: kindPara, link: 0.1}, false},
		{"click later in line", block{text: "The council published its report on Tuesday; click here to read it.", kind: kindPara, link: 0.1}, false},
		{"heading", block{text: "Click here to subscribe", kind: kindHeading, link: 0.5}, false},
		{"long", block{text: "Click here " + longWords(45), kind: kindPara, link: 0.05}, false},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			if got := isActionLine(tt.b); got != tt.want {
				t.Errorf("isActionLine(%q) = %v, want %v", tt.b.text, got, tt.want)
			}
		})
	}
}

func TestActionHeaded(t *testing.T) {
	head := block{text: "Stay informed", kind: kindHeading}
	para := block{text: "We grit about a third of the county's roads when frost is forecast.", kind: kindPara}
	offer := block{text: "Or subscribe to our gritting text alerts.", kind: kindPara, link: 0.5}
	foreign := block{text: "Or read the national weather service's warnings.", kind: kindPara, link: 0.5}
	cta := block{text: "Sign up for our road closure e-mails.", kind: kindPara, link: 0.5}
	tests := []struct {
		name   string
		before []block
		want   bool
	}{
		{"first block", nil, false},
		{"under a heading", []block{para, head}, true},
		{"after a paragraph", []block{head, para}, false},
		{"after another call under the heading", []block{head, cta}, true},
		{"after the site's offer under the heading", []block{head, cta, offer}, true},
		{"after another's link", []block{head, foreign}, false},
		{"paragraph between", []block{head, offer, para}, false},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			if got := actionHeaded(tt.before); got != tt.want {
				t.Errorf("actionHeaded = %v, want %v", got, tt.want)
			}
		})
	}
}

func TestNamesTopic(t *testing.T) {
	topic := headlineTopic("New text alerts for bin collections", nil, 0)
	tests := []struct {
		text string
		want bool
	}{
		{"Sign up for our bin collection text alerts with your postcode.", true},
		{"Sign up for our weekly newsletter to get new recipes.", false},
		{"Click here to subscribe and support our little blog.", false},
	}
	for _, tt := range tests {
		if got := namesTopic(block{text: tt.text, kind: kindPara, link: 0.5}, topic); got != tt.want {
			t.Errorf("namesTopic(%q) = %v, want %v", tt.text, got, tt.want)
		}
	}
}

func TestActionsDropped(t *testing.T) {
	head := block{text: "Get a reminder", kind: kindHeading}
	para := block{text: "We collect general waste every two weeks.", kind: kindPara}
	cta := block{text: "Sign up for our bin reminder e-mails.", kind: kindPara, link: 0.5}
	bs := []block{para, head, cta, para, cta}
	tests := []struct {
		name           string
		article, dated bool
		want           int // blocks left
	}{
		{"dated article", true, true, 3},
		{"undated article", true, false, 4},
		{"not an article", false, true, 5},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			if got := len(withoutActionLines(bs, actionsDropped(tt.article, tt.dated), nil)); got != tt.want {
				t.Errorf("%d blocks left, want %d", got, tt.want)
			}
		})
	}
}

// longWords returns n words.
func longWords(n int) string {
	s := ""
	for i := 0; i < n; i++ {
		s += "word "
	}
	return s
}

func TestIsMediaTitle(t *testing.T) {
	tests := []struct {
		name  string
		b     block
		first bool // b opens the body's text
		want  bool
	}{
		{"watch heading", block{text: "Watch: Floods close the coastal road for a second day", kind: kindHeading}, false, true},
		{"podcast", block{text: "Podcast: The week in politics", kind: kindHeading}, false, true},
		{"sentence", block{text: "Watch: the council will vote again on Tuesday.", kind: kindHeading}, false, false},
		{"prose", block{text: "Watch the video below to see how the crew rescued the dog from the river.", kind: kindPara}, false, false},
		{"paragraph line", block{text: "VIDEO | The moment the bridge gave way", kind: kindPara}, false, false},
		{"tv guide line", block{text: "Watch: Saturday, 9pm, Channel 4", kind: kindPara}, false, false},
		{"opens the text", block{text: "Listen: The storm that moved the harbour", kind: kindHeading}, true, false},
		{"list item", block{text: "Video: the crash", kind: kindItem}, false, false},
		{"other label", block{text: "Update: the road has reopened", kind: kindHeading}, false, false},
		{"linked teaser", block{text: "WATCH: Ring of fire eclipse seen from the south", kind: kindHeading, link: 1}, false, false},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			if got := isMediaTitle(tt.b, tt.first); got != tt.want {
				t.Errorf("isMediaTitle(%q) = %v, want %v", tt.b.text, got, tt.want)
			}
		})
	}
}
