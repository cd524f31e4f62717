package imdb

import (
	"math"
	"strconv"
	"strings"
)

// Random streams: each property of a row draws from its own stream, keyed
// by the seed and the row index, so that computing one property never
// depends on having computed another.
const (
	sID = iota + 1
	sType
	sBasics
	sGenre
	sTitle
	sForeign
	sAkas
	sRating
	sCredits
	sChars
	sPerson
)

// rng is splitmix64: tiny, fast and good enough for test data.
type rng struct{ s uint64 }

func mix(x uint64) uint64 {
	x ^= x >> 30
	x *= 0xbf58476d1ce4e5b9
	x ^= x >> 27
	x *= 0x94d049bb133111eb
	return x ^ x>>31
}

func (r *rng) next() uint64 {
	r.s += 0x9e3779b97f4a7c15
	return mix(r.s)
}

// intn returns a number in [0, n) by multiply-shift, without the modulo
// bias mattering at these sizes.
func (r *rng) intn(n int) int { return int((r.next() >> 32) * uint64(n) >> 32) }

func (r *rng) float() float64 { return float64(r.next()>>11) / (1 << 53) }

func (r *rng) chance(p float64) bool { return r.float() < p }

func (r *rng) pick(list []string) string { return list[r.intn(len(list))] }

type gen struct {
	seed      uint64
	n         int // titles, planted included
	people    int
	planted   []PlantedTitle
	plantedAt []int       // title index of each planted title, ascending
	plantIdx  map[int]int // title index → index into planted
	pools     [nRoles]pool
}

// Roles in principals, each drawing people from its own pool.
const (
	roleActor = iota
	roleDirector
	roleWriter
	roleProducer
	roleComposer
	nRoles
)

var roleShare = [nRoles]float64{0.55, 0.12, 0.15, 0.10, 0.08}

// pool is a range of person indexes. Picks are heavy-tailed (a few people
// get many credits) and scattered over the range by a multiplicative
// permutation, so that popular people are not all at the start.
type pool struct{ lo, size, mul int }

func (p pool) pick(r *rng) int {
	u := r.float()
	rank := int(float64(p.size) * u * u * math.Sqrt(u))
	if rank >= p.size {
		rank = p.size - 1
	}
	return p.lo + int(uint64(rank)*uint64(p.mul)%uint64(p.size))
}

func newGen(opt GenOptions) *gen {
	g := &gen{seed: mix(uint64(opt.Seed)), planted: opt.Planted, plantIdx: map[int]int{}}
	g.n = opt.Titles + len(opt.Planted)
	g.people = 50 + g.n/2
	for k := range g.planted {
		i := (2*k + 1) * g.n / (2 * len(g.planted))
		g.plantedAt = append(g.plantedAt, i)
		g.plantIdx[i] = k
	}
	lo := 0
	for role := range nRoles {
		size := int(float64(g.people) * roleShare[role])
		if role == nRoles-1 {
			size = g.people - lo
		}
		mul := int(mix(g.seed+uint64(role))%uint64(size)) | 1
		for gcd(mul, size) != 1 {
			mul++
		}
		g.pools[role] = pool{lo: lo, size: size, mul: mul}
		lo += size
	}
	return g
}

func gcd(a, b int) int {
	for b != 0 {
		a, b = b, a%b
	}
	return a
}

func (g *gen) rand(stream uint64, i int) rng {
	return rng{s: mix(g.seed ^ mix(stream<<40^uint64(i)))}
}

// titleID spreads IDs with gaps, as IMDb's are, while keeping them in index
// order, as IMDb's files are sorted.
func (g *gen) titleID(i int) uint32 {
	r := g.rand(sID, i)
	return uint32(3*i + 1 + r.intn(3))
}

func (g *gen) personID(j int) uint32 {
	r := g.rand(sID, -1-j)
	return uint32(2*j + 1 + r.intn(2))
}

// titleType draws about 60% movies and TV movies.
func (g *gen) titleType(i int) string {
	if _, ok := g.plantIdx[i]; ok {
		return TypeMovie
	}
	r := g.rand(sType, i)
	switch x := r.intn(1000); {
	case x < 500:
		return TypeMovie
	case x < 600:
		return TypeTVMovie
	case x < 700:
		return TypeShort
	case x < 760:
		return TypeTVSeries
	case x < 900:
		return TypeTVEpisode
	case x < 920:
		return TypeTVMiniSeries
	case x < 970:
		return TypeVideo
	case x < 985:
		return TypeVideoGame
	case x < 993:
		return TypeTVSpecial
	default:
		return TypeTVShort
	}
}

func isFeature(typ string) bool { return typ == TypeMovie || typ == TypeTVMovie }

// originLang returns the index into foreign of a non-English title's
// language, or -1 for an English one.
func (g *gen) originLang(i int, typ string) int {
	r := g.rand(sForeign, i)
	if typ == TypeTVEpisode || !r.chance(0.15) {
		return -1
	}
	return r.intn(len(foreign))
}

// appendTitle writes title i's English title.
func (g *gen) appendTitle(dst []byte, i int, typ string) []byte {
	r := g.rand(sTitle, i)
	if typ == TypeTVEpisode && r.chance(0.5) {
		// IMDb's placeholder for untitled episodes.
		dst = append(dst, "Episode #"...)
		dst = strconv.AppendInt(dst, int64(1+r.intn(12)), 10)
		dst = append(dst, '.')
		return strconv.AppendInt(dst, int64(1+r.intn(24)), 10)
	}
	noun := func() string {
		if r.chance(0.02) {
			return r.pick(accented)
		}
		return r.pick(nouns)
	}
	switch x := r.intn(100); {
	case x < 14:
		dst = append(dst, "The "...)
		dst = append(dst, noun()...)
	case x < 30:
		dst = append(dst, "The "...)
		dst = append(dst, r.pick(adjectives)...)
		dst = append(dst, ' ')
		dst = append(dst, noun()...)
	case x < 42:
		dst = append(dst, r.pick(adjectives)...)
		dst = append(dst, ' ')
		dst = append(dst, noun()...)
	case x < 52:
		dst = append(dst, noun()...)
		dst = append(dst, " of the "...)
		dst = append(dst, noun()...)
	case x < 62:
		dst = append(dst, noun()...)
	case x < 68:
		dst = append(dst, noun()...)
		dst = append(dst, " in "...)
		dst = append(dst, r.pick(places)...)
	case x < 73:
		dst = append(dst, "The "...)
		dst = append(dst, noun()...)
		dst = append(dst, "'s "...)
		dst = append(dst, noun()...)
	case x < 79:
		dst = append(dst, noun()...)
		dst = append(dst, ": "...)
		dst = append(dst, r.pick(adjectives)...)
		dst = append(dst, ' ')
		dst = append(dst, noun()...)
	case x < 84:
		dst = append(dst, r.pick(adjectives)...)
		dst = append(dst, ' ')
		dst = append(dst, noun()...)
		dst = append(dst, ' ')
		dst = append(dst, r.pick(romans)...)
	case x < 89:
		dst = append(dst, noun()...)
		if r.chance(0.5) {
			dst = append(dst, " and "...)
		} else {
			dst = append(dst, " & "...)
		}
		dst = append(dst, noun()...)
	case x < 93:
		dst = append(dst, "The "...)
		dst = append(dst, noun()...)
		dst = append(dst, " of "...)
		dst = append(dst, r.pick(places)...)
	case x < 95:
		dst = append(dst, noun()...)
		dst = append(dst, '!')
	case x < 97:
		dst = append(dst, "Who Killed the "...)
		dst = append(dst, noun()...)
		dst = append(dst, '?')
	case x < 98:
		dst = append(dst, r.pick(adjectives)...)
		dst = append(dst, "..."...)
	default:
		dst = append(dst, r.pick(accented)...)
	}
	return dst
}

// appendForeign writes title i's title in foreign language l, the same
// every time it is asked for.
func (g *gen) appendForeign(dst []byte, i, l int) []byte {
	r := g.rand(sTitle+uint64(l+1)<<8, i)
	f := &foreign[l]
	n := r.pick(f.nouns)
	if f.articles == nil {
		dst = append(dst, n...)
		if r.chance(0.6) {
			dst = append(dst, ' ')
			dst = append(dst, r.pick(f.adjs)...)
			dst = append(dst, ' ')
			dst = append(dst, strings.ToLower(r.pick(f.nouns))...)
		}
		return dst
	}
	art := r.pick(f.articles)
	dst = append(dst, art...)
	if !strings.HasSuffix(art, "'") {
		dst = append(dst, ' ')
	}
	dst = append(dst, strings.ToLower(n)...)
	if r.chance(0.5) {
		dst = append(dst, ' ')
		dst = append(dst, r.pick(f.adjs)...)
	}
	return dst
}

func (g *gen) writeBasics(w *tsvWriter) error {
	var (
		b       Basics
		scratch []byte
		genres  []string
	)
	for i := range g.n {
		b = Basics{ID: g.titleID(i), Genres: genres[:0]}
		if k, ok := g.plantIdx[i]; ok {
			p := &g.planted[k]
			b.Type = TypeMovie
			b.PrimaryTitle = p.Title
			b.OriginalTitle = p.OriginalTitle
			if b.OriginalTitle == "" {
				b.OriginalTitle = p.Title
			}
			b.StartYear, b.RuntimeMinutes = uint16(p.Year), uint32(p.RuntimeMinutes)
			b.Genres = append(b.Genres, p.Genres...)
		} else {
			g.basics(i, &b, &scratch)
		}
		genres = b.Genres
		w.buf = appendBasics(w.buf, &b)
		if err := w.row(); err != nil {
			return err
		}
	}
	return nil
}

func (g *gen) basics(i int, b *Basics, scratch *[]byte) {
	typ := g.titleType(i)
	r := g.rand(sBasics, i)
	b.Type = typ
	*scratch = g.appendTitle((*scratch)[:0], i, typ)
	b.PrimaryTitle = string(*scratch)
	b.OriginalTitle = b.PrimaryTitle
	if l := g.originLang(i, typ); l >= 0 {
		*scratch = g.appendForeign((*scratch)[:0], i, l)
		b.OriginalTitle = string(*scratch)
	}
	b.IsAdult = r.chance(0.005)
	// Years skew recent, as IMDb's do; 1% unknown.
	if !r.chance(0.01) {
		u := r.float()
		b.StartYear = uint16(2025 - int(125*u*u))
	}
	if (typ == TypeTVSeries || typ == TypeTVMiniSeries) && b.StartYear > 0 && r.chance(0.7) {
		end := int(b.StartYear) + r.intn(12)
		if end > 2025 {
			end = 2025
		}
		b.EndYear = uint16(end)
	}
	if !r.chance(0.1) {
		switch typ {
		case TypeMovie, TypeTVMovie, TypeVideo:
			b.RuntimeMinutes = uint32(70 + r.intn(40) + r.intn(40) + r.intn(30))
		case TypeShort, TypeTVShort:
			b.RuntimeMinutes = uint32(2 + r.intn(38))
		case TypeTVEpisode, TypeTVSeries, TypeTVMiniSeries, TypeTVSpecial:
			b.RuntimeMinutes = uint32(20 + r.intn(45))
		}
	}
	b.Genres = g.genres(i, b.Genres)
}

// genres draws one to three genres, sorted as IMDb sorts them; 3% have none.
func (g *gen) genres(i int, dst []string) []string {
	r := g.rand(sGenre, i)
	if r.chance(0.03) {
		return dst
	}
	n := 1 + r.intn(3)
	var picked [3]uint8
	for k := 0; k < n; k++ {
		picked[k] = genreWeights[r.intn(len(genreWeights))]
	}
	sl := picked[:n]
	for a := 1; a < n; a++ { // insertion sort of at most three
		for c := a; c > 0 && sl[c] < sl[c-1]; c-- {
			sl[c], sl[c-1] = sl[c-1], sl[c]
		}
	}
	for k, gi := range sl {
		if k == 0 || gi != sl[k-1] {
			dst = append(dst, genreList[gi])
		}
	}
	return dst
}

func (g *gen) writeAkas(w *tsvWriter) error {
	var scratch []byte
	emit := func(a *Aka) error {
		w.buf = appendAka(w.buf, a)
		return w.row()
	}
	for i := range g.n {
		if err := g.akas(i, &scratch, emit); err != nil {
			return err
		}
	}
	return nil
}

func (g *gen) akas(i int, scratch *[]byte, emit func(*Aka) error) error {
	id := g.titleID(i)
	ord := uint16(0)
	add := func(title, region, lang, types, attrs string, orig bool) error {
		ord++
		return emit(&Aka{TitleID: id, Ordering: ord, Title: title, Region: region, Language: lang, Types: types, Attributes: attrs, IsOriginalTitle: orig})
	}
	if k, ok := g.plantIdx[i]; ok {
		p := &g.planted[k]
		orig := p.OriginalTitle
		if orig == "" {
			orig = p.Title
		}
		if err := add(orig, "", "", "original", "", true); err != nil {
			return err
		}
		if err := add(p.Title, "US", "", "imdbDisplay", "", false); err != nil {
			return err
		}
		for _, a := range p.Akas {
			types := "imdbDisplay"
			if a.Region == "" {
				types = "alternative"
			}
			if err := add(a.Title, a.Region, a.Language, types, "", false); err != nil {
				return err
			}
		}
		return nil
	}
	typ := g.titleType(i)
	r := g.rand(sAkas, i)
	if typ == TypeTVEpisode && !r.chance(0.3) {
		return nil
	}
	*scratch = g.appendTitle((*scratch)[:0], i, typ)
	title := string(*scratch)
	l := g.originLang(i, typ)
	orig := title
	if l >= 0 {
		*scratch = g.appendForeign((*scratch)[:0], i, l)
		orig = string(*scratch)
	}
	if typ == TypeTVEpisode {
		return add(title, "US", "", "", "", false)
	}
	if err := add(orig, "", "", "original", "", true); err != nil {
		return err
	}
	if err := add(title, "US", "", "imdbDisplay", "", false); err != nil {
		return err
	}
	if l >= 0 {
		if err := add(orig, foreign[l].region, "", "imdbDisplay", "", false); err != nil {
			return err
		}
	}
	if !isFeature(typ) {
		return nil
	}
	if r.chance(0.1) {
		if err := add(title, "GB", "en", "", "", false); err != nil {
			return err
		}
	}
	for n := r.intn(3); n > 0; n-- {
		fl := r.intn(len(foreign))
		if fl == l {
			continue
		}
		lang := ""
		if r.chance(0.3) {
			lang = foreign[fl].lang
		}
		*scratch = g.appendForeign((*scratch)[:0], i, fl)
		if err := add(string(*scratch), foreign[fl].region, lang, "imdbDisplay", "", false); err != nil {
			return err
		}
	}
	if r.chance(0.05) {
		if err := add(title+" (working title)", "US", "", "working", "working title", false); err != nil {
			return err
		}
	}
	return nil
}

// credit is one principal of a title: a person in a role.
type credit struct {
	role   int
	person int
	job    string
}

// credits returns title i's principals in billing order: actors first,
// then directors, writers, a producer and a composer.
func (g *gen) credits(i int, typ string, dst []credit) []credit {
	r := g.rand(sCredits, i)
	dst = dst[:0]
	var actors, directors, writers int
	extras := false
	switch typ {
	case TypeMovie, TypeTVMovie:
		actors, directors = 1+r.intn(3), 1
		if x := r.intn(20); x >= 8 {
			writers = 1 + x/17 // 0: 40%, 1: 45%, 2: 15%
		}
		if r.chance(0.08) {
			directors = 2
		} else if r.chance(0.05) {
			directors = 0
		}
		extras = true
	case TypeShort, TypeTVShort, TypeVideo:
		actors, directors = r.intn(3), 1
	case TypeTVSeries, TypeTVMiniSeries, TypeTVSpecial:
		actors, writers = 1+r.intn(3), r.intn(2)
	case TypeTVEpisode:
		actors = 1 + r.intn(2)
		if r.chance(0.5) {
			directors = 1
		}
		if r.chance(0.3) {
			writers = 1
		}
	default: // video games: voices
		actors = 1 + r.intn(2)
	}
	add := func(role int, job string) {
		p := g.pools[role].pick(&r)
		for _, c := range dst {
			if c.person == p {
				return // one credit per person and title, as principals are
			}
		}
		dst = append(dst, credit{role: role, person: p, job: job})
	}
	for range actors {
		add(roleActor, "")
	}
	for range directors {
		add(roleDirector, "")
	}
	for range writers {
		job := ""
		if r.chance(0.6) {
			job = r.pick(writerJobs)
		}
		add(roleWriter, job)
	}
	if extras && r.chance(0.15) {
		job := "producer"
		if r.chance(0.3) {
			job = "executive producer"
		}
		add(roleProducer, job)
	}
	if extras && r.chance(0.1) {
		add(roleComposer, "")
	}
	return dst
}

// female reports a person's sex, which picks actor or actress and a first
// name.
func (g *gen) female(j int) bool {
	r := g.rand(sPerson, j)
	return r.next()&1 == 1
}

func (g *gen) isDocumentary(i int, scratch []string) bool {
	if _, ok := g.plantIdx[i]; ok {
		return false
	}
	return containsStr(g.genres(i, scratch[:0]), "Documentary")
}

func (g *gen) writePrincipals(w *tsvWriter) error {
	var (
		cs     []credit
		p      Principal
		chars  []string
		name   []byte
		genres []string
	)
	for i := range g.n {
		typ := g.titleType(i)
		cs = g.credits(i, typ, cs)
		if len(cs) == 0 {
			continue
		}
		doc := false
		if cs[0].role == roleActor {
			doc = g.isDocumentary(i, genres)
		}
		r := g.rand(sChars, i)
		id := g.titleID(i)
		for k, c := range cs {
			p = Principal{TitleID: id, Ordering: uint16(k + 1), NameID: g.personID(c.person), Job: c.job, Characters: chars[:0]}
			switch c.role {
			case roleActor:
				switch {
				case doc:
					p.Category = "self"
					p.Characters = append(p.Characters, "Self")
				case g.female(c.person):
					p.Category = "actress"
				default:
					p.Category = "actor"
				}
				if !doc && !r.chance(0.03) {
					for n := 1 + b2i(r.chance(0.05)); n > 0; n-- {
						name = g.appendCharacter(name[:0], &r, c.person)
						p.Characters = append(p.Characters, string(name))
					}
				}
			case roleDirector:
				p.Category = "director"
			case roleWriter:
				p.Category = "writer"
			case roleProducer:
				p.Category = "producer"
			case roleComposer:
				p.Category = "composer"
			}
			chars = p.Characters
			w.buf = appendPrincipal(w.buf, &p)
			if err := w.row(); err != nil {
				return err
			}
		}
	}
	return nil
}

func b2i(b bool) int {
	if b {
		return 1
	}
	return 0
}

// appendCharacter writes a character name: a first name, a full name, a
// title and a surname, or a role; rarely with quotes that JSON escapes.
func (g *gen) appendCharacter(dst []byte, r *rng, person int) []byte {
	first := maleNames
	if g.female(person) {
		first = femaleNames
	}
	switch x := r.intn(100); {
	case x < 40:
		dst = append(dst, r.pick(first)...)
	case x < 70:
		dst = append(dst, r.pick(first)...)
		dst = append(dst, ' ')
		dst = append(dst, r.pick(lastNames)...)
	case x < 85:
		dst = append(dst, r.pick(charTitles)...)
		dst = append(dst, ' ')
		dst = append(dst, r.pick(lastNames)...)
	case x < 99:
		dst = append(dst, r.pick(charRoles)...)
	default:
		dst = append(dst, r.pick(first)...)
		dst = append(dst, ` "`...)
		dst = append(dst, r.pick(nouns)...)
		dst = append(dst, `" `...)
		dst = append(dst, r.pick(lastNames)...)
	}
	return dst
}

func (g *gen) writeCrew(w *tsvWriter) error {
	var (
		cs []credit
		c  Crew
	)
	for i := range g.n {
		cs = g.credits(i, g.titleType(i), cs)
		c = Crew{TitleID: g.titleID(i), Directors: c.Directors[:0], Writers: c.Writers[:0]}
		for _, cr := range cs {
			switch cr.role {
			case roleDirector:
				c.Directors = append(c.Directors, g.personID(cr.person))
			case roleWriter:
				c.Writers = append(c.Writers, g.personID(cr.person))
			}
		}
		w.buf = appendCrew(w.buf, &c)
		if err := w.row(); err != nil {
			return err
		}
	}
	return nil
}

// rating returns title i's vote count and average in tenths; ok is false
// for an unrated title.
func (g *gen) rating(i int) (votes uint32, tenths int, ok bool) {
	if k, planted := g.plantIdx[i]; planted {
		p := &g.planted[k]
		if p.Votes == 0 {
			return 0, 0, false
		}
		return uint32(p.Votes), int(math.Round(float64(p.Rating) * 10)), true
	}
	typ := g.titleType(i)
	r := g.rand(sRating, i)
	rated := 0.6
	switch typ {
	case TypeMovie:
		rated = 0.85
	case TypeTVMovie, TypeTVSeries:
		rated = 0.75
	case TypeTVEpisode:
		rated = 0.5
	}
	if !r.chance(rated) {
		return 0, 0, false
	}
	// Pareto with α = 0.85: half the titles under about 11 votes, one in
	// five thousand over 100,000.
	v := 5 * math.Pow(1-r.float(), -1/0.85)
	if typ == TypeTVEpisode {
		v /= 4
	}
	v = math.Min(v+5, 3e6)
	gauss := (r.float() + r.float() + r.float() + r.float() - 2) * math.Sqrt(3)
	t := int(math.Round(64 + 12*gauss))
	t = max(10, min(100, t))
	return uint32(v), t, true
}

func (g *gen) writeRatings(w *tsvWriter) error {
	for i := range g.n {
		votes, tenths, ok := g.rating(i)
		if !ok {
			continue
		}
		rt := Rating{TitleID: g.titleID(i), Average: float32(tenths) / 10, NumVotes: votes}
		w.buf = appendRating(w.buf, &rt)
		if err := w.row(); err != nil {
			return err
		}
	}
	return nil
}

// knownFor computes every person's knownForTitles from the credits: the
// (up to) four most voted titles they have a principal credit in.
func (g *gen) knownFor() [][4]int32 {
	known := make([][4]int32, g.people)
	votes := make([][4]uint32, g.people)
	for j := range known {
		known[j] = [4]int32{-1, -1, -1, -1}
	}
	var cs []credit
	for i := range g.n {
		cs = g.credits(i, g.titleType(i), cs)
		if len(cs) == 0 {
			continue
		}
		v, _, _ := g.rating(i)
		for _, c := range cs {
			kn, vs := &known[c.person], &votes[c.person]
			// Insert keeping the four best by votes, ties to the earlier
			// title.
			for k := 0; k < 4; k++ {
				if kn[k] < 0 || v > vs[k] {
					copy(kn[k+1:], kn[k:3])
					copy(vs[k+1:], vs[k:3])
					kn[k], vs[k] = int32(i), v
					break
				}
			}
		}
	}
	return known
}

func (g *gen) writeNames(w *tsvWriter) error {
	known := g.knownFor()
	var (
		n       Name
		scratch []byte
	)
	for j := range g.people {
		n = Name{ID: g.personID(j), Professions: n.Professions[:0], KnownFor: n.KnownFor[:0]}
		scratch = g.person(j, &n, scratch[:0])
		for _, i := range known[j] {
			if i >= 0 {
				n.KnownFor = append(n.KnownFor, g.titleID(int(i)))
			}
		}
		w.buf = appendName(w.buf, &n)
		if err := w.row(); err != nil {
			return err
		}
	}
	return nil
}

// person fills in person j's name, years and professions.
func (g *gen) person(j int, n *Name, scratch []byte) []byte {
	r := g.rand(sPerson, j)
	female := r.next()&1 == 1 // as g.female
	first := maleNames
	if female {
		first = femaleNames
	}
	if r.chance(0.03) {
		scratch = append(scratch, r.pick(accentedFirst)...)
	} else {
		scratch = append(scratch, r.pick(first)...)
	}
	if r.chance(0.05) {
		scratch = append(scratch, ' ', byte('A'+r.intn(26)), '.')
	}
	scratch = append(scratch, ' ')
	scratch = append(scratch, r.pick(lastNames)...)
	n.PrimaryName = string(scratch)
	if r.chance(0.55) {
		birth := 1880 + r.intn(126)
		n.BirthYear = uint16(birth)
		if (birth < 1935 && r.chance(0.8)) || r.chance(0.03) {
			n.DeathYear = uint16(min(2025, birth+40+r.intn(56)))
		}
	}
	role := nRoles - 1
	for k := range g.pools {
		if j < g.pools[k].lo+g.pools[k].size {
			role = k
			break
		}
	}
	primary := [nRoles]string{"actor", "director", "writer", "producer", "composer"}[role]
	if role == roleActor && female {
		primary = "actress"
	}
	n.Professions = append(n.Professions, primary)
	extra := []string{"producer", "writer", "director", "miscellaneous", "soundtrack", "editor", "casting_director"}
	for k := r.intn(3); k > 0; k-- {
		e := r.pick(extra)
		if !containsStr(n.Professions, e) {
			n.Professions = append(n.Professions, e)
		}
	}
	return scratch
}

func containsStr(list []string, s string) bool {
	for _, x := range list {
		if x == s {
			return true
		}
	}
	return false
}
