package extract

import "testing"

// isCallToActionRE is isCallToAction without its word filter.
func isCallToActionRE(t string) bool {
	if len(t) > 300 {
		return false
	}
	return reCredit.MatchString(t) ||
		reCallToAction.MatchString(t) && (reAddressed.MatchString(t) || reAddressedOther.MatchString(t))
}

func TestIsCallToActionFilter(t *testing.T) {
	tests := []struct {
		text string
		want bool
	}{
		{"Subscribe to our newsletter for your daily briefing.", true},
		{"ſubſcribe to your newsletter", true},       // long s: (?i) folds it to s
		{"CLIC\u212a HERE for your free copy", true}, // Kelvin sign
		{"Reporting by Jane Doe; editing by John Roe", true},
		{"Contributed reporting from the wires.", true},
		{"Associated Press writers in Paris contributed.", true},
		{"Jetzt den Newsletter abonnieren", true},
		{"The council met on Tuesday to discuss the budget.", false},
		{"Follow the river to the sea.", false},
	}
	for _, tt := range tests {
		if got := isCallToAction(tt.text); got != tt.want {
			t.Errorf("isCallToAction(%q) = %v, want %v", tt.text, got, tt.want)
		}
		if got := isCallToActionRE(tt.text); got != tt.want {
			t.Errorf("isCallToActionRE(%q) = %v, want %v", tt.text, got, tt.want)
		}
	}
}

func FuzzIsCallToAction(f *testing.F) {
	for _, s := range []string{"Subscribe to your newsletter", "ſign up for your alerts", "Reporting by A",
		"Follow us on X, you", "AP writer", "have a tip? email your editor", "Jetzt abonnieren"} {
		f.Add(s)
	}
	f.Fuzz(func(t *testing.T, s string) {
		if got, want := isCallToAction(s), isCallToActionRE(s); got != want {
			t.Errorf("isCallToAction(%q) = %v, expressions alone %v", s, got, want)
		}
	})
}
