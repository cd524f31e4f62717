package commands

import (
	"context"
	"encoding/json"
	"fmt"
	"os"
	"path/filepath"
	"slices"
	"strconv"
	"strings"
	"sync"
	"testing"
	"unicode/utf8"

	"github.com/bwmarrin/discordgo"

	"moviebot/knowledge"
	"moviebot/knowledge/ingest"
)

// The knowledge base every test reads: the bundled pages about Leaving Las
// Vegas plus the Fargo test pages, built once into a temp file (never
// :memory:, which is one database per pooled connection).
var (
	kbDir   string
	kbOnce  sync.Once
	kbStore *knowledge.Store
	kbFilms []*knowledge.Film
	kbErr   error
)

func TestMain(m *testing.M) {
	dir, err := os.MkdirTemp("", "moviebot-commands-test-")
	if err != nil {
		fmt.Fprintln(os.Stderr, err)
		os.Exit(1)
	}
	kbDir = dir
	code := m.Run()
	if kbStore != nil {
		kbStore.Close()
	}
	os.RemoveAll(dir)
	os.Exit(code)
}

// testKB returns the shared knowledge base and every film in it, building it
// on first use.
func testKB(t testing.TB) (*knowledge.Store, []*knowledge.Film) {
	t.Helper()
	kbOnce.Do(func() {
		ctx := context.Background()
		docs, err := ingest.BundledDocuments()
		if err != nil {
			kbErr = fmt.Errorf("bundled pages: %w", err)
			return
		}
		fargo, err := ingest.ReadPaths([]string{"../knowledge/testdata/fargo"})
		if err != nil {
			kbErr = fmt.Errorf("fargo pages: %w", err)
			return
		}
		path := filepath.Join(kbDir, "kb.db")
		if _, err := ingest.Ingest(ctx, path, append(docs, fargo...)); err != nil {
			kbErr = fmt.Errorf("ingest: %w", err)
			return
		}
		if kbStore, err = knowledge.Open(ctx, path); err != nil {
			kbErr = fmt.Errorf("open: %w", err)
			return
		}
		kbFilms, kbErr = kbStore.Films(ctx)
	})
	if kbErr != nil {
		t.Fatalf("build the test knowledge base: %v", kbErr)
	}
	return kbStore, kbFilms
}

// newTestRouter builds a fresh router (fresh /ask memory) over the shared
// knowledge base, seeded so random picks repeat.
func newTestRouter(t testing.TB) *Router {
	t.Helper()
	st, _ := testKB(t)
	r, err := New(context.Background(), st, Options{Seed: 1})
	if err != nil {
		t.Fatalf("New: %v", err)
	}
	return r
}

// filmByTitle finds a film of the test knowledge base by exact title.
func filmByTitle(t testing.TB, title string) *knowledge.Film {
	t.Helper()
	_, films := testKB(t)
	for _, f := range films {
		if f.Title == title {
			return f
		}
	}
	t.Fatalf("no film titled %q in the test knowledge base", title)
	return nil
}

// Interaction builders for tests that make payloads in code.

func opt(name string, typ discordgo.ApplicationCommandOptionType, v any) *discordgo.ApplicationCommandInteractionDataOption {
	return &discordgo.ApplicationCommandInteractionDataOption{Name: name, Type: typ, Value: v}
}

func sopt(name, v string) *discordgo.ApplicationCommandInteractionDataOption {
	return opt(name, discordgo.ApplicationCommandOptionString, v)
}

func bopt(name string, v bool) *discordgo.ApplicationCommandInteractionDataOption {
	return opt(name, discordgo.ApplicationCommandOptionBoolean, v)
}

func commandInteraction(user, channel, name string, opts ...*discordgo.ApplicationCommandInteractionDataOption) *discordgo.Interaction {
	return &discordgo.Interaction{
		ID: "1", AppID: "2", Type: discordgo.InteractionApplicationCommand, Token: "t", Version: 1,
		GuildID: "3", ChannelID: channel,
		Member: &discordgo.Member{User: &discordgo.User{ID: user, Username: "tester"}},
		Data:   discordgo.ApplicationCommandInteractionData{ID: "4", Name: name, CommandType: discordgo.ChatApplicationCommand, Options: opts},
	}
}

func autocompleteInteraction(user, channel, name string, opts ...*discordgo.ApplicationCommandInteractionDataOption) *discordgo.Interaction {
	i := commandInteraction(user, channel, name, opts...)
	i.Type = discordgo.InteractionApplicationCommandAutocomplete
	return i
}

func buttonInteraction(user, channel, customID string) *discordgo.Interaction {
	return &discordgo.Interaction{
		ID: "1", AppID: "2", Type: discordgo.InteractionMessageComponent, Token: "t", Version: 1,
		GuildID: "3", ChannelID: channel,
		Member: &discordgo.Member{User: &discordgo.User{ID: user, Username: "tester"}},
		Data:   discordgo.MessageComponentInteractionData{CustomID: customID, ComponentType: discordgo.ButtonComponent},
	}
}

// Reading responses.

// markdownTexts returns every piece of a message response that Discord
// renders as Markdown: content, embed titles, descriptions, field names and
// values, and footers (footers do not render Markdown, but a bot's escaping
// should not depend on that).
func markdownTexts(resp *discordgo.InteractionResponse) []string {
	if resp == nil || resp.Data == nil {
		return nil
	}
	d := resp.Data
	out := []string{d.Content}
	for _, e := range d.Embeds {
		if e == nil {
			continue
		}
		out = append(out, e.Title, e.Description)
		for _, f := range e.Fields {
			if f != nil {
				out = append(out, f.Name, f.Value)
			}
		}
		if e.Footer != nil {
			out = append(out, e.Footer.Text)
		}
	}
	return out
}

// allTexts is markdownTexts plus what Discord shows as plain text: embed
// author names, button labels and autocomplete choice names.
func allTexts(resp *discordgo.InteractionResponse) []string {
	out := markdownTexts(resp)
	if resp == nil || resp.Data == nil {
		return out
	}
	for _, e := range resp.Data.Embeds {
		if e != nil && e.Author != nil {
			out = append(out, e.Author.Name)
		}
	}
	for _, b := range allButtons(resp) {
		out = append(out, b.Label)
	}
	for _, c := range resp.Data.Choices {
		if c != nil {
			out = append(out, c.Name)
		}
	}
	return out
}

// allButtons lists every button of a response, enabled or not.
func allButtons(resp *discordgo.InteractionResponse) []discordgo.Button {
	if resp == nil || resp.Data == nil {
		return nil
	}
	var out []discordgo.Button
	for _, c := range resp.Data.Components {
		var row discordgo.ActionsRow
		switch x := c.(type) {
		case discordgo.ActionsRow:
			row = x
		case *discordgo.ActionsRow:
			row = *x
		default:
			continue
		}
		for _, b := range row.Components {
			switch x := b.(type) {
			case discordgo.Button:
				out = append(out, x)
			case *discordgo.Button:
				out = append(out, *x)
			}
		}
	}
	return out
}

func customIDs(resp *discordgo.InteractionResponse) []string {
	var out []string
	for _, b := range allButtons(resp) {
		out = append(out, b.CustomID)
	}
	return out
}

func isEphemeral(resp *discordgo.InteractionResponse) bool {
	return resp != nil && resp.Data != nil && resp.Data.Flags&discordgo.MessageFlagsEphemeral != 0
}

const oopsText = "something went wrong"

// mdRune is one character of Markdown source and whether a backslash
// escapes it.
type mdRune struct {
	r       rune
	escaped bool
}

// scanMarkdown reads Markdown source the way Discord does for escapes: a
// backslash before ASCII punctuation makes that character literal.
func scanMarkdown(s string) []mdRune {
	rs := []rune(s)
	out := make([]mdRune, 0, len(rs))
	for i := 0; i < len(rs); i++ {
		if rs[i] == '\\' && i+1 < len(rs) && isASCIIPunct(rs[i+1]) {
			out = append(out, mdRune{rs[i+1], true})
			i++
			continue
		}
		out = append(out, mdRune{rs[i], false})
	}
	return out
}

func isASCIIPunct(r rune) bool {
	return r < 128 && strings.ContainsRune("!\"#$%&'()*+,-./:;<=>?@[\\]^_`{|}~", r)
}

// mdSpecial are the characters that change Markdown when left unescaped.
const mdSpecial = "\\*_~`|><[]"

// outsideSpoilers returns the literal text of Markdown source s with every
// ||spoiler|| span removed (each replaced by a space) and escapes undone.
func outsideSpoilers(s string) string {
	md := scanMarkdown(s)
	var b strings.Builder
	inside := false
	for i := 0; i < len(md); i++ {
		if !md[i].escaped && md[i].r == '|' && i+1 < len(md) && !md[i+1].escaped && md[i+1].r == '|' {
			inside = !inside
			b.WriteByte(' ')
			i++
			continue
		}
		if !inside {
			b.WriteRune(md[i].r)
		}
	}
	return b.String()
}

// spoilerSpans returns the unescaped text inside each ||spoiler|| span of s.
func spoilerSpans(s string) []string {
	md := scanMarkdown(s)
	var out []string
	var cur strings.Builder
	inside := false
	for i := 0; i < len(md); i++ {
		if !md[i].escaped && md[i].r == '|' && i+1 < len(md) && !md[i+1].escaped && md[i+1].r == '|' {
			if inside {
				out = append(out, cur.String())
				cur.Reset()
			}
			inside = !inside
			i++
			continue
		}
		if inside {
			cur.WriteRune(md[i].r)
		}
	}
	return out
}

// countBars counts the live "||" of Markdown source s.
func countBars(s string) int {
	md := scanMarkdown(s)
	n := 0
	for i := 0; i+1 < len(md); i++ {
		if !md[i].escaped && md[i].r == '|' && !md[i+1].escaped && md[i+1].r == '|' {
			n++
			i++
		}
	}
	return n
}

// unescapedOccurrence reports whether user text u appears in Markdown source
// s with its Markdown characters live (unescaped). A u starting with "#"
// counts only at the start of a line, the only place a heading opens.
func unescapedOccurrence(s, u string) bool {
	md := scanMarkdown(s)
	ur := []rune(u)
	if len(ur) == 0 {
		return false
	}
	for start := 0; start+len(ur) <= len(md); start++ {
		if ur[0] == '#' {
			atLineStart := true
			for k := start - 1; k >= 0; k-- {
				if md[k].r == '\n' {
					break
				}
				if md[k].r != ' ' || md[k].escaped {
					atLineStart = false
					break
				}
			}
			if !atLineStart || md[start].escaped {
				continue
			}
		}
		ok := true
		for k, r := range ur {
			m := md[start+k]
			if m.r != r || (m.escaped && strings.ContainsRune(mdSpecial, r)) {
				ok = false
				break
			}
		}
		if ok {
			return true
		}
	}
	return false
}

// checkResponse asserts what every response must satisfy: Discord's limits
// (counted in characters), allowed_mentions that ping nobody, no live
// @everyone/@here or user mentions, ephemeral errors, and no internal
// error for an ordinary request. It returns the problems found.
func checkResponse(resp *discordgo.InteractionResponse) []string {
	var probs []string
	bad := func(format string, args ...any) { probs = append(probs, fmt.Sprintf(format, args...)) }
	if resp == nil {
		return []string{"nil response"}
	}
	switch resp.Type {
	case discordgo.InteractionResponsePong:
		return nil
	case discordgo.InteractionApplicationCommandAutocompleteResult:
		if resp.Data == nil {
			return []string{"autocomplete result without data"}
		}
		if n := len(resp.Data.Choices); n > 25 {
			bad("%d autocomplete choices, over 25", n)
		}
		for _, c := range resp.Data.Choices {
			if c == nil {
				bad("nil choice")
				continue
			}
			if n := utf8.RuneCountInString(c.Name); n < 1 || n > 100 {
				bad("choice name %q is %d characters, want 1-100", c.Name, n)
			}
			v, ok := c.Value.(string)
			if !ok {
				bad("choice value %v is not a string", c.Value)
			} else if n := utf8.RuneCountInString(v); n < 1 || n > 100 {
				bad("choice value %q is %d characters, want 1-100", v, n)
			}
		}
		return probs
	case discordgo.InteractionResponseChannelMessageWithSource, discordgo.InteractionResponseUpdateMessage:
	default:
		return []string{fmt.Sprintf("unexpected response type %d", resp.Type)}
	}
	d := resp.Data
	if d == nil {
		return []string{"message response without data"}
	}
	if d.Content == "" && len(d.Embeds) == 0 {
		bad("empty message: no content and no embeds")
	}
	if n := utf8.RuneCountInString(d.Content); n > 2000 {
		bad("content is %d characters, over 2000", n)
	} else if n == 2000 && strings.HasSuffix(d.Content, "…") {
		bad("content was cut to 2000 characters by finalize")
	}
	if len(d.Embeds) > 10 {
		bad("%d embeds, over 10", len(d.Embeds))
	}
	for ei, e := range d.Embeds {
		if e == nil {
			bad("embed %d is nil", ei)
			continue
		}
		total := 0
		count := func(what, s string, max int) {
			n := utf8.RuneCountInString(s)
			total += n
			if n > max {
				bad("embed %d %s is %d characters, over %d", ei, what, n, max)
			}
		}
		count("title", e.Title, 256)
		count("description", e.Description, 4096)
		if len(e.Fields) > 25 {
			bad("embed %d has %d fields, over 25", ei, len(e.Fields))
		}
		for fi, f := range e.Fields {
			if strings.TrimSpace(f.Name) == "" || strings.TrimSpace(f.Value) == "" {
				bad("embed %d field %d has an empty name or value", ei, fi)
			}
			count(fmt.Sprintf("field %d name", fi), f.Name, 256)
			count(fmt.Sprintf("field %d value", fi), f.Value, 1024)
		}
		if e.Footer != nil {
			count("footer", e.Footer.Text, 2048)
		}
		if e.Author != nil {
			count("author", e.Author.Name, 256)
		}
		if total > 6000 {
			bad("embed %d holds %d characters, over 6000", ei, total)
		}
		if e.Title == "" && e.Description == "" && len(e.Fields) == 0 {
			bad("embed %d has no title, description or fields", ei)
		}
	}
	if len(d.Components) > 5 {
		bad("%d action rows, over 5", len(d.Components))
	}
	seen := map[string]bool{}
	for ri, c := range d.Components {
		row, ok := c.(discordgo.ActionsRow)
		if !ok {
			if p, ok2 := c.(*discordgo.ActionsRow); ok2 {
				row, ok = *p, true
			}
		}
		if !ok {
			bad("component %d is %T, not an action row", ri, c)
			continue
		}
		if len(row.Components) > 5 {
			bad("row %d has %d buttons, over 5", ri, len(row.Components))
		}
	}
	for _, b := range allButtons(resp) {
		if n := utf8.RuneCountInString(b.CustomID); n < 1 || n > 100 {
			bad("custom_id %q is %d characters, want 1-100", b.CustomID, n)
		}
		if seen[b.CustomID] {
			bad("custom_id %q used twice in one message", b.CustomID)
		}
		seen[b.CustomID] = true
		if n := utf8.RuneCountInString(b.Label); n > 80 || n == 0 {
			bad("button label %q is %d characters, want 1-80", b.Label, n)
		}
	}
	// allowed_mentions must reach Discord as exactly {"parse":[]}: a nil
	// Parse marshals to null, which Discord reads differently.
	raw, err := json.Marshal(resp)
	if err != nil {
		bad("marshal: %v", err)
	} else {
		var top struct {
			Data map[string]json.RawMessage `json:"data"`
		}
		if err := json.Unmarshal(raw, &top); err != nil {
			bad("unmarshal: %v", err)
		} else if got := string(top.Data["allowed_mentions"]); !pingsNobody(got) {
			bad(`allowed_mentions marshals to %s, want {"parse":[]}`, orNull(got))
		}
	}
	for _, s := range allTexts(resp) {
		low := strings.ToLower(s)
		for _, m := range []string{"@everyone", "@here"} {
			if strings.Contains(low, m) {
				bad("live %s in %q", m, clipForLog(s))
			}
		}
	}
	for _, s := range markdownTexts(resp) {
		if n := countBars(s); n%2 != 0 {
			bad("unbalanced spoiler bars (%d) in %q", n, clipForLog(s))
		}
		for _, span := range spoilerSpans(s) {
			if strings.TrimSpace(span) == "" {
				bad("empty spoiler span in %q", clipForLog(s))
			}
		}
		md := scanMarkdown(s)
		for i := 0; i+1 < len(md); i++ {
			if md[i].r == '<' && !md[i].escaped && md[i+1].r == '@' {
				bad("live user or role mention in %q", clipForLog(s))
				break
			}
		}
	}
	if len(d.Embeds) == 0 && d.Content != "" && !isEphemeral(resp) {
		bad("a plain-text (error) reply is not ephemeral: %q", clipForLog(d.Content))
	}
	if strings.Contains(d.Content, oopsText) {
		bad("internal error reply: %q", d.Content)
	}
	return probs
}

// pingsNobody reports whether the marshalled allowed_mentions is
// {"parse":[]}. discordgo's MessageAllowedMentions always adds
// "replied_user":false (the field has no omitempty); that key, false, is
// accepted as well, since it too pings nobody. Anything else is not:
// "parse":null, a missing key, or any users or roles.
func pingsNobody(raw string) bool {
	var m map[string]json.RawMessage
	if err := json.Unmarshal([]byte(raw), &m); err != nil {
		return false
	}
	if string(m["parse"]) != "[]" {
		return false
	}
	for k, v := range m {
		if k != "parse" && !(k == "replied_user" && string(v) == "false") {
			return false
		}
	}
	return true
}

func orNull(s string) string {
	if s == "" {
		return "(missing)"
	}
	return s
}

func clipForLog(s string) string {
	if r := []rune(s); len(r) > 160 {
		return string(r[:160]) + "…"
	}
	return s
}

// renderedText is everything a reader sees in a response, escapes undone:
// what expectations on wording compare against.
func renderedText(resp *discordgo.InteractionResponse) string {
	return Render(resp)
}

// TestCheckersCatchBadReplies makes sure the checks the other tests rely on
// do fail on replies that break the rules, so a passing property test means
// something.
func TestCheckersCatchBadReplies(t *testing.T) {
	ok := func() *discordgo.InteractionResponse {
		return embedReply(&discordgo.MessageEmbed{Title: "t", Description: "d"})
	}
	cases := []struct {
		name   string
		mutate func(*discordgo.InteractionResponse)
		want   string
	}{
		{"nil parse", func(r *discordgo.InteractionResponse) { r.Data.AllowedMentions = &discordgo.MessageAllowedMentions{} }, "allowed_mentions"},
		{"no allowed_mentions", func(r *discordgo.InteractionResponse) { r.Data.AllowedMentions = nil }, "allowed_mentions"},
		{"users allowed", func(r *discordgo.InteractionResponse) { r.Data.AllowedMentions.Users = []string{"1"} }, "allowed_mentions"},
		{"long content", func(r *discordgo.InteractionResponse) { r.Data.Content = strings.Repeat("é", 2001) }, "content"},
		{"long title", func(r *discordgo.InteractionResponse) { r.Data.Embeds[0].Title = strings.Repeat("é", 257) }, "title"},
		{"long description", func(r *discordgo.InteractionResponse) { r.Data.Embeds[0].Description = strings.Repeat("é", 4097) }, "description"},
		{"too much text", func(r *discordgo.InteractionResponse) {
			for i := 0; i < 7; i++ {
				r.Data.Embeds[0].Fields = append(r.Data.Embeds[0].Fields, &discordgo.MessageEmbedField{Name: "n", Value: strings.Repeat("x", 1000)})
			}
		}, "over 6000"},
		{"empty field", func(r *discordgo.InteractionResponse) {
			r.Data.Embeds[0].Fields = []*discordgo.MessageEmbedField{{Name: "n", Value: " "}}
		}, "empty"},
		{"long custom_id", func(r *discordgo.InteractionResponse) {
			r.Data.Components = []discordgo.MessageComponent{discordgo.ActionsRow{Components: []discordgo.MessageComponent{discordgo.Button{Label: "x", CustomID: strings.Repeat("x", 101)}}}}
		}, "custom_id"},
		{"six buttons", func(r *discordgo.InteractionResponse) {
			var row discordgo.ActionsRow
			for i := 0; i < 6; i++ {
				row.Components = append(row.Components, discordgo.Button{Label: "x", CustomID: strconv.Itoa(i)})
			}
			r.Data.Components = []discordgo.MessageComponent{row}
		}, "buttons"},
		{"everyone", func(r *discordgo.InteractionResponse) { r.Data.Embeds[0].Description = "hi @everyone" }, "@everyone"},
		{"user mention", func(r *discordgo.InteractionResponse) { r.Data.Embeds[0].Description = "hi <@123>" }, "mention"},
		{"public error", func(r *discordgo.InteractionResponse) { r.Data.Embeds = nil; r.Data.Content = "no such film" }, "not ephemeral"},
		{"open spoiler", func(r *discordgo.InteractionResponse) { r.Data.Embeds[0].Description = "a ||b" }, "unbalanced"},
		{"empty spoiler", func(r *discordgo.InteractionResponse) { r.Data.Embeds[0].Description = "a |||| b" }, "empty spoiler"},
		{"oops", func(r *discordgo.InteractionResponse) { *r = *oops() }, "internal error"},
	}
	if probs := checkResponse(ok()); len(probs) > 0 {
		t.Fatalf("a good reply fails the checks: %q", probs)
	}
	for _, c := range cases {
		r := ok()
		c.mutate(r)
		probs := strings.Join(checkResponse(r), "\n")
		if !strings.Contains(probs, c.want) {
			t.Errorf("%s: checks say %q, want a problem mentioning %q", c.name, probs, c.want)
		}
	}

	for _, c := range []struct {
		md, user string
		want     bool
	}{
		{`say **bold** now`, "**bold**", true},
		{`say \*\*bold\*\* now`, "**bold**", false},
		{`x||y||`, "||y||", true},
		{`x\|\|y\|\|`, "||y||", false},
		{"# zq", "# zq", true},
		{"a # zq", "# zq", false},
		{`\# zq`, "# zq", false},
		{`\[x\](http://e.com)`, "[x](http://e.com)", false},
		{`[x](http://e.com)`, "[x](http://e.com)", true},
	} {
		if got := unescapedOccurrence(c.md, c.user); got != c.want {
			t.Errorf("unescapedOccurrence(%q, %q) = %v, want %v", c.md, c.user, got, c.want)
		}
	}
	if got, want := outsideSpoilers(`open ||secret \|\| still|| shut \|\|x`), "open    shut ||x"; got != want {
		t.Errorf("outsideSpoilers = %q, want %q", got, want)
	}
	if got := spoilerSpans(`a ||b|| c ||d \*||`); !slices.Equal(got, []string{"b", "d *"}) {
		t.Errorf("spoilerSpans = %q", got)
	}
}

// fakeStore is a Store over films held in memory, for data no page would
// give: hostile text, lists longer than any reply can hold, namesakes.
type fakeStore struct {
	films  []*knowledge.Film
	people []knowledge.PersonRef
}

var _ Store = (*fakeStore)(nil)

func newFakeStore(films []*knowledge.Film) *fakeStore {
	s := &fakeStore{films: films}
	seen := map[string]bool{}
	add := func(name string) {
		if !seen[name] {
			seen[name] = true
			s.people = append(s.people, knowledge.PersonRef{ID: int64(len(s.people) + 1), Name: name})
		}
	}
	for _, f := range films {
		for _, c := range f.Cast {
			add(c.Actor)
		}
		for _, c := range f.Crew {
			add(c.Name)
		}
	}
	return s
}

func (s *fakeStore) FilmRefs(context.Context) ([]knowledge.FilmRef, error) {
	var out []knowledge.FilmRef
	for _, f := range s.films {
		out = append(out, knowledge.FilmRef{ID: f.ID, Title: f.Title, Year: f.Year, Popularity: 1000, AltTitles: f.AltTitles})
	}
	return out, nil
}

func (s *fakeStore) Film(_ context.Context, id int64) (*knowledge.Film, error) {
	for _, f := range s.films {
		if f.ID == id {
			return f, nil
		}
	}
	return nil, &knowledge.Error{Code: knowledge.ENOTFOUND, Message: fmt.Sprintf("no film with id %d", id)}
}

func (s *fakeStore) PersonRefs(context.Context) ([]knowledge.PersonRef, error) { return s.people, nil }

func (s *fakeStore) Person(_ context.Context, id int64) (*knowledge.Person, error) {
	for _, p := range s.people {
		if p.ID != id {
			continue
		}
		out := &knowledge.Person{ID: id, Name: p.Name}
		for _, f := range s.films {
			for _, c := range f.Cast {
				if c.Actor == p.Name {
					out.Credits = append(out.Credits, knowledge.PersonCredit{FilmID: f.ID, FilmTitle: f.Title, FilmYear: f.Year, Kind: "cast", Character: c.Character, Billing: c.Billing})
				}
			}
			for _, c := range f.Crew {
				if c.Name == p.Name {
					out.Credits = append(out.Credits, knowledge.PersonCredit{FilmID: f.ID, FilmTitle: f.Title, FilmYear: f.Year, Kind: "crew", Job: c.Job})
				}
			}
		}
		return out, nil
	}
	return nil, &knowledge.Error{Code: knowledge.ENOTFOUND, Message: fmt.Sprintf("no person with id %d", id)}
}

func (s *fakeStore) QuoteRefs(context.Context) ([]knowledge.QuoteRef, error) {
	var out []knowledge.QuoteRef
	for _, f := range s.films {
		for _, q := range f.Quotes {
			out = append(out, knowledge.QuoteRef{ID: int64(len(out) + 1), FilmID: f.ID, Character: q.Character, Text: q.Text})
		}
	}
	return out, nil
}

// nasty is Markdown, mentions and spoiler bars that page text must not be
// allowed to turn live.
const nasty = " **b** ||s|| @everyone @here <@1> `c` > q [l](http://e.com) _u_ ~~x~~ \\ # h -# t "

// hostileFilms are films whose every field is hostile: Markdown and
// mentions in all text, and lists far longer than Discord allows.
func hostileFilms() []*knowledge.Film {
	rep := func(s string, n int) string { return strings.TrimSpace(strings.Repeat(s, n)) }
	src := func(i int) []string { return []string{fmt.Sprintf("doc-%02d %s.txt", i%12, rep("x", 150))} }
	var docs []knowledge.DocumentRef
	for i := 0; i < 12; i++ {
		docs = append(docs, knowledge.DocumentRef{Name: src(i)[0], Kind: knowledge.Kinds[i%len(knowledge.Kinds)]})
	}
	var sources []string
	for i := 0; i < 12; i++ {
		sources = append(sources, src(i)[0])
	}

	h := &knowledge.Film{
		ID: 1, Title: "Bold **Night** ||Owl|| @everyone <@1> `Code` [Link](http://e.com) _Under_ ~Strike~ Film",
		Year: 2001, RuntimeMinutes: 9999, Rating: "||R||" + nasty, RatingReason: rep("violence"+nasty, 20),
		AltTitles: []string{"Hostile Alt"}, Sources: sources, Documents: docs,
		BasedOn: &knowledge.Work{Kind: "novel" + nasty, Title: "**T**" + nasty, Author: "@everyone Author" + nasty, Year: 1990},
	}
	for i := 0; i < 40; i++ {
		h.Genres = append(h.Genres, fmt.Sprintf("Genre %d%s", i, nasty))
		h.Directors = append(h.Directors, fmt.Sprintf("Director %d%s", i, nasty))
		h.Writers = append(h.Writers, fmt.Sprintf("Writer %d%s", i, nasty))
		h.Crew = append(h.Crew, knowledge.CrewMember{Name: fmt.Sprintf("Crewman Number%d", i), Job: "director" + nasty, Sources: src(i)})
		h.Money = append(h.Money, knowledge.Money{Kind: []string{"budget", "box office", "domestic gross" + nasty}[i%3], Text: fmt.Sprintf("$%d ||M||%s", i, nasty), Sources: src(i)})
		h.Scores = append(h.Scores, knowledge.Score{Site: "Site" + nasty, Kind: "critic", Text: fmt.Sprintf("%d%%%s", i, nasty), Count: i * 1000, CountKind: "votes", Average: "7/10" + nasty, Verdict: "Acclaim" + nasty, Sources: src(i)})
		h.Releases = append(h.Releases, knowledge.Release{Kind: "wide" + nasty, Date: "2001-01-01" + nasty, Region: "US" + nasty, Sources: src(i)})
		for j := 0; j < 3; j++ {
			h.Awards = append(h.Awards, knowledge.Award{Body: fmt.Sprintf("Body %d%s", i, nasty), Category: fmt.Sprintf("Best Thing %d %s", j, rep("long"+nasty, 6)),
				Recipient: fmt.Sprintf("Actor Number%d", j), Result: []string{knowledge.Won, knowledge.Nominated}[j%2], Year: 2002, Sources: src(i)})
		}
	}
	for i := 0; i < 64; i++ {
		c := knowledge.CastMember{Actor: fmt.Sprintf("Actor Number%d", i), Character: fmt.Sprintf("Character Role%d%s", i, nasty), Billing: i + 1,
			CreditedAs: "as @everyone" + nasty, Variants: []string{fmt.Sprintf("Role%d variant%s", i, nasty), rep("v"+nasty, 8)},
			Description: "desc" + nasty, Sources: src(i)}
		if i == 7 {
			c.Actor, c.Character = rep("Longname ", 40), rep("Longrole"+nasty, 10)
		}
		h.Cast = append(h.Cast, c)
	}
	for i := 0; i < 30; i++ {
		h.Quotes = append(h.Quotes, knowledge.Quote{Character: fmt.Sprintf("Character Role%d%s", i, nasty),
			Text: fmt.Sprintf("Quote%d line **loud** ||no|| @everyone %s", i, rep("and so on"+nasty, 60)), Sources: src(i)})
	}
	for i := 0; i < 30; i++ {
		var text []string
		for j := 0; j < 120; j++ {
			s := fmt.Sprintf("Review %d sentence %d says **this**%s.", i, j, nasty)
			if j%7 == 3 {
				s = fmt.Sprintf("In review %d the hero dies at the end, sentence %d.", i, j)
			}
			text = append(text, s)
		}
		h.Reviews = append(h.Reviews, knowledge.Review{Site: reviewSites[i%len(reviewSites)], Kind: reviewKinds[i%len(reviewKinds)],
			Author: rep("Author"+nasty, 20), Publication: "Pub" + nasty, Date: "2001-02-03" + nasty, Score: "**10**" + nasty,
			Title: rep("Title"+nasty, 12), Text: strings.Join(text, " "), Helpful: i, HelpfulOf: 2 * i, TopCritic: i%2 == 0, Spoiler: i%5 == 0, Sources: src(i)})
	}
	var premise []string
	for j := 0; j < 80; j++ {
		premise = append(premise, fmt.Sprintf("Harmless opening sentence %d sets up the story%s.", j, nasty))
	}
	h.Plot = append(h.Plot, knowledge.PlotSection{Heading: "Premise" + nasty, Text: strings.Join(premise, " "), Premise: true, Sources: src(0)})
	for m := 0; m < 30; m++ {
		var text []string
		for j := 0; j < 16; j++ {
			text = append(text, fmt.Sprintf("Secret sentence %d of section %d reveals what the butler did%s.", j, m, nasty))
		}
		heading := fmt.Sprintf("Part %d %s", m, rep("heading"+nasty, 8))
		if m%3 == 0 {
			heading = "Ending" + nasty
		}
		h.Plot = append(h.Plot, knowledge.PlotSection{Heading: heading, Text: strings.Join(text, " "), Spoiler: true, Sources: src(m)})
	}
	kinds := []string{"trivia", "production", "release", "home media", "soundtrack", "faq", "reception", "content warning"}
	for i := 0; i < 100; i++ {
		x := knowledge.Fact{Kind: kinds[i%len(kinds)], Text: fmt.Sprintf("Fact %d is a plain fact%s. %s", i, nasty, rep("More words"+nasty, 20)), Sources: src(i)}
		if i%4 == 1 {
			x.Text, x.Spoiler = fmt.Sprintf("Hidden fact %d tells exactly how the whole story wraps up for everyone involved%s.", i, nasty), true
		}
		if i%4 == 2 {
			x.Text = fmt.Sprintf("Fact %d is open. But in the end the hero is arrested at the border, fact %d says%s.", i, i, nasty)
		}
		h.Facts = append(h.Facts, x)
	}
	for i := 0; i < 80; i++ {
		h.Similar = append(h.Similar, knowledge.SimilarFilm{Title: fmt.Sprintf("Similar %d%s", i, rep("t"+nasty, 5)), Year: 1990 + i%30,
			Reason: fmt.Sprintf("Reason %d%s. The villain dies in the final scene of it%s. %s", i, nasty, nasty, rep("why"+nasty, 15)), Sources: src(i)})
	}

	empty := &knowledge.Film{ID: 2, Title: "Nothing Here"}
	psycho := func(id int64, year int, actor string) *knowledge.Film {
		return &knowledge.Film{ID: id, Title: "Psycho", Year: year, Sources: src(0), Documents: docs,
			Cast: []knowledge.CastMember{{Actor: actor, Character: "Norman Bates", Billing: 1, Sources: src(0)}},
			Plot: []knowledge.PlotSection{{Heading: "Plot", Text: fmt.Sprintf("In the %d version the motel keeper is secretly his own mother all along.", year), Spoiler: true, Sources: src(0)}}}
	}
	long := &knowledge.Film{ID: 5, Title: "The " + rep("Very ", 60) + "Long Film", Year: 1999, Sources: src(1), Documents: docs,
		Quotes: []knowledge.Quote{{Character: "", Text: "A line said by nobody in particular at all.", Sources: src(1)}}}
	return []*knowledge.Film{h, empty, psycho(3, 1960, "Anthony Perkins"), psycho(4, 1998, "Vince Vaughn"), long}
}
