package main

import (
	"bytes"
	"fmt"
	"hash/fnv"
	"strings"

	"golang.org/x/net/html"
)

// Class modes of `sets -classes`: the pages as published, or with the
// vocabulary of their class and id attributes taken away, as on sites
// built with hashed CSS-module names or utility classes. A rule that
// leans on words in class names a tuning page happens to use shows
// here as a loss the peers do not share.
const (
	classesKeep   = "keep"   // the pages as published
	classesHashed = "hashed" // every class and id token replaced by a hash of itself
	classesNone   = "none"   // class and id attributes removed
)

var classModes = []string{classesKeep, classesHashed, classesNone}

// rewriteSetClasses applies mode to every page of s.
func rewriteSetClasses(s *benchSet, mode string) {
	if mode == classesKeep || mode == "" {
		return
	}
	for i := range s.Pages {
		s.Pages[i].HTML = rewriteClasses(s.Pages[i].HTML, mode)
	}
}

// rewriteClasses returns page with its class and id attributes hashed or
// removed. Everything else is copied byte for byte; a hashed token is the
// same wherever it occurs, so repeated structure stays visible.
func rewriteClasses(page []byte, mode string) []byte {
	var out bytes.Buffer
	out.Grow(len(page))
	z := html.NewTokenizer(bytes.NewReader(page))
	for {
		tt := z.Next()
		if tt == html.ErrorToken {
			return out.Bytes()
		}
		raw := z.Raw()
		if tt != html.StartTagToken && tt != html.SelfClosingTagToken {
			out.Write(raw)
			continue
		}
		raw = append([]byte(nil), raw...)
		tok := z.Token()
		if !rewriteAttrs(&tok, mode) {
			out.Write(raw)
			continue
		}
		out.WriteString(tok.String())
	}
}

// rewriteAttrs changes tok's class and id attributes by mode and reports
// whether it changed any.
func rewriteAttrs(tok *html.Token, mode string) bool {
	changed := false
	kept := tok.Attr[:0]
	for _, a := range tok.Attr {
		if a.Namespace != "" || (a.Key != "class" && a.Key != "id") {
			kept = append(kept, a)
			continue
		}
		changed = true
		if mode == classesNone {
			continue
		}
		a.Val = hashTokens(a.Val, a.Key[:1])
		kept = append(kept, a)
	}
	tok.Attr = kept
	return changed
}

// hashTokens replaces each space-separated token of v by prefix and six
// hex digits of its FNV-1a hash.
func hashTokens(v, prefix string) string {
	f := strings.Fields(v)
	for i, t := range f {
		h := fnv.New32a()
		h.Write([]byte(t))
		f[i] = fmt.Sprintf("%s%06x", prefix, h.Sum32()&0xffffff)
	}
	return strings.Join(f, " ")
}
