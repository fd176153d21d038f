package extract

import (
	"strings"
	"unicode"
)

// A researcher groups articles by author across outlets, and one person
// is printed "Dr Jane Doe" on one site, "Jane Doe, MD" on a second and
// "Jane Doe" on a third; a byline also tells where the writer filed from
// or for whom ("Jane Doe in Kyiv", "Sam Poe, Reuters"). The name the
// extractor gives is the person's name alone: courtesy and academic
// titles, degrees after the name, the place and the outlet go
// (docs/EXTRACTION.md, "Authors' names").

// stripTitles drops the courtesy and academic titles before a name ("Dr
// Jane Doe", "Prof. Dr. med. Max Muster", "Mr Sam Poe") and the degrees
// after it ("Jane Doe MD", "Jane Doe Ph.D."), when two words or more of
// the name stay: "Dr Dre" or "Dr. Oetker" is the whole name (a stage
// name, a brand). Generational suffixes ("Jr.") are the name's. In a
// name written in capitals a degree's letters are a surname's as often
// ("NGUYEN VAN DO"), and stay.
func stripTitles(s string) string {
	f := strings.Fields(s)
	i := 0
	for i < len(f) && nameTitle(f[i]) {
		i++
		for i < len(f) && titleAbbrev(f[i]) {
			i++ // "Dr. med.", "Dr. rer. nat."
		}
	}
	j := len(f)
	for j > i && !isUpperWord(s) && trailingDegree(f[j-1]) {
		j--
	}
	if j-i < 2 {
		return s
	}
	return strings.Join(f[i:j], " ")
}

// nameTitles are the courtesy and academic titles printed before a
// name, lower-case without their dots; a title joined by a hyphen
// ("Dipl.-Ing.", "Dr.-Ing.", "Univ.-Prof.") is read by its first part.
var nameTitles = map[string]bool{
	"mr": true, "mrs": true, "ms": true, "mx": true, "miss": true, "dr": true, "dra": true, "prof": true,
	"professor": true, "doctor": true, "herr": true, "frau": true, "mme": true, "mlle": true, "sr": true,
	"sra": true, "srta": true, "dipl": true, "univ": true, "priv": true,
}

// nameTitle reports whether w is a title before a name (nameTitles).
func nameTitle(w string) bool {
	l := strings.ToLower(w)
	if first, _, ok := strings.Cut(l, "-"); ok {
		l = first
	}
	return nameTitles[strings.Trim(l, ".,")]
}

// titleAbbrev reports whether w is a lower-case abbreviation that goes on
// a German doctor's title: "med.", "rer. nat.", "h.c.".
func titleAbbrev(w string) bool {
	if !strings.HasSuffix(w, ".") || len(w) > 6 {
		return false
	}
	for _, r := range w {
		if r != '.' && !unicode.IsLower(r) {
			return false
		}
	}
	return true
}

// trailingDegree reports whether w is a degree printed after a name
// without a comma ("MD", "Ph.D.", "Esq."): one of degrees, written with a
// capital after its first letter or with a dot, so that a surname that
// is also a degree's letters ("Anh Do") stays.
func trailingDegree(w string) bool {
	l := strings.ReplaceAll(strings.ToLower(strings.Trim(w, ",;")), ".", "")
	if !degrees[l] {
		return false
	}
	r := []rune(strings.Trim(w, ".,;"))
	return strings.Contains(w, ".") || len(r) > 1 && unicode.IsUpper(r[1])
}

// placeWords put where the writer filed from after a name: "Jane Doe in
// Kyiv", "Sam Poe at the Capitol", "Anna Becker aus Berlin", "Anne Roy à
// Kyiv".
var placeWords = map[string]bool{"in": true, "at": true, "from": true, "aus": true, "à": true}

// cutPlace cuts the place after a name ("Jane Doe in Kyiv"): at a
// lower-case place word (placeWords) after two capitalised words and
// before a capitalised one or "the". An organisation's name ("University
// of Texas at Austin") has a lower-case word before it, and stays.
func cutPlace(s string) string {
	f := strings.Fields(s)
	for k := 2; k+1 < len(f); k++ {
		if !placeWords[f[k]] || !startsUpper(f[k-1]) || !startsUpper(f[k-2]) {
			continue
		}
		if next := f[k+1]; startsUpper(next) || next == "the" {
			return strings.Join(f[:k], " ")
		}
	}
	return s
}

// startsUpper reports whether w opens with a capital letter.
func startsUpper(w string) bool {
	for _, r := range w {
		return unicode.IsUpper(r)
	}
	return false
}

// placeAfterName reports whether part, one capitalised word after a
// comma, follows a name of two words or more among names: a place, an
// outlet, an agency or a degree ("Jane Doe, Kyiv", "Sam Poe, Reuters",
// "Jane Doe, MD"), not a second person, who is named in full beside a
// full name. Names of one word listed together ("Suharti, Budiman") and
// names in scripts without case stay.
func placeAfterName(part string, names []string) bool {
	if strings.Contains(part, " ") || !startsUpper(part) {
		return false
	}
	for _, n := range names {
		if strings.Contains(n, " ") {
			return true
		}
	}
	return false
}

// joinedByWord reports whether the separator at m (a match of reSplit in
// s) is a word ("and", "und", "y"): it joins two people, where a comma
// may put a place or an agency after a name ("By Jane Doe and Budi").
func joinedByWord(s string, m []int) bool {
	for _, r := range s[m[0]:m[1]] {
		if unicode.IsLetter(r) {
			return true
		}
	}
	return false
}
