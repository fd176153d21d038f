// Package warc writes captures as WARC files (ISO 28500, WARC/1.1) with a
// CDXJ index, and reads WARC files (1.0 and 1.1, gzipped or not) back into
// captures. It imports corpus only; the command wires it to the extractor
// and the index.
package warc

import (
	"crypto/rand"
	"crypto/sha1"
	"encoding/base32"
	"fmt"
	"hash"
	"strconv"
	"time"
)

// Record types and profiles used here.
const (
	TypeWarcinfo = "warcinfo"
	TypeRequest  = "request"
	TypeResponse = "response"
	TypeRevisit  = "revisit"
	TypeMetadata = "metadata"
	TypeResource = "resource"

	// ProfileIdenticalPayload is the revisit profile of a capture whose
	// payload is the same as an earlier one's.
	ProfileIdenticalPayload = "http://netpreserve.org/warc/1.1/revisit/identical-payload-digest"
	// ProfileNotModified is the revisit profile of a 304 answer to a
	// conditional request.
	ProfileNotModified = "http://netpreserve.org/warc/1.1/revisit/server-not-modified"
)

// newRecordID returns a fresh WARC-Record-ID: a random (version 4) UUID URN
// in angle brackets.
func newRecordID() string {
	var b [16]byte
	rand.Read(b[:])
	return uuidURN(b, 0x40)
}

// namedRecordID returns the WARC-Record-ID of one record of a capture: a
// name-based (version 5, SHA-1) UUID URN of the namespace (the corpus id),
// the capture's id and the record's type. Exporting the same capture of
// the same corpus twice gives the same id, so that importing two
// overlapping exports (or one export twice) adds each capture once.
func namedRecordID(namespace string, captureID int64, typ string) string {
	sum := sha1.Sum([]byte("archivist-capture\x00" + namespace + "\x00" + strconv.FormatInt(captureID, 10) + "\x00" + typ))
	var b [16]byte
	copy(b[:], sum[:16])
	return uuidURN(b, 0x50)
}

// uuidURN formats b as a UUID URN of the given version (0x40, 0x50) in
// angle brackets, with the RFC 4122 variant bits set.
func uuidURN(b [16]byte, version byte) string {
	b[6] = b[6]&0x0f | version
	b[8] = b[8]&0x3f | 0x80
	return fmt.Sprintf("<urn:uuid:%x-%x-%x-%x-%x>", b[0:4], b[4:6], b[6:8], b[8:10], b[10:16])
}

// sha1Digest formats a SHA-1 as WARC digests usually are: "sha1:" and
// base32.
func sha1Digest(h hash.Hash) string {
	return "sha1:" + base32.StdEncoding.EncodeToString(h.Sum(nil))
}

// SHA1Of returns the WARC digest of b.
func SHA1Of(b []byte) string {
	h := sha1.New()
	h.Write(b)
	return sha1Digest(h)
}

// warcDate formats a WARC-Date: UTC, to the microsecond when there is a
// fraction (WARC/1.1 allows one).
func warcDate(t time.Time) string {
	t = t.UTC()
	if t.Nanosecond()/1000 == 0 {
		return t.Format("2006-01-02T15:04:05Z")
	}
	return t.Format("2006-01-02T15:04:05.000000Z")
}

func timeNow() time.Time { return time.Now() }
