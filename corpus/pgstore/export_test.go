package pgstore

// Kill stops the worker's heartbeat without giving anything back, as a
// killed process leaves it.
func (f *Frontier) Kill() {
	f.stop()
	f.wg.Wait()
}

// Pending returns how many statements wait to be sent in tx.
func (tx *Tx) Pending() int { return len(tx.tx.pending) }
