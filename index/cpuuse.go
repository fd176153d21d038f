package index

import (
	"log/slog"
	"runtime/metrics"
)

// cpuUse is the Go runtime's account of the process's CPU time so far
// (runtime/metrics' /cpu/classes): the time its Ps (GOMAXPROCS of them)
// existed, the part they had nothing to run (idle), and the collector's
// part. A P running a goroutine counts as busy whether or not the
// machine gave its thread a core, so the idle share says where the build
// leaves a core unused, whatever the machine's load. The runtime updates
// these figures at each garbage collection: a reading is as old as the
// last one (a few seconds in a build).
type cpuUse struct{ total, idle, gc float64 }

// cpuClasses are the metrics readCPU reads, in cpuUse's order.
var cpuClasses = []string{
	"/cpu/classes/total:cpu-seconds",
	"/cpu/classes/idle:cpu-seconds",
	"/cpu/classes/gc/total:cpu-seconds",
}

// readCPU returns the runtime's account of CPU time so far.
func readCPU() cpuUse {
	s := make([]metrics.Sample, len(cpuClasses))
	for i, n := range cpuClasses {
		s[i].Name = n
	}
	metrics.Read(s)
	v := make([]float64, len(s))
	for i := range s {
		if s[i].Value.Kind() == metrics.KindFloat64 {
			v[i] = s[i].Value.Float64()
		}
	}
	return cpuUse{total: v[0], idle: v[1], gc: v[2]}
}

// logCPU logs, at debug level, the CPU time of a phase of a build since
// start (a reading of readCPU): the Ps' time, the share of it they were
// idle and the collector's share. It returns the reading taken now.
func logCPU(log *slog.Logger, phase string, start cpuUse) cpuUse {
	now := readCPU()
	d := cpuUse{total: now.total - start.total, idle: now.idle - start.idle, gc: now.gc - start.gc}
	log.Debug("index: cpu", "phase", phase, "ps_s", round2(d.total),
		"idle_share", d.share(d.idle), "gc_share", d.share(d.gc))
	return now
}

// share returns part as a share of u's total, to three decimals (0 when
// the runtime counted no time: no collection since the reading before).
func (u cpuUse) share(part float64) float64 {
	if u.total <= 0 {
		return 0
	}
	return float64(int(part/u.total*1000+0.5)) / 1000
}

// round2 rounds x to two decimals.
func round2(x float64) float64 { return float64(int(x*100+0.5)) / 100 }
