package extract

import "testing"

func TestIsServerError(t *testing.T) {
	tests := []struct {
		text string
		want bool
	}{
		{"Warning: Creating default object from empty value in /www/htdocs/w0094d70/wp-includes/classes.php on line 407", true},
		{"Strict Standards: Only variables should be passed by reference in /www/htdocs/wp-includes/wp-db.php on line 785", true},
		{"Deprecated: preg_replace(): The /e modifier is deprecated, use preg_replace_callback instead in /www/x/formatting.php on line 82\nNotice: Undefined index: q in /srv/site/index.php on line 3", true},
		{"Fatal error: Allowed memory size of 134217728 bytes exhausted in /var/www/html/wp-includes/plugin.php on line 179", true},
		// Prose that speaks of warnings and lines is no report.
		{"Warning: the bridge on line 4 of the tram network will close in March.", false},
		{"The warning was printed in the log on line 12, the engineers said.", false},
		{"Deprecated: preg_replace() in /www/x/formatting.php on line 82\nThe rest of the story.", false},
		{"", false},
	}
	for _, tt := range tests {
		if got := isServerError(tt.text); got != tt.want {
			t.Errorf("isServerError(%q) = %v, want %v", tt.text, got, tt.want)
		}
	}
}
