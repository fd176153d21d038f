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
// removed. Everything else is copied byte for byte (the tags' other
// attributes too, entities and all); a hashed token is the same wherever
// it occurs, so repeated structure stays visible. The markup inside
// <noscript> is rewritten too: the extractor reads it as markup when a
// page shows little else.
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
		rewriteTag(&out, raw, mode)
		if name, _ := z.TagName(); string(name) == "noscript" {
			z.NextIsNotRawText()
		}
	}
}

// rewriteTag writes the start tag raw with its class and id attributes
// changed by mode and the rest of its bytes as they are. A value's
// entities are left as written (a class name rarely has any).
func rewriteTag(out *bytes.Buffer, raw []byte, mode string) {
	i := 1
	for i < len(raw) && !isTagSpace(raw[i]) && raw[i] != '>' && raw[i] != '/' {
		i++ // the tag's name
	}
	last := 0 // raw[:last] is written
	for i < len(raw) {
		for i < len(raw) && (isTagSpace(raw[i]) || raw[i] == '/') {
			i++
		}
		start := i
		for i < len(raw) && !isTagSpace(raw[i]) && raw[i] != '=' && raw[i] != '>' && raw[i] != '/' {
			i++
		}
		if i == start {
			break // '>' or the end
		}
		key := strings.ToLower(string(raw[start:i]))
		vs, ve, end := attrValue(raw, i)
		i = end
		if key != "class" && key != "id" {
			if ref, ok := hashedIDRef(key, string(raw[vs:ve])); ok && mode == classesHashed {
				out.Write(raw[last:start])
				fmt.Fprintf(out, `%s="%s"`, key, ref)
				last = end
			}
			continue
		}
		out.Write(raw[last:start])
		if mode == classesHashed {
			fmt.Fprintf(out, `%s="%s"`, key, hashTokens(string(raw[vs:ve]), key[:1]))
		}
		last = end
	}
	out.Write(raw[last:])
}

// attrValue returns the span of the value of the attribute whose name
// ends at raw[i] (empty when it has none) and where the attribute ends.
func attrValue(raw []byte, i int) (vs, ve, end int) {
	j := i
	for j < len(raw) && isTagSpace(raw[j]) {
		j++
	}
	if j >= len(raw) || raw[j] != '=' {
		return i, i, i
	}
	j++
	for j < len(raw) && isTagSpace(raw[j]) {
		j++
	}
	if j < len(raw) && (raw[j] == '"' || raw[j] == '\'') {
		q := raw[j]
		k := bytes.IndexByte(raw[j+1:], q)
		if k < 0 {
			return j + 1, len(raw), len(raw)
		}
		return j + 1, j + 1 + k, j + 2 + k
	}
	k := j
	for k < len(raw) && !isTagSpace(raw[k]) && raw[k] != '>' {
		k++
	}
	return j, k, k
}

// idRefAttrs name ids by their bare tokens: a label's input, the ARIA
// links from a control to the panel it opens or the text that names it,
// a cell's headers. fragmentAttrs name one as "#id" (a link to a part of
// the page, a script's target). A hashed id keeps these links only when
// they are hashed alike: a site with hashed ids writes them hashed.
var (
	idRefAttrs    = map[string]bool{"for": true, "aria-controls": true, "aria-labelledby": true, "aria-describedby": true, "aria-owns": true, "headers": true, "list": true}
	fragmentAttrs = map[string]bool{"href": true, "data-target": true, "data-bs-target": true}
)

// hashedIDRef returns the value v of the attribute key with the ids it
// names hashed as hashTokens hashes an id; ok is false when key names no
// id (a fragment attribute's value that is not one "#id" names none).
func hashedIDRef(key, v string) (ref string, ok bool) {
	switch {
	case idRefAttrs[key]:
		return hashTokens(v, "i"), true
	case fragmentAttrs[key] && len(v) > 1 && v[0] == '#' && !strings.ContainsAny(v, " \t\n\r\f"):
		return "#" + hashTokens(v[1:], "i"), true
	}
	return "", false
}

func isTagSpace(c byte) bool { return c == ' ' || c == '\t' || c == '\n' || c == '\r' || c == '\f' }

// hashTokens replaces each space-separated token of v by prefix and the
// eight hex digits of its FNV-1a hash.
func hashTokens(v, prefix string) string {
	f := strings.Fields(v)
	for i, t := range f {
		h := fnv.New32a()
		h.Write([]byte(t))
		f[i] = fmt.Sprintf("%s%08x", prefix, h.Sum32())
	}
	return strings.Join(f, " ")
}
