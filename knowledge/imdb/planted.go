package imdb

import "strings"

// PlantedTitle is a real film Generate places among the synthetic titles,
// so that ranking tests can ask for it by its real name and check that it
// wins over synthetic namesakes and look-alikes.
type PlantedTitle struct {
	Title          string // primaryTitle
	OriginalTitle  string // originalTitle; "" when the same as Title
	Year           int
	RuntimeMinutes int
	Genres         []string // from IMDb's genre list, at most three
	// Votes is numVotes in title.ratings, the film's popularity.
	Votes int
	// Rating is averageRating, 1.0 to 10.0.
	Rating float32
	// Akas are localized titles, written to title.akas after the original
	// title and the US title.
	Akas []PlantedAka
}

// PlantedAka is a localized or alternative title of a planted film.
type PlantedAka struct {
	Title    string
	Region   string // "FR", "GB", ...; "" for an alternative title with no region
	Language string // "fr", ...; often "" on IMDb
}

func planted(title, original string, year, runtime int, genres string, votes int, rating float32, akas ...PlantedAka) PlantedTitle {
	return PlantedTitle{
		Title: title, OriginalTitle: original, Year: year, RuntimeMinutes: runtime,
		Genres: strings.Split(genres, ","), Votes: votes, Rating: rating, Akas: akas,
	}
}

func aka(title, region, lang string) PlantedAka {
	return PlantedAka{Title: title, Region: region, Language: lang}
}

// DefaultPlanted returns well-known real films with their original and
// localized titles: titles, years, runtimes and genres as IMDb lists them;
// votes and ratings are rounded figures of IMDb's order of magnitude in the
// mid-2020s, enough to rank a classic above a remake. It includes namesakes
// (Psycho 1960 and 1998, Hero 1992 and 2002, The Hunt 2012 and 2020, ...)
// and titles with accents and punctuation. Each call returns a new slice.
func DefaultPlanted() []PlantedTitle {
	return []PlantedTitle{
		planted("The Godfather", "", 1972, 175, "Crime,Drama", 2100000, 9.2,
			aka("Il padrino", "IT", "it"), aka("Le Parrain", "FR", ""), aka("Der Pate", "DE", "")),
		planted("The Godfather Part II", "", 1974, 202, "Crime,Drama", 1400000, 9.0,
			aka("Il padrino - Parte II", "IT", "")),
		planted("Schindler's List", "", 1993, 195, "Biography,Drama,History", 1500000, 9.0,
			aka("La liste de Schindler", "FR", ""), aka("Schindlers Liste", "DE", ""), aka("Schindler's List - La lista di Schindler", "IT", "")),
		planted("Se7en", "", 1995, 127, "Crime,Drama,Mystery", 1800000, 8.6,
			aka("Seven", "US", ""), aka("Sieben", "DE", "")),
		planted("Fargo", "", 1996, 98, "Crime,Drama,Thriller", 730000, 8.1),
		planted("Psycho", "", 1960, 109, "Horror,Mystery,Thriller", 720000, 8.5,
			aka("Psychose", "FR", ""), aka("Psicosis", "ES", "")),
		planted("Psycho", "", 1998, 105, "Crime,Horror,Mystery", 45000, 4.7),
		planted("Leaving Las Vegas", "", 1995, 111, "Drama,Romance", 130000, 7.5,
			aka("Via da Las Vegas", "IT", "")),
		planted("Amélie", "Le Fabuleux Destin d'Amélie Poulain", 2001, 122, "Comedy,Romance", 790000, 8.3,
			aka("Amelie", "", ""), aka("Die fabelhafte Welt der Amélie", "DE", ""), aka("Il favoloso mondo di Amélie", "IT", "")),
		planted("Spirited Away", "Sen to Chihiro no Kamikakushi", 2001, 125, "Adventure,Animation,Family", 850000, 8.6,
			aka("Le Voyage de Chihiro", "FR", ""), aka("Chihiros Reise ins Zauberland", "DE", ""), aka("La città incantata", "IT", ""), aka("El viaje de Chihiro", "ES", "")),
		planted("Harry Potter and the Sorcerer's Stone", "", 2001, 152, "Adventure,Family,Fantasy", 850000, 7.7,
			aka("Harry Potter and the Philosopher's Stone", "GB", ""), aka("Harry Potter à l'école des sorciers", "FR", ""), aka("Harry Potter und der Stein der Weisen", "DE", "")),
		planted("WALL·E", "", 2008, 98, "Adventure,Animation,Family", 1200000, 8.4,
			aka("WALL-E", "", "")),
		planted("Léon: The Professional", "Léon", 1994, 110, "Action,Crime,Drama", 1200000, 8.5,
			aka("The Professional", "US", ""), aka("Léon", "FR", "")),
		planted("Crouching Tiger, Hidden Dragon", "Wo hu cang long", 2000, 120, "Action,Adventure,Drama", 280000, 7.9,
			aka("Tigre et Dragon", "FR", ""), aka("Tiger & Dragon", "DE", ""), aka("La tigre e il dragone", "IT", "")),
		planted("Pulp Fiction", "", 1994, 154, "Crime,Drama", 2200000, 8.9),
		planted("The Shawshank Redemption", "", 1994, 142, "Drama", 2900000, 9.3,
			aka("Les Évadés", "FR", ""), aka("Die Verurteilten", "DE", ""), aka("Le ali della libertà", "IT", ""), aka("Cadena perpetua", "ES", "")),
		planted("The Dark Knight", "", 2008, 152, "Action,Crime,Drama", 2900000, 9.0),
		planted("Forrest Gump", "", 1994, 142, "Drama,Romance", 2200000, 8.8),
		planted("Fight Club", "", 1999, 139, "Drama", 2300000, 8.8),
		planted("Inception", "", 2010, 148, "Action,Adventure,Sci-Fi", 2600000, 8.8),
		planted("The Matrix", "", 1999, 136, "Action,Sci-Fi", 2100000, 8.7),
		planted("Goodfellas", "", 1990, 145, "Biography,Crime,Drama", 1300000, 8.7,
			aka("Les Affranchis", "FR", ""), aka("Quei bravi ragazzi", "IT", "")),
		planted("Seven Samurai", "Shichinin no samurai", 1954, 207, "Action,Drama", 370000, 8.6,
			aka("Les Sept Samouraïs", "FR", ""), aka("Die sieben Samurai", "DE", "")),
		planted("City of God", "Cidade de Deus", 2002, 130, "Crime,Drama", 800000, 8.6),
		planted("Life Is Beautiful", "La vita è bella", 1997, 116, "Comedy,Drama,Romance", 740000, 8.6,
			aka("La vie est belle", "FR", ""), aka("Das Leben ist schön", "DE", "")),
		planted("Parasite", "Gisaengchung", 2019, 132, "Drama,Thriller", 1000000, 8.5),
		planted("Pan's Labyrinth", "El laberinto del fauno", 2006, 118, "Drama,Fantasy,War", 700000, 8.2,
			aka("Le Labyrinthe de Pan", "FR", "")),
		planted("Oldboy", "Oldeuboi", 2003, 120, "Action,Drama,Mystery", 640000, 8.3),
		planted("Das Boot", "", 1981, 149, "Drama,War", 260000, 8.4,
			aka("The Boat", "US", "")),
		planted("Run Lola Run", "Lola rennt", 1998, 81, "Crime,Drama,Thriller", 200000, 7.7,
			aka("Cours, Lola, cours", "FR", "")),
		planted("The Lives of Others", "Das Leben der Anderen", 2006, 137, "Drama,Mystery,Thriller", 400000, 8.4,
			aka("La Vie des autres", "FR", "")),
		planted("Downfall", "Der Untergang", 2004, 156, "Biography,Drama,History", 370000, 8.2),
		planted("Metropolis", "", 1927, 153, "Drama,Sci-Fi", 190000, 8.3),
		planted("M", "M - Eine Stadt sucht einen Mörder", 1931, 117, "Crime,Mystery,Thriller", 170000, 8.3,
			aka("M le maudit", "FR", "")),
		planted("Bicycle Thieves", "Ladri di biciclette", 1948, 89, "Drama", 180000, 8.3,
			aka("The Bicycle Thief", "US", ""), aka("Le Voleur de bicyclette", "FR", "")),
		planted("8½", "", 1963, 138, "Drama", 120000, 8.0,
			aka("Otto e mezzo", "IT", "")),
		planted("La Dolce Vita", "La dolce vita", 1960, 174, "Comedy,Drama", 80000, 8.0),
		planted("The 400 Blows", "Les quatre cents coups", 1959, 99, "Crime,Drama", 130000, 8.1),
		planted("Breathless", "À bout de souffle", 1960, 90, "Crime,Drama", 90000, 7.7),
		planted("Breathless", "", 1983, 100, "Crime,Drama,Romance", 20000, 5.6),
		planted("The Good, the Bad and the Ugly", "Il buono, il brutto, il cattivo", 1966, 178, "Adventure,Drama,Western", 800000, 8.8,
			aka("Le Bon, la Brute et le Truand", "FR", "")),
		planted("Once Upon a Time in the West", "C'era una volta il West", 1968, 165, "Western", 350000, 8.5),
		planted("Cinema Paradiso", "Nuovo Cinema Paradiso", 1988, 155, "Drama,Romance", 280000, 8.5),
		planted("Princess Mononoke", "Mononoke-hime", 1997, 134, "Action,Adventure,Animation", 430000, 8.3),
		planted("My Neighbor Totoro", "Tonari no Totoro", 1988, 86, "Animation,Comedy,Family", 370000, 8.1,
			aka("Mon voisin Totoro", "FR", "")),
		planted("Rashomon", "Rashômon", 1950, 88, "Crime,Drama,Mystery", 180000, 8.1),
		planted("In the Mood for Love", "Fa yeung nin wah", 2000, 98, "Drama,Romance", 170000, 8.1),
		planted("Hero", "Ying xiong", 2002, 120, "Action,Adventure,Drama", 190000, 7.9),
		planted("Hero", "", 1992, 117, "Comedy,Drama", 40000, 6.5),
		planted("The Intouchables", "Intouchables", 2011, 112, "Biography,Comedy,Drama", 900000, 8.5,
			aka("Ziemlich beste Freunde", "DE", ""), aka("Quasi amici", "IT", "")),
		planted("Three Colors: Red", "Trois couleurs: Rouge", 1994, 99, "Drama,Mystery,Romance", 100000, 8.1),
		planted("The Seventh Seal", "Det sjunde inseglet", 1957, 96, "Drama,Fantasy", 200000, 8.1),
		planted("Let the Right One In", "Låt den rätte komma in", 2008, 114, "Crime,Drama,Fantasy", 220000, 7.8),
		planted("The Hunt", "Jagten", 2012, 115, "Drama", 350000, 8.3),
		planted("The Hunt", "", 2020, 90, "Action,Horror,Thriller", 120000, 6.5),
		planted("Solaris", "Solyaris", 1972, 167, "Drama,Mystery,Sci-Fi", 100000, 8.0),
		planted("Solaris", "", 2002, 99, "Drama,Mystery,Romance", 90000, 6.2),
		planted("Titanic", "", 1997, 194, "Drama,Romance", 1300000, 7.9),
		planted("Titanic", "", 1953, 98, "Drama,History,Romance", 10000, 7.0),
		planted("King Kong", "", 1933, 100, "Adventure,Horror,Sci-Fi", 90000, 7.9),
		planted("King Kong", "", 2005, 187, "Action,Adventure,Drama", 440000, 7.2),
		planted("Scarface", "", 1983, 170, "Crime,Drama", 900000, 8.3),
		planted("Scarface", "", 1932, 93, "Action,Crime,Drama", 30000, 7.7),
		planted("Star Wars: Episode IV - A New Hope", "Star Wars", 1977, 121, "Action,Adventure,Fantasy", 1400000, 8.6,
			aka("Star Wars", "US", "")),
		planted("Dr. Strangelove or: How I Learned to Stop Worrying and Love the Bomb", "", 1964, 95, "Comedy,War", 520000, 8.4,
			aka("Dr. Strangelove", "", "")),
		planted("Ocean's Eleven", "", 2001, 116, "Crime,Thriller", 600000, 7.7),
		planted("Ocean's 11", "", 1960, 127, "Comedy,Crime,Music", 20000, 6.4),
		planted("Alien", "", 1979, 117, "Horror,Sci-Fi", 950000, 8.5),
		planted("Aliens", "", 1986, 137, "Action,Adventure,Sci-Fi", 760000, 8.4),
		planted("The Thing", "", 1982, 109, "Horror,Mystery,Sci-Fi", 470000, 8.2),
		planted("The Thing", "", 2011, 103, "Horror,Mystery,Sci-Fi", 150000, 6.2),
		planted("Casablanca", "", 1942, 102, "Drama,Romance,War", 600000, 8.5),
	}
}
