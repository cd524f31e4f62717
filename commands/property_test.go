package commands

import (
	"context"
	"fmt"
	"log/slog"
	"math/rand/v2"
	"regexp"
	"sort"
	"strconv"
	"strings"
	"sync"
	"testing"
	"unicode/utf8"

	"github.com/bwmarrin/discordgo"

	"moviebot/knowledge"
)

// hostile are inputs meant to break a reply: mentions, Markdown that would
// open spoilers, bold, code, quotes or links, sizes at and over every limit,
// blank text, scripts and bytes a film database never holds.
var hostile = []string{
	"@everyone", "@here", "<@123>", "<@&456>", "<#789>", "@\u200beveryone",
	"||", "|| spoiler ||", "`", "```", "``` code ```", "**", "**bold**", "__", "~~",
	"> quote", "[x](http://e.com)", "# heading", "- item",
	// The same with letters around them, so an unescaped echo can be told
	// from the reply's own formatting.
	"zq||zq", "zq**zq", "zq`zq", "zq~~zq", "zq__zq", "[zq](http://e.com)", "# zqhead", "> zqquote",
	"\\", "\\||", "a\\*b", "::::", "quote:1:x:2", "cast:1:2",
	strings.Repeat("a", 6000), strings.Repeat("ü", 100), strings.Repeat("ü", 101), strings.Repeat("word ", 20),
	"", " ", "\t\n ", "\n\n\n",
	"🎬🍿 फ़िल्म", "\u202eRTL override سلام", "שלום עולם", "Ａｍéｌｉｅ", "\u0000", "x\u0000y",
	"\xff\xfe broken", "leaving\xc3", "\xc3\x28",
	"zzqqxx unknown", "Nobody McNoname", "1995", "#1", "#999999", "#-1", "the",
}

// echoChecked are the hostile inputs whose Markdown must never reach a
// reply live: each has letters that the reply's own formatting never has.
var echoChecked = []string{
	"|| spoiler ||", "``` code ```", "**bold**", "> quote", "[x](http://e.com)",
	"zq||zq", "zq**zq", "zq`zq", "zq~~zq", "zq__zq", "[zq](http://e.com)", "# zqhead", "> zqquote",
}

// randomInputs returns n seeded random strings over an alphabet rich in
// Markdown, mentions, spaces and non-Latin text.
func randomInputs(rng *rand.Rand, n int) []string {
	alphabet := []rune("abcdefghijklmnopqrstuvwxyz ABCXYZ 0123456789 *_~`|><[]()#-@:\\\n\t.,!?'\"“”’éüßø日本語🎬\u200b\u202e")
	out := make([]string, n)
	for i := range out {
		size := 1 + rng.IntN(120)
		var b strings.Builder
		for j := 0; j < size; j++ {
			b.WriteRune(alphabet[rng.IntN(len(alphabet))])
		}
		out[i] = b.String()
	}
	return out
}

// typo swaps two neighbouring letters in the middle of the title's longest
// word: one edit, which film search must forgive.
func typo(title string) string {
	words := strings.Fields(title)
	best := -1
	for i, w := range words {
		if utf8.RuneCountInString(w) >= 5 && (best < 0 || len(w) > len(words[best])) {
			best = i
		}
	}
	if best < 0 {
		return title
	}
	r := []rune(words[best])
	m := len(r) / 2
	r[m-1], r[m] = r[m], r[m-1]
	words[best] = string(r)
	return strings.Join(words, " ")
}

var sentenceEnd = regexp.MustCompile(`[.!?]["”’)]*\s+|\n+`)

// splitSentences splits text at sentence ends and line breaks.
func splitSentences(s string) []string {
	var out []string
	for _, p := range sentenceEnd.Split(s, -1) {
		if p = strings.TrimSpace(p); p != "" {
			out = append(out, p)
		}
	}
	return out
}

// spoilerSentences returns, folded, each distinctive sentence (six words or
// more) of the text a film marks as a spoiler (plot sections and facts),
// leaving out any that the film's spoiler-free text also says.
func spoilerSentences(films []*knowledge.Film) map[string]string {
	out := map[string]string{}
	for _, f := range films {
		var clear []string
		for _, p := range f.Plot {
			if !p.Spoiler {
				clear = append(clear, knowledge.Fold(p.Text))
			}
		}
		for _, x := range f.Facts {
			if !x.Spoiler {
				clear = append(clear, knowledge.Fold(x.Text))
			}
		}
		for _, q := range f.Quotes {
			clear = append(clear, knowledge.Fold(q.Text))
		}
		var secret []string
		for _, p := range f.Plot {
			if p.Spoiler {
				secret = append(secret, p.Text)
			}
		}
		for _, x := range f.Facts {
			if x.Spoiler {
				secret = append(secret, x.Text)
			}
		}
	sentences:
		for _, text := range secret {
			for _, s := range splitSentences(text) {
				folded := knowledge.Fold(s)
				if len(strings.Fields(folded)) < 6 {
					continue
				}
				for _, c := range clear {
					if strings.Contains(c, folded) {
						continue sentences
					}
				}
				out[folded] = f.Title + ": " + s
			}
		}
	}
	return out
}

// errorLog records what the router logs at error level: an internal error
// or a recovered panic, neither of which any input may cause.
type errorLog struct {
	mu   sync.Mutex
	msgs []string
}

func (l *errorLog) Enabled(context.Context, slog.Level) bool { return true }
func (l *errorLog) Handle(_ context.Context, r slog.Record) error {
	if r.Level < slog.LevelError {
		return nil
	}
	var b strings.Builder
	b.WriteString(r.Message)
	r.Attrs(func(a slog.Attr) bool {
		if a.Key != "stack" {
			fmt.Fprintf(&b, " %s=%v", a.Key, a.Value)
		}
		return true
	})
	l.mu.Lock()
	l.msgs = append(l.msgs, b.String())
	l.mu.Unlock()
	return nil
}
func (l *errorLog) WithAttrs([]slog.Attr) slog.Handler { return l }
func (l *errorLog) WithGroup(string) slog.Handler      { return l }

func (l *errorLog) take() []string {
	l.mu.Lock()
	defer l.mu.Unlock()
	out := l.msgs
	l.msgs = nil
	return out
}

// prober sends interactions through a router and checks every reply, and
// presses every button of every reply to a small depth.
type prober struct {
	t       *testing.T
	r       *Router
	log     *errorLog
	ctx     context.Context
	secrets map[string]string
	// secretIdx finds the secrets by their second to fourth words, so a
	// reply is searched only for the sentences it could contain.
	secretIdx map[string][]string
	pressed   map[string]bool
	sent      int
	failures  int
	// user and channel send every command; depth is how deep buttons are
	// pressed.
	user, channel string
	depth         int
}

// maxFailures stops a broken property from flooding the log.
const maxFailures = 60

func (p *prober) fail(i *discordgo.Interaction, format string, args ...any) {
	p.t.Helper()
	p.failures++
	if p.failures > maxFailures {
		if p.failures == maxFailures+1 {
			p.t.Errorf("more failures left out")
		}
		return
	}
	p.t.Errorf("%s: %s", describe(i), fmt.Sprintf(format, args...))
}

// describe names an interaction in a failure message.
func describe(i *discordgo.Interaction) string {
	switch d := i.Data.(type) {
	case discordgo.ApplicationCommandInteractionData:
		var parts []string
		for _, o := range d.Options {
			v := fmt.Sprint(o.Value)
			if len(v) > 60 {
				v = v[:60] + "…(" + strconv.Itoa(len(v)) + " bytes)"
			}
			focus := ""
			if o.Focused {
				focus = "*"
			}
			parts = append(parts, fmt.Sprintf("%s%s:%q", o.Name, focus, v))
		}
		kind := "/"
		if i.Type == discordgo.InteractionApplicationCommandAutocomplete {
			kind = "autocomplete /"
		}
		return kind + d.Name + " " + strings.Join(parts, " ")
	case discordgo.MessageComponentInteractionData:
		return "button " + d.CustomID
	}
	return "interaction"
}

// send handles i, checks the reply, and presses its buttons (depth levels
// deep). inputs are the user texts i carries.
func (p *prober) send(i *discordgo.Interaction, inputs []string, depth int) *discordgo.InteractionResponse {
	p.t.Helper()
	p.sent++
	resp := p.r.Handle(p.ctx, i)
	p.check(i, resp, inputs)
	if depth > 0 {
		for _, b := range allButtons(resp) {
			if p.pressed[b.CustomID] {
				continue
			}
			p.pressed[b.CustomID] = true
			p.send(buttonInteraction(userID(i), i.ChannelID, b.CustomID), nil, depth-1)
		}
	}
	return resp
}

func (p *prober) check(i *discordgo.Interaction, resp *discordgo.InteractionResponse, inputs []string) {
	p.t.Helper()
	for _, m := range p.log.take() {
		p.fail(i, "router logged an error: %s", m)
	}
	for _, prob := range checkResponse(resp) {
		p.fail(i, "%s", prob)
	}
	if resp == nil || resp.Data == nil {
		return
	}
	for _, s := range allTexts(resp) {
		if !utf8.ValidString(s) {
			p.fail(i, "reply text is not valid UTF-8: %q", clipForLog(s))
		}
	}
	// No distinctive spoiler sentence outside spoiler bars.
	var clearText []string
	for _, s := range markdownTexts(resp) {
		clearText = append(clearText, knowledge.Fold(outsideSpoilers(s)))
	}
	for _, e := range resp.Data.Embeds {
		if e.Author != nil {
			clearText = append(clearText, knowledge.Fold(e.Author.Name))
		}
	}
	for _, c := range resp.Data.Choices {
		clearText = append(clearText, knowledge.Fold(c.Name))
	}
	for _, b := range allButtons(resp) {
		clearText = append(clearText, knowledge.Fold(b.Label))
	}
	leaked := map[string]bool{}
	for _, c := range clearText {
		w := strings.Fields(c)
		for k := 0; k+3 <= len(w); k++ {
			for _, folded := range p.secretIdx[w[k]+" "+w[k+1]+" "+w[k+2]] {
				if !leaked[folded] && strings.Contains(c, folded) {
					leaked[folded] = true
					p.fail(i, "spoiler outside spoiler bars: %q", p.secrets[folded])
				}
			}
		}
	}
	// User text never comes back with its Markdown live.
	for _, in := range inputs {
		for _, h := range echoChecked {
			if !strings.Contains(in, h) {
				continue
			}
			for _, s := range markdownTexts(resp) {
				if unescapedOccurrence(s, h) {
					p.fail(i, "user text %q is shown unescaped in %q", h, clipForLog(s))
				}
			}
		}
	}
}

// stringOptions lists each command's string options.
func stringOptions(r *Router) map[string][]*discordgo.ApplicationCommandOption {
	out := map[string][]*discordgo.ApplicationCommandOption{}
	for _, c := range r.Commands() {
		for _, o := range c.Options {
			if o.Type == discordgo.ApplicationCommandOptionString {
				out[c.Name] = append(out[c.Name], o)
			}
		}
	}
	return out
}

// validDefaults are values that make each required option valid, so a
// hostile value in one option is what the command sees.
var validDefaults = map[string]string{
	"film": "fargo", "line": "there's more to life than a little money", "name": "frances mcdormand",
	"question": "who played marge in fargo", "search": "prickly pear", "character": "marge",
}

// run sends a command as the prober's user and checks the reply and
// everything its buttons lead to.
func (p *prober) run(name string, opts ...*discordgo.ApplicationCommandInteractionDataOption) *discordgo.InteractionResponse {
	p.t.Helper()
	var inputs []string
	for _, o := range opts {
		if o == nil {
			continue
		}
		if s, ok := o.Value.(string); ok {
			inputs = append(inputs, s)
		}
	}
	return p.send(commandInteraction(p.user, p.channel, name, opts...), inputs, p.depth)
}

// complete sends an autocomplete request and checks the reply.
func (p *prober) complete(name string, opts ...*discordgo.ApplicationCommandInteractionDataOption) *discordgo.InteractionResponse {
	p.t.Helper()
	return p.send(autocompleteInteraction(p.user, p.channel, name, opts...), nil, 0)
}

func focused(o *discordgo.ApplicationCommandInteractionDataOption) *discordgo.ApplicationCommandInteractionDataOption {
	o.Focused = true
	return o
}

var filmCommands = []string{"movie", "cast", "awards", "plot", "quote", "review", "trivia", "similar"}

// sweepFilm runs every command over film f: by title, by "Title (Year)",
// by a typo, every character, actor and quote, every review filter, every
// /ask shape, and autocomplete of every prefix of the title. unique says
// whether f's title names only f (namesakes get "which one?").
func (p *prober) sweepFilm(f *knowledge.Film, unique bool) {
	t := p.t
	t.Helper()
	label := plainFilmLabel(f.Title, f.Year)
	names := []string{label, f.Title, strings.ToUpper(f.Title), typo(f.Title), "  " + strings.ToLower(f.Title) + "  "}
	for i, v := range names {
		resp := p.run("movie", sopt("film", v))
		if (unique || i == 0) && runes(f.Title) <= maxOptionLength-7 && (isEphemeral(resp) || len(resp.Data.Embeds) == 0 || resp.Data.Embeds[0].Title != truncRunes(filmLabel(f.Title, f.Year), maxEmbedTitle)) {
			t.Errorf("/movie film:%q did not answer with %s:\n%s", v, label, Render(resp))
		}
		for _, c := range filmCommands[1:] {
			p.run(c, sopt("film", v))
		}
	}
	for _, spoilers := range []bool{false, true} {
		resp := p.run("plot", sopt("film", label), bopt("spoilers", spoilers))
		if pr := premise(f); pr != nil && len(resp.Data.Embeds) > 0 {
			words := strings.Fields(knowledge.Fold(pr.Text))
			want := strings.Join(words[:min(8, len(words))], " ")
			if !strings.Contains(knowledge.Fold(outsideSpoilers(resp.Data.Embeds[0].Description)), want) {
				t.Errorf("/plot %s: the premise %q is not in the clear:\n%s", f.Title, want, Render(resp))
			}
		}
	}
	for _, c := range f.Cast {
		chars := []string{c.Character, strings.ToLower(c.Character), "the " + c.Character}
		if len(c.Variants) > 0 {
			chars = append(chars, c.Variants[0])
		}
		for _, ch := range chars {
			if strings.TrimSpace(ch) != "" {
				p.run("cast", sopt("film", label), sopt("character", ch))
			}
		}
		p.run("actor", sopt("name", c.Actor))
	}
	for _, c := range f.Crew {
		p.run("actor", sopt("name", c.Name))
	}
	for _, q := range f.Quotes {
		p.run("whosaid", sopt("line", q.Text))
		p.run("whosaid", sopt("line", strings.ToLower(knowledge.Fold(q.Text))))
		words := strings.Fields(q.Text)
		p.run("quote", sopt("search", strings.Join(words[:min(4, len(words))], " ")))
		p.run("quote", sopt("film", label), sopt("search", q.Text))
		if q.Character != "" {
			p.run("quote", sopt("film", label), sopt("character", q.Character))
			p.run("quote", sopt("character", q.Character))
		}
	}
	for _, site := range append([]string{""}, reviewSites...) {
		for _, kind := range append([]string{""}, reviewKinds...) {
			opts := []*discordgo.ApplicationCommandInteractionDataOption{sopt("film", label)}
			if site != "" {
				opts = append(opts, sopt("site", site))
			}
			if kind != "" {
				opts = append(opts, sopt("kind", kind))
			}
			p.run("review", opts...)
		}
	}
	lead := "nobody"
	if len(f.Cast) > 0 {
		if w := strings.Fields(f.Cast[0].Actor); len(w) > 0 {
			lead = w[len(w)-1]
		}
	}
	for _, film := range []string{strings.ToLower(label), typo(f.Title), "it"} {
		for _, q := range []string{
			"who directed %s", "who wrote %s", "who wrote the novel for %s", "what novel is %s based on",
			"did " + lead + " win an oscar for %s", "did %s win an oscar", "what awards did %s win",
			"how long is %s", "what is %s rated", "what was the budget of %s", "how much did %s make",
			"when did %s come out", "what is %s about", "who starred in %s", "how does %s end",
			"what genre is %s", "how much did %s cost", "who is the director of %s", "%s",
		} {
			p.run("ask", sopt("question", fmt.Sprintf(q, film)))
		}
		for i, c := range f.Cast {
			if i == 5 {
				break
			}
			p.run("ask", sopt("question", "who played "+c.Character+" in "+film))
		}
	}
	// Autocomplete: every prefix of the title, and the typo.
	title := []rune(f.Title)
	for n := 0; n <= len(title); n++ {
		resp := p.complete("movie", focused(sopt("film", string(title[:n]))))
		if n >= 3 && n <= 40 && unique && !hasChoice(resp, plainClip(label, maxChoiceName)) {
			t.Errorf("autocomplete %q does not offer %s:\n%s", string(title[:n]), label, Render(resp))
		}
	}
	if resp := p.complete("cast", focused(sopt("film", typo(f.Title)))); unique && !hasChoice(resp, plainClip(label, maxChoiceName)) {
		t.Errorf("autocomplete %q does not offer %s:\n%s", typo(f.Title), label, Render(resp))
	}
	// Every suggestion resolves to its film.
	for _, c := range p.complete("plot", focused(sopt("film", f.Title))).Data.Choices {
		v, _ := c.Value.(string)
		if resp := p.run("movie", sopt("film", v)); isEphemeral(resp) {
			t.Errorf("choice value %q does not resolve: %s", v, Render(resp))
		}
	}
}

// cachedStore keeps each film the first time it is read, so thousands of
// replies do not each decode the same film from SQLite again. Handlers
// share the cached films, which would also show any handler that modifies
// a film it was given.
type cachedStore struct {
	Store
	mu    sync.Mutex
	films map[int64]*knowledge.Film
}

func (c *cachedStore) Film(ctx context.Context, id int64) (*knowledge.Film, error) {
	c.mu.Lock()
	defer c.mu.Unlock()
	if f, ok := c.films[id]; ok {
		return f, nil
	}
	f, err := c.Store.Film(ctx, id)
	if err == nil {
		c.films[id] = f
	}
	return f, err
}

func newProber(t *testing.T, st Store, films []*knowledge.Film) *prober {
	t.Helper()
	log := &errorLog{}
	r, err := New(context.Background(), &cachedStore{Store: st, films: map[int64]*knowledge.Film{}}, Options{Seed: 1, Logger: slog.New(log)})
	if err != nil {
		t.Fatal(err)
	}
	p := &prober{t: t, r: r, log: log, ctx: context.Background(), secrets: spoilerSentences(films), pressed: map[string]bool{},
		user: "900000000000000001", channel: "910000000000000001", depth: 3}
	p.secretIdx = map[string][]string{}
	for folded := range p.secrets {
		w := strings.Fields(folded)
		key := strings.Join(w[1:4], " ")
		p.secretIdx[key] = append(p.secretIdx[key], folded)
	}
	if len(p.secrets) == 0 {
		t.Fatal("no spoiler sentences in the knowledge base: the spoiler property would test nothing")
	}
	return p
}

// TestPropertyEveryReply runs every command over every film, over typos,
// random and hostile text in every string option, and presses every button
// on every reply, checking each reply's limits, mentions, escaping and
// spoilers.
func TestPropertyEveryReply(t *testing.T) {
	st, films := testKB(t)
	p := newProber(t, st, films)
	r := p.r

	for _, f := range films {
		p.sweepFilm(f, true)
	}

	// Random and hostile text in every string option of every command.
	rng := rand.New(rand.NewPCG(5, 7))
	inputs := append(append([]string(nil), hostile...), randomInputs(rng, 25)...)
	opts := stringOptions(r)
	var cmds []string
	for name := range opts {
		cmds = append(cmds, name)
	}
	sort.Strings(cmds)
	for _, in := range inputs {
		for _, name := range cmds {
			for _, target := range opts[name] {
				var sent []*discordgo.ApplicationCommandInteractionDataOption
				for _, o := range opts[name] {
					switch {
					case o == target:
						sent = append(sent, sopt(o.Name, in))
					case o.Required:
						sent = append(sent, sopt(o.Name, validDefaults[o.Name]))
					}
				}
				p.run(name, sent...)
				if target.Autocomplete {
					p.complete(name, focused(sopt(target.Name, in)))
				}
			}
		}
		for _, q := range []string{"who played %s in fargo", "who directed %s", "did %s win an oscar for it", "%s"} {
			p.run("ask", sopt("question", fmt.Sprintf(q, in)))
		}
		p.send(buttonInteraction(p.user, p.channel, in), nil, 1)
	}

	// Options of the wrong type, unknown options and commands, odd data.
	for _, c := range r.Commands() {
		for _, o := range c.Options {
			for _, v := range []any{float64(5), true, "x", nil, []any{1}, map[string]any{"a": 1}} {
				for _, typ := range []discordgo.ApplicationCommandOptionType{
					discordgo.ApplicationCommandOptionString, discordgo.ApplicationCommandOptionInteger,
					discordgo.ApplicationCommandOptionBoolean, discordgo.ApplicationCommandOptionUser,
					discordgo.ApplicationCommandOptionSubCommand,
				} {
					p.run(c.Name, opt(o.Name, typ, v))
					p.complete(c.Name, focused(opt(o.Name, typ, v)))
				}
			}
		}
		p.run(c.Name, sopt("nope", "x"))
		p.run(c.Name, nil, sopt("film", "fargo"))
		p.complete(c.Name)
	}
	for _, name := range []string{"", "MOVIE", "boxoffice", strings.Repeat("x", 200), "@everyone", "zq**zq"} {
		p.run(name, sopt("film", "fargo"))
	}
	for _, id := range []string{
		"", ":", "cast", "cast:", "cast:x:1", "cast:0:1", "cast:-1:1", "cast:999999:0", "cast:1:-99", "cast:1:99999", "cast:1:1:1",
		"quote", "quote:0", "quote:0::", "quote:0::x", "quote:999999::0", "quote:0:nobody at all:0", "quote:0:@everyone:0",
		"review:1", "review:1:::", "review:1:::x", "review:1:Letterboxd:critic:0", "review:999999:::0", "review:x:::0",
		"review:1:IMDb:user:-5", "review:1:IMDb:user:99999",
	} {
		p.send(buttonInteraction(p.user, p.channel, id), nil, 1)
	}
	if resp := r.Handle(p.ctx, nil); resp == nil || !isEphemeral(resp) {
		t.Errorf("Handle(nil) = %+v, want an ephemeral apology", resp)
	}
	for _, i := range []*discordgo.Interaction{
		{Type: discordgo.InteractionApplicationCommand},
		{Type: discordgo.InteractionApplicationCommandAutocomplete},
		{Type: discordgo.InteractionMessageComponent},
		{Type: discordgo.InteractionModalSubmit, Data: discordgo.ModalSubmitInteractionData{CustomID: "x"}},
		{Type: 99},
		{Type: discordgo.InteractionApplicationCommand, Data: discordgo.MessageComponentInteractionData{CustomID: "cast:1:1"}},
		{Type: discordgo.InteractionApplicationCommand, Data: discordgo.ApplicationCommandInteractionData{Name: "movie", Options: []*discordgo.ApplicationCommandInteractionDataOption{sopt("film", "fargo")}}},
	} {
		resp := r.Handle(p.ctx, i)
		p.check(&discordgo.Interaction{}, resp, nil)
	}
	t.Logf("%d interactions, %d spoiler sentences watched", p.sent, len(p.secrets))
}

// TestPropertyHostileData runs every command over films whose data is as
// hostile as the users: titles and names full of Markdown and mentions,
// every list far longer than a reply can hold, namesakes, and a film with
// nothing but a title. Every reply must still fit Discord's limits, escape
// page text and keep spoilers behind bars.
func TestPropertyHostileData(t *testing.T) {
	films := hostileFilms()
	p := newProber(t, newFakeStore(films), films)
	for _, f := range films {
		p.sweepFilm(f, f.Title != "Psycho")
	}
	for _, q := range []string{"psycho", "Psycho (1960)", "psycho 1998", "#3", "#4"} {
		p.run("movie", sopt("film", q))
	}
	if resp := p.run("movie", sopt("film", "psycho")); !strings.Contains(renderedText(resp), "could be more than one film") {
		t.Errorf("/movie psycho, with two films of that title, did not ask which:\n%s", Render(resp))
	}
	t.Logf("%d interactions, %d spoiler sentences watched", p.sent, len(p.secrets))
}

func hasChoice(resp *discordgo.InteractionResponse, name string) bool {
	if resp == nil || resp.Data == nil {
		return false
	}
	for _, c := range resp.Data.Choices {
		if c.Name == name {
			return true
		}
	}
	return false
}
