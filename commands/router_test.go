package commands

import (
	"context"
	"encoding/json"
	"os"
	"path/filepath"
	"regexp"
	"slices"
	"strconv"
	"strings"
	"testing"

	"github.com/bwmarrin/discordgo"

	"moviebot/knowledge"
)

// want is what a recorded interaction's response must look like.
type want struct {
	typ       discordgo.InteractionResponseType
	ephemeral bool
	// has must all appear in the rendered text (escapes undone, bold
	// dropped, spoiler bars kept); hasNot must not.
	has, hasNot []string
	// choices is the exact number of autocomplete choices, or -1 for any;
	// firstChoice, when set, is the first choice's name.
	choices     int
	firstChoice string
	// ids are the custom_ids the buttons must have, in order ({{id:Title}}
	// stands for a film's id); idPrefix, when set, is what every button's
	// custom_id starts with instead.
	ids      []string
	idPrefix string
}

const (
	msg    = discordgo.InteractionResponseChannelMessageWithSource
	update = discordgo.InteractionResponseUpdateMessage
	auto   = discordgo.InteractionApplicationCommandAutocompleteResult
)

// routerCases are the recorded interactions under testdata/interactions, in
// the order they are sent to one router: /ask remembers "it" per user and
// channel, so each conversation's questions follow each other.
var routerCases = []struct {
	file string
	want want
}{
	{"movie_leaving_las_vegas", want{typ: msg, has: []string{"Leaving Las Vegas (1995)", "Mike Figgis", "1h 51m", "based on the novel by John O'Brien", "drink himself to death"}, hasNot: []string{"||"}, choices: -1}},
	{"movie_fargo", want{typ: msg, has: []string{"Fargo (1996)", "Joel Coen", "98 min", "Jerry Lundegaard", "$7"}, hasNot: []string{"||", "based on the"}, choices: -1}},
	{"cast_leaving_las_vegas", want{typ: msg, has: []string{"Cast: Leaving Las Vegas (1995)", "1. Nicolas Cage — Ben Sanderson", "2. Elisabeth Shue — Sera", "Page 1 of"}, choices: -1,
		ids: []string{"cast:{{id:Leaving Las Vegas}}:-1", "cast:{{id:Leaving Las Vegas}}:1"}}},
	{"cast_character_landlord", want{typ: msg, has: []string{"Landlord was played by David Brisbin"}, choices: -1}},
	{"cast_fargo_character_marge", want{typ: msg, has: []string{"Marge Gunderson was played by Frances McDormand", "in Fargo (1996)"}, hasNot: []string{"Leaving Las Vegas"}, choices: -1}},
	{"awards_leaving_las_vegas", want{typ: msg, has: []string{"Awards: Leaving Las Vegas (1995)", "Won Best Actor — Nicolas Cage", "Nominated Best Actress — Elisabeth Shue", "Academy Award"}, choices: -1}},
	{"awards_fargo", want{typ: msg, has: []string{"Awards: Fargo (1996)", "Won Best Actress", "Won Best Original Screenplay", "Nominated Best Picture"}, choices: -1}},
	{"plot_leaving_las_vegas", want{typ: msg, has: []string{"Plot: Leaving Las Vegas (1995)", "drink himself to death", "add spoilers:true for how it ends"}, hasNot: []string{"How it ends (spoilers)", "Ben dies"}, choices: -1}},
	{"plot_fargo_spoilers", want{typ: msg, has: []string{"Plot: Fargo (1996)", "Jerry Lundegaard", "How it ends (spoilers)", "||How It All Ends: Wade brings the ransom"}, hasNot: []string{"add spoilers:true"}, choices: -1}},
	{"plot_fargo_no_spoilers", want{typ: msg, has: []string{"Jerry Lundegaard", "Story so far (spoilers)", "add spoilers:true for how it ends"}, hasNot: []string{"How it ends (spoilers)", "wood chipper", "Wade brings the ransom"}, choices: -1}},
	{"quote_random", want{typ: msg, has: []string{"Another"}, choices: -1, idPrefix: "quote:0::"}},
	{"quote_search", want{typ: msg, has: []string{"Quotes matching “prickly pear”", "I'm like a prickly pear", "Ben Sanderson", "Leaving Las Vegas (1995)"}, choices: -1}},
	{"quote_character", want{typ: msg, has: []string{"Fargo (1996)", "— Marge Gunderson"}, choices: -1, idPrefix: "quote:{{id:Fargo}}:marge:"}},
	{"whosaid", want{typ: msg, has: []string{"Who said it?", "Ben Sanderson in Leaving Las Vegas (1995)", "You must never ask me to stop"}, choices: -1}},
	{"whosaid_fargo", want{typ: msg, has: []string{"Gaear Grimsrud in Fargo (1996)", "Where is pancakes house?"}, choices: -1}},
	{"review_site_kind", want{typ: msg, has: []string{"Leaving Las Vegas (1995)", "IMDb (user)", "on record"}, choices: -1, idPrefix: "review:{{id:Leaving Las Vegas}}:IMDb:user:"}},
	{"review_fargo", want{typ: msg, has: []string{"Fargo (1996)", "(critic)"}, choices: -1, idPrefix: "review:{{id:Fargo}}::critic:"}},
	{"actor", want{typ: msg, has: []string{"Nicolas Cage", "Leaving Las Vegas (1995) — as Ben Sanderson (lead)"}, choices: -1}},
	{"actor_fargo", want{typ: msg, has: []string{"Frances McDormand", "Fargo (1996) — as Marge Gunderson"}, hasNot: []string{"Leaving Las Vegas"}, choices: -1}},
	{"trivia_fargo", want{typ: msg, has: []string{"Trivia: Fargo (1996)", "spoilers are hidden behind bars"}, choices: -1}},
	{"trivia_leaving_las_vegas", want{typ: msg, has: []string{"Trivia: Leaving Las Vegas (1995)"}, choices: -1}},
	{"similar_fargo", want{typ: msg, has: []string{"If you liked Fargo (1996)", "Blood Simple", "No Country for Old Men"}, choices: -1}},
	{"similar_leaving_las_vegas", want{typ: msg, has: []string{"If you liked Leaving Las Vegas (1995)"}, choices: -1}},
	{"help", want{typ: msg, has: []string{"What I can do", "/movie film:leaving las vegas", "2 films in the knowledge base"}, choices: -1}},

	{"ask_01_who_played_sera", want{typ: msg, has: []string{"Sera was played by Elisabeth Shue"}, choices: -1}},
	{"ask_02_who_directed_it", want{typ: msg, has: []string{"Leaving Las Vegas (1995) was directed by Mike Figgis"}, choices: -1}},
	{"ask_03_did_cage_win_an_oscar", want{typ: msg, has: []string{"Yes.", "Academy Award for Best Actor", "Leaving Las Vegas (1995)"}, hasNot: []string{"Golden Globe"}, choices: -1}},
	{"ask_04_how_long", want{typ: msg, has: []string{"Leaving Las Vegas (1995) runs 1h 51m (111 min)"}, choices: -1}},
	{"ask_05_what_is_it_rated", want{typ: msg, has: []string{"Leaving Las Vegas (1995) is rated R"}, choices: -1}},
	{"ask_06_budget", want{typ: msg, has: []string{"Budget of Leaving Las Vegas (1995)", "$3.6"}, hasNot: []string{"$49.8 million"}, choices: -1}},
	{"ask_07_who_wrote_the_novel", want{typ: msg, has: []string{"based on the novel Leaving Las Vegas (1990) by John O'Brien"}, choices: -1}},
	{"ask_08_did_fargo_win_an_oscar", want{typ: msg, has: []string{"Yes.", "Fargo (1996) won the Academy Award for Best Actress"}, hasNot: []string{"Leaving Las Vegas"}, choices: -1}},
	// "it" is now Fargo, but a person's name is no film: the question is
	// about the film in memory.
	{"ask_09_did_cage_win_an_oscar_no_film", want{typ: msg, has: []string{"Not that I know of", "nicolas cage", "Fargo (1996)"}, choices: -1}},
	{"ask_fargo_01_who_played_marge", want{typ: msg, has: []string{"Marge Gunderson was played by Frances McDormand"}, choices: -1}},
	{"ask_fargo_02_who_directed_it", want{typ: msg, has: []string{"Fargo (1996) was directed by Joel Coen"}, choices: -1}},
	{"ask_fargo_03_did_it_win_an_oscar", want{typ: msg, has: []string{"Yes.", "Academy Award for Best Actress", "Best Original Screenplay"}, choices: -1}},
	{"ask_fargo_04_who_wrote_the_novel", want{typ: msg, has: []string{"Fargo (1996) is not based on a novel", "Joel Coen, Ethan Coen"}, choices: -1}},
	{"ask_fargo_05_how_long", want{typ: msg, has: []string{"Fargo (1996) runs 1h 38m (98 min)"}, choices: -1}},
	{"ask_fargo_06_budget", want{typ: msg, has: []string{"Budget of Fargo (1996)", "$7"}, choices: -1}},
	{"ask_dm_01_budget_of_fargo", want{typ: msg, has: []string{"Budget of Fargo (1996)", "$7"}, choices: -1}},
	{"ask_dm_02_what_is_it_rated", want{typ: msg, has: []string{"Fargo (1996) is rated R"}, hasNot: []string{"Leaving Las Vegas"}, choices: -1}},
	{"ask_no_film_yet", want{typ: msg, ephemeral: true, has: []string{"Which film do you mean?"}, choices: -1}},
	{"ask_nonsense", want{typ: msg, ephemeral: true, has: []string{"I'm not sure what you're asking", "who played sera in leaving las vegas"}, choices: -1}},

	{"autocomplete_cast_typo", want{typ: auto, choices: 1, firstChoice: "Leaving Las Vegas (1995)"}},
	{"autocomplete_plot_typo", want{typ: auto, choices: 1, firstChoice: "Fargo (1996)"}},
	{"autocomplete_movie_empty", want{typ: auto, choices: 2}},
	{"autocomplete_cast_character_focused", want{typ: auto, choices: 0}},

	{"button_cast_next", want{typ: update, has: []string{"Cast: Leaving Las Vegas (1995)", "Page 2 of"}, hasNot: []string{"1. Nicolas Cage"}, choices: -1,
		ids: []string{"cast:{{id:Leaving Las Vegas}}:0", "cast:{{id:Leaving Las Vegas}}:2"}}},
	{"button_cast_next_fargo", want{typ: update, has: []string{"Cast: Fargo (1996)", "Page 2 of 2", "16. Bain Boehlke", "18. Cliff Rakerd"}, hasNot: []string{"1. Frances McDormand"}, choices: -1,
		ids: []string{"cast:{{id:Fargo}}:0", "cast:{{id:Fargo}}:2"}}},
	{"button_quote_another", want{typ: msg, has: []string{"Fargo (1996)"}, hasNot: []string{"Leaving Las Vegas"}, choices: -1, idPrefix: "quote:{{id:Fargo}}::"}},
	{"button_quote_another_character", want{typ: msg, has: []string{"Leaving Las Vegas (1995)", "— Sera"}, choices: -1, idPrefix: "quote:0:sera:"}},
	{"button_review_another", want{typ: msg, has: []string{"IMDb (user)"}, choices: -1, idPrefix: "review:{{id:Leaving Las Vegas}}:IMDb:user:"}},
	{"button_stale_film", want{typ: msg, ephemeral: true, choices: -1}},
	{"button_unknown", want{typ: msg, ephemeral: true, has: []string{"I don't know that button"}, choices: -1}},
	{"button_dm_cast_next", want{typ: update, has: []string{"Cast: Fargo (1996)", "Page 2 of 2"}, choices: -1}},

	{"bad_unknown_film", want{typ: msg, ephemeral: true, has: []string{"I don't know a film called “las vegas story”", "Did you mean", "Leaving Las Vegas (1995)"}, choices: -1}},
	{"bad_unknown_film_no_suggestion", want{typ: msg, ephemeral: true, has: []string{"I don't know a film called “qqqqzzzz”"}, choices: -1}},
	{"bad_overlong_option", want{typ: msg, ephemeral: true, has: []string{"The film option is too long"}, choices: -1}},
	{"bad_unknown_option", want{typ: msg, ephemeral: true, has: []string{"/movie has no option called director"}, choices: -1}},
	{"bad_wrong_option_type", want{typ: msg, ephemeral: true, has: []string{"The film option of /movie has the wrong type"}, choices: -1}},
	{"bad_wrong_option_type_bool", want{typ: msg, ephemeral: true, has: []string{"The spoilers option of /plot has the wrong type"}, choices: -1}},
	{"bad_unknown_command", want{typ: msg, ephemeral: true, has: []string{"I don't know the command /boxoffice"}, choices: -1}},
	{"bad_missing_required", want{typ: msg, ephemeral: true, has: []string{"/movie needs the film option"}, choices: -1}},
	{"bad_blank_required", want{typ: msg, ephemeral: true, has: []string{"/cast needs something in the film option"}, choices: -1}},
	{"bad_not_a_choice", want{typ: msg, ephemeral: true, has: []string{"“Letterboxd” is not one of the choices for site"}, choices: -1}},
	{"bad_unknown_character", want{typ: msg, ephemeral: true, has: []string{"No character like", "in Fargo (1996)", "Marge Gunderson"}, choices: -1}},
}

var filmIDRef = regexp.MustCompile(`\{\{id:([^}]+)\}\}`)

// withFilmIDs replaces each {{id:Title}} with that film's id in the test
// knowledge base, so recorded button payloads do not depend on the order
// ingest numbers films in.
func withFilmIDs(t *testing.T, s string) string {
	return filmIDRef.ReplaceAllStringFunc(s, func(m string) string {
		title := filmIDRef.FindStringSubmatch(m)[1]
		return strconv.FormatInt(filmByTitle(t, title).ID, 10)
	})
}

func TestRecordedInteractions(t *testing.T) {
	r := newTestRouter(t)
	ctx := context.Background()

	files, err := filepath.Glob("testdata/interactions/*.json")
	if err != nil {
		t.Fatal(err)
	}
	listed := map[string]bool{}
	for _, c := range routerCases {
		listed[c.file] = true
	}
	for _, f := range files {
		if name := strings.TrimSuffix(filepath.Base(f), ".json"); !listed[name] {
			t.Errorf("%s has no expectation in routerCases", f)
		}
	}

	for _, c := range routerCases {
		t.Run(c.file, func(t *testing.T) {
			raw, err := os.ReadFile(filepath.Join("testdata", "interactions", c.file+".json"))
			if err != nil {
				t.Fatal(err)
			}
			var i discordgo.Interaction
			if err := json.Unmarshal([]byte(withFilmIDs(t, string(raw))), &i); err != nil {
				t.Fatalf("decode: %v", err)
			}
			resp := r.Handle(ctx, &i)
			for _, p := range checkResponse(resp) {
				t.Error(p)
			}
			if resp == nil {
				return
			}
			if got := resp.Type; got != c.want.typ {
				t.Errorf("response type = %d, want %d", got, c.want.typ)
			}
			if got := isEphemeral(resp); got != c.want.ephemeral {
				t.Errorf("ephemeral = %v, want %v", got, c.want.ephemeral)
			}
			text := renderedText(resp)
			for _, s := range c.want.has {
				if !strings.Contains(text, s) {
					t.Errorf("reply lacks %q; it reads:\n%s", s, text)
				}
			}
			for _, s := range c.want.hasNot {
				if strings.Contains(text, s) {
					t.Errorf("reply has %q; it reads:\n%s", s, text)
				}
			}
			if c.want.choices >= 0 {
				var n int
				if resp.Data != nil {
					n = len(resp.Data.Choices)
				}
				if n != c.want.choices {
					t.Errorf("%d autocomplete choices, want %d:\n%s", n, c.want.choices, text)
				}
			}
			if c.want.firstChoice != "" {
				if resp.Data == nil || len(resp.Data.Choices) == 0 || resp.Data.Choices[0].Name != c.want.firstChoice {
					t.Errorf("first choice is not %q:\n%s", c.want.firstChoice, text)
				} else if v, _ := resp.Data.Choices[0].Value.(string); v == "" {
					t.Errorf("first choice has no string value")
				}
			}
			ids := customIDs(resp)
			if c.want.ids != nil {
				var wantIDs []string
				for _, id := range c.want.ids {
					wantIDs = append(wantIDs, withFilmIDs(t, id))
				}
				if !slices.Equal(ids, wantIDs) {
					t.Errorf("custom_ids = %q, want %q", ids, wantIDs)
				}
			}
			if c.want.idPrefix != "" {
				prefix := withFilmIDs(t, c.want.idPrefix)
				if len(ids) == 0 {
					t.Errorf("no buttons, want custom_ids starting %q", prefix)
				}
				for _, id := range ids {
					if !strings.HasPrefix(id, prefix) {
						t.Errorf("custom_id %q does not start with %q", id, prefix)
					}
				}
			}
		})
	}
}

// TestRecordedButtonsAnswer presses the buttons the recorded replies carry,
// the way a user would, and checks the follow-ups: the next page of a cast
// list, another quote that is not the one shown.
func TestRecordedButtonsAnswer(t *testing.T) {
	r := newTestRouter(t)
	ctx := context.Background()
	user, channel := "800000000000000001", "300000000000000001"
	llv := filmByTitle(t, "Leaving Las Vegas")

	first := r.Handle(ctx, commandInteraction(user, channel, "cast", sopt("film", "leaving las vegas")))
	pages := (len(llv.Cast) + castPage - 1) / castPage
	resp := first
	for page := 1; page < pages; page++ {
		var next string
		for _, b := range Buttons(resp) {
			if strings.HasPrefix(b.Label, "Next") {
				next = b.CustomID
			}
		}
		if next == "" {
			t.Fatalf("page %d has no enabled Next button: %q", page, customIDs(resp))
		}
		resp = r.Handle(ctx, buttonInteraction(user, channel, next))
		if resp.Type != update {
			t.Fatalf("Next answered with type %d, want an update", resp.Type)
		}
		if want := "Page " + strconv.Itoa(page+1) + " of " + strconv.Itoa(pages); !strings.Contains(renderedText(resp), want) {
			t.Errorf("after Next: lacks %q:\n%s", want, renderedText(resp))
		}
	}
	for _, b := range allButtons(resp) {
		if strings.HasPrefix(b.Label, "Next") && !b.Disabled {
			t.Errorf("the last page's Next button is enabled")
		}
	}

	// Another never repeats the quote just shown while the film has more.
	fargo := filmByTitle(t, "Fargo")
	resp = r.Handle(ctx, commandInteraction(user, channel, "quote", sopt("film", "fargo")))
	for n := 0; n < 10; n++ {
		ids := customIDs(resp)
		if len(ids) != 1 {
			t.Fatalf("quote reply has buttons %q, want one", ids)
		}
		before := resp.Data.Embeds[0].Description
		resp = r.Handle(ctx, buttonInteraction(user, channel, ids[0]))
		for _, p := range checkResponse(resp) {
			t.Error(p)
		}
		if len(fargo.Quotes) > 1 && resp.Data.Embeds[0].Description == before {
			t.Errorf("Another showed the same quote again: %s", before)
		}
		if !strings.Contains(renderedText(resp), "Fargo (1996)") {
			t.Errorf("Another left the film:\n%s", renderedText(resp))
		}
	}
}

// TestAskHowItEnds checks that "how does it end" tells the ending, behind
// spoiler bars, even when an earlier section already mentions a death.
func TestAskHowItEnds(t *testing.T) {
	film := &knowledge.Film{ID: 1, Title: "Snowfall", Year: 1996, Plot: []knowledge.PlotSection{
		{Heading: "The Set-up", Text: "A salesman in debt hires two crooks.", Premise: true},
		{Heading: "The Kidnapping Goes Wrong", Text: "The crooks take the wife north. A trooper and two witnesses are killed on the road.", Spoiler: true},
		{Heading: "The Investigation", Text: "The police chief follows the trail to the dealership.", Spoiler: true},
		{Heading: "Home Again", Text: "The chief catches the last crook at the lake. The salesman is arrested at a motel. The chief and her husband wait for their baby.", Spoiler: true},
	}}
	r, err := New(context.Background(), newFakeStore([]*knowledge.Film{film}), Options{Seed: 1})
	if err != nil {
		t.Fatal(err)
	}
	for _, q := range []string{"how does snowfall end", "how does it end"} {
		resp := r.Handle(context.Background(), commandInteraction("u", "c", "ask", sopt("question", q)))
		for _, p := range checkResponse(resp) {
			t.Error(p)
		}
		text := renderedText(resp)
		if !strings.Contains(text, "||The chief catches the last crook at the lake. The salesman is arrested at a motel. The chief and her husband wait for their baby.||") {
			t.Errorf("%s: the reply does not tell the ending behind bars:\n%s", q, text)
		}
		if strings.Contains(text, "witnesses") {
			t.Errorf("%s: the reply tells the middle, not the ending:\n%s", q, text)
		}
	}
}
