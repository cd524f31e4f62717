package commands

import (
	"container/list"
	"fmt"
	"strconv"
	"strings"
	"sync"

	"github.com/bwmarrin/discordgo"

	"moviebot/knowledge"
	"moviebot/knowledge/search"
)

// memory remembers the film each user last asked about in each channel, so
// /ask can take "it" to mean that film. It is per process, bounded (least
// recently used entries go first) and may be lost: that is fine.
type memory struct {
	mu    sync.Mutex
	cap   int
	order *list.List
	items map[string]*list.Element
}

type memItem struct {
	key  string
	film int64
}

func newMemory(capacity int) *memory {
	return &memory{cap: capacity, order: list.New(), items: map[string]*list.Element{}}
}

func memKey(user, channel string) string { return user + "\x00" + channel }

func (m *memory) set(user, channel string, film int64) {
	m.mu.Lock()
	defer m.mu.Unlock()
	k := memKey(user, channel)
	if e, ok := m.items[k]; ok {
		e.Value.(*memItem).film = film
		m.order.MoveToFront(e)
		return
	}
	m.items[k] = m.order.PushFront(&memItem{key: k, film: film})
	for m.order.Len() > m.cap {
		last := m.order.Back()
		m.order.Remove(last)
		delete(m.items, last.Value.(*memItem).key)
	}
}

func (m *memory) get(user, channel string) (int64, bool) {
	m.mu.Lock()
	defer m.mu.Unlock()
	if e, ok := m.items[memKey(user, channel)]; ok {
		m.order.MoveToFront(e)
		return e.Value.(*memItem).film, true
	}
	return 0, false
}

// choiceValue is the value an autocomplete choice sends back: "Title
// (Year)", which resolves to exactly that film and reads well if a user
// types it, or "#id" when that would be too long.
func choiceValue(h search.Hit) string {
	v := plainFilmLabel(h.Name, h.Year)
	if runes(v) > maxChoiceValue {
		return "#" + strconv.FormatInt(h.ID, 10)
	}
	return v
}

// completeFilm suggests films for a partly typed title: best first, up to
// 25, or the best-known films for an empty box.
func (r *Router) completeFilm(q *request, o *discordgo.ApplicationCommandInteractionDataOption) []*discordgo.ApplicationCommandOptionChoice {
	typed, _ := o.Value.(string)
	typed = strings.TrimSpace(typed)
	var hits []search.Hit
	if typed == "" {
		hits = r.titles.Top(maxChoices)
	} else {
		hits = r.titles.Search(typed, maxChoices)
	}
	out := make([]*discordgo.ApplicationCommandOptionChoice, 0, len(hits))
	for _, h := range hits {
		name := plainClip(plainFilmLabel(h.Name, h.Year), maxChoiceName)
		if name == "" {
			continue
		}
		out = append(out, &discordgo.ApplicationCommandOptionChoice{Name: name, Value: choiceValue(h)})
	}
	return out
}

// findFilm resolves what a user typed to one film. It never presents a
// doubtful match as right: an unknown title gets "did you mean", and a
// title several films share gets the candidates.
func (r *Router) findFilm(q *request, typed string) (*knowledge.Film, error) {
	typed = strings.TrimSpace(typed)
	if typed == "" {
		return nil, userErr("Tell me which film: type a title in the film option.")
	}
	if id, err := strconv.ParseInt(strings.TrimPrefix(typed, "#"), 10, 64); err == nil && strings.HasPrefix(typed, "#") {
		if _, ok := r.titles.Lookup(id); ok {
			return r.loadFilm(q, id)
		}
	}
	hits := r.titles.Search(typed, 6)
	if len(hits) == 0 || hits[0].Score < search.Sure {
		return nil, userErr(notFound(typed, hits))
	}
	top := hits[0]
	var rivals []search.Hit
	for _, h := range hits[1:] {
		switch {
		case knowledge.Fold(h.Name) == knowledge.Fold(top.Name) && top.Score-h.Score < 0.1:
			rivals = append(rivals, h) // a namesake the query did not pick by year
		case top.Score < 1 && h.Score >= search.Sure && top.Score-h.Score < 0.1:
			rivals = append(rivals, h) // the words fit another title about as well
		}
	}
	if len(rivals) > 0 && !dominant(top, rivals) {
		return nil, userErr(ambiguous(typed, append([]search.Hit{top}, rivals...)))
	}
	return r.loadFilm(q, top.ID)
}

// dominant reports whether the top film is so much better known than its
// rivals (ten times the votes) that the user surely means it.
func dominant(top search.Hit, rivals []search.Hit) bool {
	for _, h := range rivals {
		if top.Popularity < 10*max(h.Popularity, 1) {
			return false
		}
	}
	return true
}

func (r *Router) loadFilm(q *request, id int64) (*knowledge.Film, error) {
	f, err := r.store.Film(q.ctx, id)
	if err != nil {
		return nil, err
	}
	if q.user != "" {
		r.memory.set(q.user, q.channel, id)
	}
	return f, nil
}

func notFound(typed string, hits []search.Hit) string {
	msg := "I don't know a film called “" + escClip(typed, 80) + "”."
	var sugg []string
	for _, h := range hits {
		if len(sugg) == 5 {
			break
		}
		sugg = append(sugg, "• "+filmLabel(h.Name, h.Year))
	}
	if len(sugg) > 0 {
		msg += " Did you mean:\n" + strings.Join(sugg, "\n")
	} else {
		msg += " Start typing in the film option to see the films I know."
	}
	return msg
}

func ambiguous(typed string, hits []search.Hit) string {
	var lines []string
	for i, h := range hits {
		if i == 5 {
			break
		}
		lines = append(lines, "• "+filmLabel(h.Name, h.Year))
	}
	return fmt.Sprintf("“%s” could be more than one film:\n%s\nPick one from the list as you type, or add the year (like `%s`).",
		escClip(typed, 80), strings.Join(lines, "\n"), codeText(strings.ToLower(hits[0].Name)+" "+itoa(hits[0].Year), 60))
}

// filmOption resolves the film option of q.
func (r *Router) filmOption(q *request) (*knowledge.Film, error) {
	return r.findFilm(q, q.str("film"))
}

// codeText prepares text for a `code span`, where Markdown is not read and
// escapes would show: backticks and line breaks go, and it is clipped.
func codeText(s string, n int) string {
	s = strings.NewReplacer("`", "'", "\n", " ", "\r", " ").Replace(s)
	return plainClip(s, n)
}
