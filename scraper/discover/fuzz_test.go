package discover

// fuzzMaxBytes bounds the inputs the fuzz targets parse: bugs show on small
// inputs, and huge ones only slow the fuzzer down.
const fuzzMaxBytes = 64 << 10
