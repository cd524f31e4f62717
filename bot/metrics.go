package bot

import (
	"bufio"
	"fmt"
	"io"
	"maps"
	"math"
	"net/http"
	"slices"
	"strconv"
	"strings"
	"sync"
	"time"
)

// Metrics collects what both transports expose on /metrics, in the
// Prometheus text format (written by hand: the format is small and a client
// library would be the only dependency it needs).
//
// One Metrics may be shared by several transports of a process. Each process
// behind a load balancer exposes its own counters; Prometheus sums them.
type Metrics struct {
	stats func() map[string]int

	mu           sync.Mutex
	interactions map[interactionSeries]uint64
	durations    map[string]*histogram
	rejected     map[string]uint64
}

type interactionSeries struct {
	kind, command, outcome string
}

// durationBuckets are the histogram bounds in seconds, dense around
// Discord's 2–3 s deadline where the interesting answers are.
var durationBuckets = []float64{0.01, 0.05, 0.1, 0.25, 0.5, 1, 2, 3, 5, 10, 30, 60}

type histogram struct {
	counts []uint64 // one per bucket, not cumulative
	count  uint64
	sum    float64
}

// NewMetrics returns empty metrics. stats, if not nil, is called on every
// scrape to report the knowledge base size (e.g. {"films": 120}); it must be
// safe to call concurrently.
func NewMetrics(stats func() map[string]int) *Metrics {
	return &Metrics{
		stats:        stats,
		interactions: make(map[interactionSeries]uint64),
		durations:    make(map[string]*histogram),
		rejected:     make(map[string]uint64),
	}
}

// observe records one finished interaction.
func (m *Metrics) observe(kind, command, outcome string, d time.Duration) {
	m.mu.Lock()
	defer m.mu.Unlock()
	m.interactions[interactionSeries{kind, command, outcome}]++
	h := m.durations[command]
	if h == nil {
		h = &histogram{counts: make([]uint64, len(durationBuckets))}
		m.durations[command] = h
	}
	s := d.Seconds()
	h.count++
	h.sum += s
	if i, _ := slices.BinarySearch(durationBuckets, s); i < len(durationBuckets) {
		h.counts[i]++
	}
}

// reject records an HTTP request refused before it reached the dispatcher.
func (m *Metrics) reject(reason string) {
	m.mu.Lock()
	defer m.mu.Unlock()
	m.rejected[reason]++
}

// ServeHTTP writes the metrics in the Prometheus text exposition format.
func (m *Metrics) ServeHTTP(w http.ResponseWriter, r *http.Request) {
	if r.Method != http.MethodGet && r.Method != http.MethodHead {
		w.Header().Set("Allow", "GET, HEAD")
		http.Error(w, "method not allowed", http.StatusMethodNotAllowed)
		return
	}
	w.Header().Set("Content-Type", "text/plain; version=0.0.4; charset=utf-8")
	_, _ = m.WriteTo(w)
}

// WriteTo writes the metrics in the Prometheus text exposition format.
func (m *Metrics) WriteTo(w io.Writer) (int64, error) {
	stats := m.readStats() // outside the lock: it may query a database
	cw := &countingWriter{w: w}
	b := bufio.NewWriter(cw)

	m.mu.Lock()
	fmt.Fprintln(b, "# HELP moviebot_interactions_total Interactions handled, by interaction type, command and outcome.")
	fmt.Fprintln(b, "# TYPE moviebot_interactions_total counter")
	series := slices.SortedFunc(maps.Keys(m.interactions), func(a, b interactionSeries) int {
		return strings.Compare(a.kind+"\x00"+a.command+"\x00"+a.outcome, b.kind+"\x00"+b.command+"\x00"+b.outcome)
	})
	for _, s := range series {
		fmt.Fprintf(b, "moviebot_interactions_total{type=%s,command=%s,outcome=%s} %d\n",
			quoteLabel(s.kind), quoteLabel(s.command), quoteLabel(s.outcome), m.interactions[s])
	}

	fmt.Fprintln(b, "# HELP moviebot_interaction_duration_seconds Time from receiving an interaction to delivering its answer, by command.")
	fmt.Fprintln(b, "# TYPE moviebot_interaction_duration_seconds histogram")
	for _, cmd := range slices.Sorted(maps.Keys(m.durations)) {
		h := m.durations[cmd]
		var cum uint64
		for i, le := range durationBuckets {
			cum += h.counts[i]
			fmt.Fprintf(b, "moviebot_interaction_duration_seconds_bucket{command=%s,le=%q} %d\n",
				quoteLabel(cmd), strconv.FormatFloat(le, 'g', -1, 64), cum)
		}
		fmt.Fprintf(b, "moviebot_interaction_duration_seconds_bucket{command=%s,le=\"+Inf\"} %d\n", quoteLabel(cmd), h.count)
		fmt.Fprintf(b, "moviebot_interaction_duration_seconds_sum{command=%s} %s\n", quoteLabel(cmd), formatFloat(h.sum))
		fmt.Fprintf(b, "moviebot_interaction_duration_seconds_count{command=%s} %d\n", quoteLabel(cmd), h.count)
	}

	fmt.Fprintln(b, "# HELP moviebot_http_rejected_total HTTP interaction requests refused before handling, by reason.")
	fmt.Fprintln(b, "# TYPE moviebot_http_rejected_total counter")
	for _, reason := range slices.Sorted(maps.Keys(m.rejected)) {
		fmt.Fprintf(b, "moviebot_http_rejected_total{reason=%s} %d\n", quoteLabel(reason), m.rejected[reason])
	}
	m.mu.Unlock()

	if stats != nil {
		fmt.Fprintln(b, "# HELP moviebot_knowledge_items Size of the knowledge base, by kind of item.")
		fmt.Fprintln(b, "# TYPE moviebot_knowledge_items gauge")
		for _, kind := range slices.Sorted(maps.Keys(stats)) {
			fmt.Fprintf(b, "moviebot_knowledge_items{kind=%s} %d\n", quoteLabel(kind), stats[kind])
		}
	}
	err := b.Flush()
	return cw.n, err
}

// readStats calls the stats callback; a panicking callback must not break
// the scrape of everything else.
func (m *Metrics) readStats() (stats map[string]int) {
	if m.stats == nil {
		return nil
	}
	defer func() {
		if recover() != nil {
			stats = nil
		}
	}()
	return m.stats()
}

// quoteLabel quotes a label value with the escapes the text format defines
// (backslash, double quote, newline).
func quoteLabel(v string) string {
	r := strings.NewReplacer(`\`, `\\`, `"`, `\"`, "\n", `\n`)
	return `"` + r.Replace(v) + `"`
}

func formatFloat(f float64) string {
	if math.IsInf(f, 1) {
		return "+Inf"
	}
	return strconv.FormatFloat(f, 'g', -1, 64)
}

type countingWriter struct {
	w io.Writer
	n int64
}

func (c *countingWriter) Write(p []byte) (int, error) {
	n, err := c.w.Write(p)
	c.n += int64(n)
	return n, err
}
