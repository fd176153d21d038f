package extract

// Version is the version of the extractor's output. Callers that store
// articles record it with each one (corpus.Article.ExtractorVersion), so
// that `archivist reextract` can find the articles an older extractor
// derived and derive them again from their stored captures.
//
// The rule: bump it in the same commit as any change that changes what
// Extract returns for some page -- its text, title, metadata, flags or
// page type; in practice, any commit that rewrites a golden file under
// testdata/extract or changes a benchmark's extraction scores. A change
// that leaves every output as it was (speed, refactoring) keeps it.
// Extract itself does not stamp it, so that golden files do not all
// change with it. TestVersionFollowsOutput holds the rule to account on
// the repository's test pages (testdata/version.txt).
//
// Version 2: everything from the first ten sessions of extraction work on
// pages nobody tuned for (issue 8), which had not bumped it.
// Version 3: the eleventh to fourteenth sessions' (issue 8: dates, product
// and forum text, unclosed asides, noscript copies, paywall teasers,
// content read from a page's script data, hidden tab panels and FAQ
// buttons, the next stories of an endless scroll), which had not either.
// Version 4: the fifteenth session's (issue 8).
// Version 6: the seventeenth session's (issue 8).
// Version 7: the eighteenth session's (issue 8).
// Version 8: the nineteenth session's (issue 8).
// Version 9: the twentieth session's (issue 8).
// Version 10: the twenty-first session's (issue 8).
// Versions 11 and 12: the twenty-second session's (issue 8).
// Version 13: the twenty-third session's (issue 8).
// Version 14: the twenty-fourth session's (issue 8).
// Version 15: the twenty-fifth session's (issue 8).
// Version 16: the twenty-sixth session's (issue 8).
// Version 17: the twenty-seventh session's (issue 8).
// Version 18: the twenty-eighth session's (issue 8).
// Version 19: the twenty-ninth session's (issue 8).
// Version 20: the thirtieth session's (issue 8).
// Version 21: the thirty-first session's (issue 8).
// Version 22: the thirty-second session's (issue 8).
// Version 23: the thirty-third session's (issue 8).
// Version 24: the thirty-fourth session's (issue 8).
// Version 25: the thirty-fifth session's (issue 8).
// Version 26: the thirty-sixth session's (issue 8).
// Version 27: the thirty-seventh session's (issue 8).
// Version 28: the thirty-eighth session's (issue 8).
// Version 29: the thirty-ninth session's (issue 8).
// Version 30: the fortieth session's (issue 8).
const Version = 30
