//go:build !(linux || darwin)

package main

import "os"

// terminalWidth cannot tell here: the status line keeps to 80 columns.
func terminalWidth(f *os.File) int { return 0 }
