package textutil

import "testing"

func TestParseDate(t *testing.T) {
	cases := map[string]string{
		"15 May 2005": "2005-05-15", "May 15, 2005": "2005-05-15", "Feb 24, 1998": "1998-02-24",
		"October 27, 1995": "1995-10-27", "2005-05-15": "2005-05-15", "Nov 15, 2012": "2012-11-15",
		"May 2005": "2005-05", "1995": "1995", "Sept. 3, 2001": "2001-09-03",
		"": "", "yesterday": "", "31 Foo 2005": "", "45 May 2005": "", "May 15, 99999": "",
	}
	for in, want := range cases {
		if got := ParseDate(in); got != want {
			t.Errorf("ParseDate(%q) = %q, want %q", in, got, want)
		}
	}
}

func TestParseMoney(t *testing.T) {
	cases := []struct {
		in   string
		want float64
		ok   bool
	}{
		{"$49.8 million", 49.8e6, true}, {"$3.6M", 3.6e6, true}, {"$32.03M", 32.03e6, true},
		{"$2 million", 2e6, true}, {"$500", 500, true}, {"$1.2 billion", 1.2e9, true},
		{"$7,000,000", 7e6, true}, {"US$60.6 million", 60.6e6, true}, {"less than $2 million", 2e6, true},
		{"no money", 0, false}, {"$", 0, false},
	}
	for _, c := range cases {
		got, ok := ParseMoney(c.in)
		if ok != c.ok || got != c.want {
			t.Errorf("ParseMoney(%q) = %v, %v; want %v, %v", c.in, got, ok, c.want, c.ok)
		}
	}
}

func TestParseRuntime(t *testing.T) {
	cases := map[string]int{"1h 51min": 111, "1 hr 51 min": 111, "111 minutes": 111, "98 min": 98, "2h": 120, "": 0, "soon": 0, "99999 min": 0}
	for in, want := range cases {
		if got := ParseRuntime(in); got != want {
			t.Errorf("ParseRuntime(%q) = %d, want %d", in, got, want)
		}
	}
}

func TestFold(t *testing.T) {
	cases := map[string]string{
		"Amélie": "amelie", "Schindler's List": "schindlers list", "WALL·E": "wall e",
		"  Leaving\u00a0Las Vegas ": "leaving las vegas", "O’Brien": "obrien", "Rudrüd": "rudrud",
	}
	for in, want := range cases {
		if got := Fold(in); got != want {
			t.Errorf("Fold(%q) = %q, want %q", in, got, want)
		}
	}
}

func TestTitleYear(t *testing.T) {
	title, year := TitleYear("Leaving Las Vegas (1995)")
	if title != "Leaving Las Vegas" || year != 1995 {
		t.Errorf("got %q %d", title, year)
	}
	if title, year = TitleYear("Se7en"); title != "Se7en" || year != 0 {
		t.Errorf("got %q %d", title, year)
	}
}

func TestRevealsEnding(t *testing.T) {
	yes := []string{"Ben dies from alcoholism.", "In the end, she leaves.", "The twist is that he was dead all along.", "A film with a twist ending.", "Marge arrests Gaear at the wood chipper."}
	no := []string{"A screenwriter moves to Las Vegas.", "Filming took place over 28 days.", "He plans to drink himself to death.", "The unusual twist in this drama is their agreement."}
	for _, s := range yes {
		if !RevealsEnding(s) {
			t.Errorf("RevealsEnding(%q) = false", s)
		}
	}
	for _, s := range no {
		if RevealsEnding(s) {
			t.Errorf("RevealsEnding(%q) = true", s)
		}
	}
}

func TestFoldASCIIMatchesUnicodePath(t *testing.T) {
	for _, s := range []string{"Schindler's List", "  WALL-E  ", "Se7en!", "a--b", "`x`", "", "   ", "The Lord of the Rings: The Two Towers"} {
		fast, _ := foldASCII(s)
		// Force the general path by adding and removing a non-ASCII rune.
		slow := Fold(s + "é")
		slow = slow[:len(slow)-1]
		if len(slow) > 0 && slow[len(slow)-1] == ' ' {
			slow = slow[:len(slow)-1]
		}
		if fast != slow {
			t.Errorf("foldASCII(%q) = %q, Unicode path gives %q", s, fast, slow)
		}
	}
}
