package index

import "os"

// stemBody, a prototype switch for the measurement of issue 11's option
// (b) (ARCHIVIST_IDX18=b at build and at search time): an article in a
// language with a stemmer has no exact body field; its stemmed field
// holds the title and body with every word, stop words kept as they are
// (stemTerm), so that the stem term of a word finds every article that
// holds the word or another of its forms. Not for merging as it is.
var stemBody = os.Getenv("ARCHIVIST_IDX18") == "b"

// stopMark marks a stem that is itself a stop word of its language
// ("thes" -> "the" in English, say), so that it does not meet the stop
// word, which the stemmed field keeps as it is.
const stopMark = "\x00"
