package bot

import (
	"context"
	"errors"
	"fmt"
	"log/slog"
	"runtime/debug"
	"strings"
	"sync"
	"time"

	"github.com/bwmarrin/discordgo"
)

// Outcomes, as logged and used in the metrics' outcome label.
const (
	outcomeOK           = "ok"            // answered within the defer budget
	outcomeDeferred     = "deferred"      // deferred, then answered by an edit or follow-up
	outcomeLate         = "late"          // autocomplete too slow: dropped (it has no deferred form)
	outcomePanic        = "panic"         // the Router panicked; the user got a friendly error
	outcomeError        = "error"         // the Router returned nothing usable; friendly error
	outcomeTimeout      = "timeout"       // the Router exceeded MaxHandleTime; friendly error
	outcomeRateLimited  = "rate_limited"  // the user was over the limit; "slow down" reply
	outcomeReplyFailed  = "reply_failed"  // Discord refused or never got the reply
	outcomeShuttingDown = "shutting_down" // arrived while draining; not answered
)

// dispatcherConfig is the part of the transports' configuration the
// dispatcher needs.
type dispatcherConfig struct {
	Router        Router
	Logger        *slog.Logger
	Metrics       *Metrics
	RateLimit     RateLimit
	DeferAfter    time.Duration
	MaxHandleTime time.Duration
	// REST sends deferred answers (edits and follow-ups). Those endpoints
	// authenticate with the interaction token, so it needs no bot token.
	REST *discordgo.Session
}

// dispatcher is the one place that runs a Router call, for both transports:
// recover, rate limit, defer budget, delivery of late answers, one log line
// and metrics per interaction, and in-flight tracking for shutdown.
type dispatcher struct {
	router     Router
	log        *slog.Logger
	metrics    *Metrics
	limiter    *limiter
	rest       *discordgo.Session
	deferAfter time.Duration
	maxHandle  time.Duration
	names      map[string]bool // registered command names: bounds metric labels
	now        func() time.Time

	// ctx parents every Router call and follow-up. It is cancelled when a
	// drain gives up, so nothing outlives shutdown for long.
	ctx    context.Context
	cancel context.CancelFunc

	mu       sync.Mutex
	inflight int
	closing  bool
	idle     chan struct{} // closed when inflight reaches 0 during a drain
}

func newDispatcher(cfg dispatcherConfig) *dispatcher {
	d := &dispatcher{
		router:     cfg.Router,
		log:        cfg.Logger,
		metrics:    cfg.Metrics,
		rest:       cfg.REST,
		deferAfter: cfg.DeferAfter,
		maxHandle:  cfg.MaxHandleTime,
		names:      make(map[string]bool),
		now:        time.Now,
	}
	if d.log == nil {
		d.log = slog.New(slog.DiscardHandler)
	}
	if d.metrics == nil {
		d.metrics = NewMetrics(nil)
	}
	if d.deferAfter <= 0 {
		d.deferAfter = DefaultDeferAfter
	}
	if d.maxHandle <= 0 {
		d.maxHandle = DefaultMaxHandleTime
	}
	d.limiter = newLimiter(cfg.RateLimit, d.now)
	for _, c := range cfg.Router.Commands() {
		if c != nil {
			d.names[c.Name] = true
		}
	}
	d.ctx, d.cancel = context.WithCancel(context.Background())
	return d
}

// responder sends the first response to one interaction: a REST callback for
// the gateway, the HTTP response body for the interactions endpoint.
type responder interface {
	// respond sends the first (and only initial) response.
	respond(ctx context.Context, resp *discordgo.InteractionResponse) error
	// drop gives up on an interaction that gets no answer (a late or failed
	// autocomplete, which has no deferred form and no error message).
	drop()
}

// result is what one Router call produced.
type result struct {
	resp     *discordgo.InteractionResponse
	panicked bool
	panicVal any
	stack    []byte
	timedOut bool
}

// handle answers one interaction. It returns once the first response has
// been sent (so the HTTP transport can finish its response); a deferred
// answer is delivered later from a goroutine tracked for shutdown. It
// reports false, without answering, when the dispatcher is draining.
func (d *dispatcher) handle(i *discordgo.Interaction, r responder, attrs ...any) bool {
	start := d.now()
	ev := describe(i, d.names)
	log := d.log.With(ev.logAttrs()...).With(attrs...)
	if !d.begin() {
		d.finish(log, ev, outcomeShuttingDown, start, nil)
		return false
	}
	// Discord's clock for the first response started before we got the
	// interaction; the deadline keeps a stuck REST call from outliving it.
	firstCtx, cancelFirst := context.WithDeadline(d.ctx, start.Add(firstResponseWindow))
	defer cancelFirst()

	if !d.limiter.allow(ev.user, ev.autocomplete) {
		var err error
		if ev.autocomplete {
			r.drop()
		} else {
			err = r.respond(firstCtx, ephemeralReply(slowDownText))
		}
		d.finish(log, ev, outcomeRateLimited, start, err)
		d.done()
		return true
	}

	results := make(chan result, 1) // buffered: a late Router never blocks
	hctx, cancelHandle := context.WithTimeout(d.ctx, d.maxHandle)
	go func() { results <- d.call(hctx, i) }()

	timer := time.NewTimer(d.deferAfter)
	select {
	case res := <-results:
		timer.Stop()
		cancelHandle()
		resp, outcome := d.answer(log, res)
		var err error
		if ev.autocomplete && outcome != outcomeOK {
			r.drop()
		} else {
			err = r.respond(firstCtx, resp)
		}
		d.finish(log, ev, outcome, start, err)
		d.done()
		return true
	case <-timer.C:
	}

	if ev.autocomplete {
		cancelHandle()
		r.drop()
		d.finish(log, ev, outcomeLate, start, nil)
		d.done()
		return true
	}

	ephemeral := false
	if ed, ok := d.router.(EphemeralDeferrer); ok {
		ephemeral = d.safeDeferEphemeral(log, ed, i)
	}
	if err := r.respond(firstCtx, deferredResponse(i, ephemeral)); err != nil {
		cancelHandle()
		d.finish(log, ev, outcomeDeferred, start, err)
		d.done()
		return true
	}
	go func() {
		defer d.done()
		defer cancelHandle()
		var res result
		select {
		case res = <-results:
		case <-hctx.Done():
			res = result{timedOut: true}
		}
		resp, outcome := d.answer(log, res)
		if outcome == outcomeOK {
			outcome = outcomeDeferred
		}
		err := d.deliver(log, i, resp)
		d.finish(log, ev, outcome, start, err)
	}()
	return true
}

// call runs the Router, turning a panic into a result: discordgo runs event
// handlers in bare goroutines, so an unrecovered panic would end the process.
func (d *dispatcher) call(ctx context.Context, i *discordgo.Interaction) (res result) {
	defer func() {
		if v := recover(); v != nil {
			res = result{panicked: true, panicVal: v, stack: debug.Stack()}
		}
	}()
	return result{resp: d.router.Handle(ctx, i)}
}

func (d *dispatcher) safeDeferEphemeral(log *slog.Logger, ed EphemeralDeferrer, i *discordgo.Interaction) (eph bool) {
	defer func() {
		if v := recover(); v != nil {
			log.Error("DeferEphemeral panicked", "panic", fmt.Sprint(v), "stack", string(debug.Stack()))
			eph = false
		}
	}()
	return ed.DeferEphemeral(i)
}

// answer turns a Router result into the response to send and its outcome.
func (d *dispatcher) answer(log *slog.Logger, res result) (*discordgo.InteractionResponse, string) {
	switch {
	case res.panicked:
		log.Error("router panicked", "panic", fmt.Sprint(res.panicVal), "stack", string(res.stack))
		return ephemeralReply(errorText), outcomePanic
	case res.timedOut:
		return ephemeralReply(timeoutText), outcomeTimeout
	case res.resp == nil || res.resp.Type == 0:
		log.Error("router returned no response")
		return ephemeralReply(errorText), outcomeError
	}
	return withSafeMentions(res.resp), outcomeOK
}

// deliver sends an answer after a deferred response: it edits the original
// response (the "thinking" message, or for components the message they are
// attached to) or, when a component's answer is a new message, posts a
// follow-up. A deferral fixed the visibility of the "thinking" message, so
// an ephemeral flag on a late command answer cannot take effect.
func (d *dispatcher) deliver(log *slog.Logger, i *discordgo.Interaction, resp *discordgo.InteractionResponse) error {
	switch resp.Type {
	case discordgo.InteractionResponseChannelMessageWithSource, discordgo.InteractionResponseUpdateMessage:
	default:
		// Modals, autocomplete results and deferrals cannot follow a deferral.
		log.Error("router response cannot be sent after a deferral", "response_type", int(resp.Type))
		resp = ephemeralReply(errorText)
	}
	data := resp.Data
	if data == nil {
		data = &discordgo.InteractionResponseData{}
	}
	mentions := data.AllowedMentions
	if mentions == nil {
		mentions = noMentions()
	}
	if i.Type == discordgo.InteractionMessageComponent && resp.Type == discordgo.InteractionResponseChannelMessageWithSource {
		// The type 6 deferral created no message: this answer is a new one.
		params := &discordgo.WebhookParams{
			Content:         data.Content,
			TTS:             data.TTS,
			Components:      data.Components,
			Embeds:          data.Embeds,
			AllowedMentions: mentions,
			Flags:           data.Flags,
		}
		return d.restCall(func(opts ...discordgo.RequestOption) error {
			_, err := d.rest.FollowupMessageCreate(i, true, params, opts...)
			return err
		})
	}
	if data.Flags&discordgo.MessageFlagsEphemeral != 0 {
		log.Debug("ephemeral flag of a late answer ignored: the deferral fixed the visibility")
	}
	content := data.Content
	components := data.Components
	if components == nil {
		components = []discordgo.MessageComponent{}
	}
	embeds := data.Embeds
	if embeds == nil {
		embeds = []*discordgo.MessageEmbed{}
	}
	edit := &discordgo.WebhookEdit{
		Content:         &content,
		Components:      &components,
		Embeds:          &embeds,
		AllowedMentions: mentions,
	}
	return d.restCall(func(opts ...discordgo.RequestOption) error {
		_, err := d.rest.InteractionResponseEdit(i, edit, opts...)
		return err
	})
}

// restCall runs one follow-up REST request with a deadline and without
// discordgo's own 429 handling (an uninterruptible time.Sleep). A 429 is
// retried a few times after the delay Discord asks for, as long as the
// dispatcher is not shutting down; every other error is final, notably
// 10062 (unknown interaction) and 40060 (already acknowledged).
func (d *dispatcher) restCall(do func(opts ...discordgo.RequestOption) error) error {
	const attempts = 3
	var err error
	for n := 0; n < attempts; n++ {
		ctx, cancel := context.WithTimeout(d.ctx, 30*time.Second)
		err = do(discordgo.WithContext(ctx), discordgo.WithRetryOnRatelimit(false), discordgo.WithRestRetries(1))
		cancel()
		var rl *discordgo.RateLimitError
		if !errors.As(err, &rl) {
			return err
		}
		t := time.NewTimer(rl.RetryAfter)
		select {
		case <-t.C:
		case <-d.ctx.Done():
			t.Stop()
			return err
		}
	}
	return err
}

// finish logs the interaction's one line and records its metrics.
func (d *dispatcher) finish(log *slog.Logger, ev event, outcome string, start time.Time, err error) {
	latency := d.now().Sub(start)
	level := slog.LevelInfo
	attrs := []any{}
	switch outcome {
	case outcomePanic, outcomeError, outcomeTimeout:
		level = slog.LevelWarn
	}
	if err != nil {
		attrs = append(attrs, "handler_outcome", outcome, "error", err.Error())
		if code := discordErrorCode(err); code != 0 {
			attrs = append(attrs, "discord_code", code)
		}
		if isFinalInteractionError(err) {
			// Too late or answered twice: retrying can only fail again.
			attrs = append(attrs, "final", true)
		}
		outcome = outcomeReplyFailed
		level = slog.LevelWarn
	}
	attrs = append(attrs, "outcome", outcome, "latency", latency)
	d.metrics.observe(ev.kind, ev.command, outcome, latency)
	log.Log(context.Background(), level, "interaction", attrs...)
}

func (d *dispatcher) begin() bool {
	d.mu.Lock()
	defer d.mu.Unlock()
	if d.closing {
		return false
	}
	d.inflight++
	return true
}

func (d *dispatcher) done() {
	d.mu.Lock()
	defer d.mu.Unlock()
	d.inflight--
	if d.inflight == 0 && d.idle != nil {
		close(d.idle)
		d.idle = nil
	}
}

// drain stops taking interactions and waits up to timeout for those in
// flight. Past the timeout it cancels their contexts and gives them a short
// grace to notice. It reports whether everything finished in time.
func (d *dispatcher) drain(timeout time.Duration) bool {
	d.mu.Lock()
	d.closing = true
	if d.inflight == 0 {
		d.mu.Unlock()
		d.cancel()
		return true
	}
	if d.idle == nil {
		d.idle = make(chan struct{})
	}
	idle := d.idle
	d.mu.Unlock()

	t := time.NewTimer(timeout)
	defer t.Stop()
	select {
	case <-idle:
		d.cancel()
		return true
	case <-t.C:
	}
	d.cancel()
	grace := time.NewTimer(time.Second)
	defer grace.Stop()
	select {
	case <-idle:
	case <-grace.C:
	}
	return false
}

// discordErrorCode returns Discord's JSON error code of a REST error, or 0.
func discordErrorCode(err error) int {
	var re *discordgo.RESTError
	if errors.As(err, &re) && re.Message != nil {
		return re.Message.Code
	}
	return 0
}

// isFinalInteractionError reports the errors that mean the interaction can
// no longer be answered this way: 10062 (unknown interaction: too late, or
// its token is gone) and 40060 (already acknowledged).
func isFinalInteractionError(err error) bool {
	switch discordErrorCode(err) {
	case discordgo.ErrCodeUnknownInteraction, discordgo.ErrCodeInteractionHasAlreadyBeenAcknowledged:
		return true
	}
	return false
}

// event is what the log line and the metrics say about an interaction.
type event struct {
	id, kind, command, user, guild, customID string
	autocomplete                             bool
}

// describe extracts the loggable facts of an interaction. It copes with
// partial interactions: discordgo still dispatches an event whose data
// failed to decode.
func describe(i *discordgo.Interaction, names map[string]bool) event {
	ev := event{id: i.ID, guild: i.GuildID, command: "unknown"}
	switch {
	case i.Member != nil && i.Member.User != nil:
		ev.user = i.Member.User.ID
	case i.User != nil:
		ev.user = i.User.ID
	}
	label := func(name string) {
		if names[name] {
			ev.command = name
		}
	}
	switch i.Type {
	case discordgo.InteractionApplicationCommand:
		ev.kind = "command"
		if data, ok := i.Data.(discordgo.ApplicationCommandInteractionData); ok {
			label(data.Name)
		}
	case discordgo.InteractionApplicationCommandAutocomplete:
		ev.kind = "autocomplete"
		ev.autocomplete = true
		if data, ok := i.Data.(discordgo.ApplicationCommandInteractionData); ok {
			label(data.Name)
		}
	case discordgo.InteractionMessageComponent:
		ev.kind = "component"
		if data, ok := i.Data.(discordgo.MessageComponentInteractionData); ok {
			ev.customID = data.CustomID
			label(customIDPrefix(data.CustomID))
		}
	case discordgo.InteractionModalSubmit:
		ev.kind = "modal"
		if data, ok := i.Data.(discordgo.ModalSubmitInteractionData); ok {
			ev.customID = data.CustomID
			label(customIDPrefix(data.CustomID))
		}
	default:
		ev.kind = fmt.Sprintf("type_%d", int(i.Type))
	}
	return ev
}

// customIDPrefix guesses the command a component belongs to from the usual
// "command:rest" custom_id convention; describe only uses it if it names a
// registered command.
func customIDPrefix(id string) string {
	if n := strings.IndexAny(id, ":|/ "); n >= 0 {
		return id[:n]
	}
	return id
}

func (ev event) logAttrs() []any {
	attrs := []any{
		"interaction_id", ev.id,
		"type", ev.kind,
		"command", ev.command,
		"user_id", ev.user,
		"guild_id", ev.guild,
	}
	if ev.customID != "" {
		id := ev.customID
		if len(id) > 100 {
			id = id[:100]
		}
		attrs = append(attrs, "custom_id", id)
	}
	return attrs
}
