//go:build !unix

package main

// processAlive cannot tell here: a lease waits for its timeout.
func processAlive(pid int) bool { return true }
