package pgstore

// Kill stops the worker's heartbeat without giving anything back, as a
// killed process leaves it.
func (f *Frontier) Kill() {
	f.stop()
	f.wg.Wait()
}
