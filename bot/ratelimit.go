package bot

import (
	"sync"
	"time"
)

// RateLimit configures the per-user token buckets. The zero value means the
// defaults: 5 commands and 50 autocomplete requests per 10 s per user.
// Autocomplete is counted in its own bucket and far more leniently because
// Discord sends one request per keystroke.
//
// The buckets live in the process: behind a load balancer each process
// limits on its own, which only makes the limit looser, never wrong.
type RateLimit struct {
	// Commands is the burst of commands, components and modal submits a
	// user may send per Per. Negative disables rate limiting.
	Commands int
	// Autocomplete is the burst of autocomplete requests per Per; 0 means
	// ten times Commands.
	Autocomplete int
	// Per is the refill period of a full bucket.
	Per time.Duration
}

func (r RateLimit) withDefaults() RateLimit {
	if r.Commands == 0 {
		r.Commands = 5
	}
	if r.Autocomplete == 0 {
		r.Autocomplete = 10 * r.Commands
	}
	if r.Per <= 0 {
		r.Per = 10 * time.Second
	}
	return r
}

// limiter holds one token bucket per user and kind.
type limiter struct {
	cfg RateLimit
	now func() time.Time

	mu        sync.Mutex
	buckets   map[limitKey]*bucket
	lastSweep time.Time
}

type limitKey struct {
	user         string
	autocomplete bool
}

type bucket struct {
	tokens float64
	last   time.Time
}

func newLimiter(cfg RateLimit, now func() time.Time) *limiter {
	return &limiter{cfg: cfg.withDefaults(), now: now, buckets: make(map[limitKey]*bucket)}
}

// allow takes one token from the user's bucket and reports whether there was
// one. Requests without a user (never sent by Discord) are not limited.
func (l *limiter) allow(user string, autocomplete bool) bool {
	if l.cfg.Commands < 0 || user == "" {
		return true
	}
	burst := float64(l.cfg.Commands)
	if autocomplete {
		burst = float64(l.cfg.Autocomplete)
	}
	rate := burst / l.cfg.Per.Seconds() // tokens per second
	now := l.now()

	l.mu.Lock()
	defer l.mu.Unlock()
	l.sweep(now)
	k := limitKey{user, autocomplete}
	b := l.buckets[k]
	if b == nil {
		b = &bucket{tokens: burst, last: now}
		l.buckets[k] = b
	}
	b.tokens += now.Sub(b.last).Seconds() * rate
	if b.tokens > burst {
		b.tokens = burst
	}
	b.last = now
	if b.tokens < 1 {
		return false
	}
	b.tokens--
	return true
}

// sweep forgets buckets idle for a full period (they are full again, so
// forgetting them changes nothing) to keep memory bounded by active users.
func (l *limiter) sweep(now time.Time) {
	if now.Sub(l.lastSweep) < l.cfg.Per {
		return
	}
	l.lastSweep = now
	for k, b := range l.buckets {
		if now.Sub(b.last) >= l.cfg.Per {
			delete(l.buckets, k)
		}
	}
}
