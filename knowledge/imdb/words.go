package imdb

// Word lists for synthetic titles and names. They are short on purpose: a
// million titles drawn from them share words and repeat whole titles in
// different years, as real namesakes do.

// genreList lists IMDb's genres, in the alphabetical order IMDb writes them.
var genreList = []string{
	"Action", "Adult", "Adventure", "Animation", "Biography", "Comedy", "Crime",
	"Documentary", "Drama", "Family", "Fantasy", "Film-Noir", "Game-Show", "History",
	"Horror", "Music", "Musical", "Mystery", "News", "Reality-TV", "Romance",
	"Sci-Fi", "Short", "Sport", "Talk-Show", "Thriller", "War", "Western",
}

// genreWeights skews synthetic genres toward the common ones (indexes into
// genreList, repeated by weight).
var genreWeights = []uint8{
	0, 0, 0, 2, 2, 3, 4, 5, 5, 5, 5, 6, 6, 6, 7, 7, 7, 8, 8, 8, 8, 8, 8, 8, 9, 10,
	11, 13, 14, 14, 14, 15, 16, 17, 17, 20, 20, 20, 21, 21, 23, 25, 25, 25, 26, 27,
	1, 12, 18, 19, 22, 24,
}

var adjectives = []string{
	"Dark", "Last", "Lost", "Silent", "Red", "Black", "White", "Golden", "Broken",
	"Hidden", "Wild", "Little", "Long", "Secret", "Final", "Blue", "Cold", "Deadly",
	"Eternal", "Forgotten", "Perfect", "Savage", "Strange", "Sweet", "American",
	"Crimson", "Burning", "Hollow", "Quiet", "Endless", "First", "Second", "Frozen",
	"Invisible", "Lonely", "Midnight", "Northern", "Naked", "Holy", "Bitter",
	"Electric", "Dangerous", "Wicked", "Young", "Beautiful", "Empty", "Iron",
	"Shadow", "Falling", "Lucky", "Big", "Brave", "Fast", "Green", "Happy",
}

var nouns = []string{
	"Night", "Love", "City", "Return", "Blood", "Summer", "House", "River", "Road",
	"Dream", "Heart", "Game", "Man", "Woman", "Girl", "Boy", "King", "Queen",
	"Storm", "Fire", "Water", "Secret", "Stranger", "Hunter", "Killer", "Ghost",
	"Angel", "Devil", "Empire", "Island", "Mountain", "Ocean", "Star", "Moon",
	"Sun", "Wind", "Silence", "Shadow", "Mirror", "Garden", "Window", "Door",
	"Train", "Ship", "Kingdom", "War", "Peace", "Time", "Memory", "Promise",
	"Escape", "Revenge", "Journey", "Legend", "Witness", "Prisoner", "Soldier",
	"Doctor", "Teacher", "Family", "Father", "Mother", "Brother", "Sister",
	"Daughter", "Son", "Wedding", "Funeral", "Party", "Winter", "Spring",
	"Autumn", "Morning", "Evening", "Truth", "Lie", "Letter", "Song", "Dance",
	"Horse", "Wolf", "Bird", "Snake", "Dog", "Cat", "Line", "Edge", "Border",
	"Sky", "Earth", "Planet", "Machine", "Code", "Signal", "Experiment",
	"Affair", "Bridge", "Tower", "Castle", "Street", "Valley", "Desert", "Forest",
	"Harbor", "Station", "Hotel", "Circus", "Trap", "Hunt", "Heist", "Job",
	"Deal", "Verdict", "Sacrifice", "Bride", "Widow", "Thief", "Saint", "Sinner",
}

var places = []string{
	"Paris", "Rome", "Tokyo", "Berlin", "Vegas", "Texas", "Chicago", "Brooklyn",
	"Harlem", "Havana", "Cairo", "Casablanca", "Vienna", "Madrid", "Venice",
	"Shanghai", "Bombay", "Alaska", "Montana", "Nowhere", "Heaven", "Hell",
	"Manhattan", "Hong Kong", "Rio", "Moscow", "London", "Sahara", "Dublin",
}

// accented words give a small share of synthetic titles the diacritics an
// importer must fold for search.
var accented = []string{
	"Café", "Noël", "Señor", "Señorita", "Mädchen", "Déjà Vu", "Naïve", "Fiancé",
	"Résumé", "Piñata", "Über", "São Paulo", "Zürich", "Málaga", "Bogotá",
	"Ångström", "Smörgåsbord", "Crème Brûlée", "L'Été", "Ça", "Niño", "Corazón",
	"Fräulein", "Côte d'Azur", "Éclair",
}

var romans = []string{"II", "III", "IV", "2", "3", "Part II", "Returns", "Reloaded"}

// foreign holds, per language, articles, nouns and adjectives for
// "original" titles of non-English films and for localized akas.
var foreign = []struct {
	region, lang string
	articles     []string
	nouns        []string
	adjs         []string
}{
	{"FR", "fr", []string{"Le", "La", "Les", "L'"}, []string{"Nuit", "Amour", "Ville", "Retour", "Sang", "Été", "Maison", "Rivière", "Rêve", "Cœur", "Jeu", "Étranger", "Fantôme", "Mémoire", "Château", "Forêt", "Fenêtre", "Chasseur", "Trésor", "Mariée"}, []string{"noir", "perdu", "dernier", "secret", "éternel", "rouge", "sauvage", "étrange", "brûlé", "oublié"}},
	{"DE", "de", []string{"Der", "Die", "Das"}, []string{"Nacht", "Liebe", "Stadt", "Rückkehr", "Blut", "Sommer", "Haus", "Fluss", "Traum", "Herz", "Spiel", "Fremde", "Geist", "Schloss", "Wald", "Mädchen", "Jäger", "Brücke", "Straße", "Grenze"}, []string{"dunkle", "letzte", "verlorene", "stille", "rote", "schwarze", "ewige", "fremde", "große", "kühle"}},
	{"ES", "es", []string{"El", "La", "Los", "Las"}, []string{"Noche", "Amor", "Ciudad", "Regreso", "Sangre", "Verano", "Casa", "Río", "Sueño", "Corazón", "Juego", "Extraño", "Fantasma", "Memoria", "Castillo", "Bosque", "Niño", "Cazador", "Puente", "Camión"}, []string{"oscuro", "último", "perdido", "secreto", "eterno", "rojo", "salvaje", "extraño", "dorado", "olvidado"}},
	{"IT", "it", []string{"Il", "La", "I", "Le"}, []string{"Notte", "Amore", "Città", "Ritorno", "Sangue", "Estate", "Casa", "Fiume", "Sogno", "Cuore", "Gioco", "Straniero", "Fantasma", "Memoria", "Castello", "Bosco", "Ragazzo", "Cacciatore", "Ponte", "Libertà"}, []string{"oscuro", "ultimo", "perduto", "segreto", "eterno", "rosso", "selvaggio", "strano", "dorato", "dimenticato"}},
	{"JP", "ja", nil, []string{"Yoru", "Ai", "Machi", "Kikan", "Chi", "Natsu", "Ie", "Kawa", "Yume", "Kokoro", "Kaze", "Hoshi", "Tsuki", "Umi", "Yama", "Kage", "Hana", "Sora", "Mori", "Shiro"}, []string{"no", "to", "no", "no", "to", "no", "no", "no", "to", "no"}},
	{"SE", "sv", nil, []string{"Natten", "Kärleken", "Staden", "Återkomsten", "Blodet", "Sommaren", "Huset", "Älven", "Drömmen", "Hjärtat", "Leken", "Främlingen", "Spöket", "Minnet", "Slottet", "Skogen", "Flickan", "Jägaren", "Bron", "Gränsen"}, []string{"mörka", "sista", "förlorade", "tysta", "röda", "svarta", "eviga", "främmande", "stora", "kalla"}},
	{"BR", "pt", []string{"O", "A", "Os", "As"}, []string{"Noite", "Amor", "Cidade", "Retorno", "Sangue", "Verão", "Casa", "Rio", "Sonho", "Coração", "Jogo", "Estranho", "Fantasma", "Memória", "Castelo", "Floresta", "Menino", "Caçador", "Ponte", "Ilha"}, []string{"escuro", "último", "perdido", "secreto", "eterno", "vermelho", "selvagem", "estranho", "dourado", "esquecido"}},
}

var maleNames = []string{
	"John", "James", "Robert", "Michael", "William", "David", "Richard", "Joseph",
	"Thomas", "Charles", "Daniel", "Matthew", "Anthony", "Mark", "Paul", "Steven",
	"Andrew", "Kenneth", "Kevin", "Brian", "George", "Edward", "Ronald", "Timothy",
	"Jason", "Jeffrey", "Ryan", "Jacob", "Gary", "Nicholas", "Eric", "Jonathan",
	"Stephen", "Larry", "Justin", "Scott", "Frank", "Benjamin", "Gregory", "Samuel",
	"Raymond", "Patrick", "Alexander", "Jack", "Dennis", "Jerry", "Tyler", "Aaron",
	"Henry", "Peter", "Walter", "Harold", "Carl", "Arthur", "Roger", "Hans", "Pierre",
	"Giuseppe", "Kenji", "Luis",
}

var femaleNames = []string{
	"Mary", "Patricia", "Jennifer", "Linda", "Elizabeth", "Barbara", "Susan",
	"Jessica", "Sarah", "Karen", "Nancy", "Lisa", "Betty", "Margaret", "Sandra",
	"Ashley", "Kimberly", "Emily", "Donna", "Michelle", "Dorothy", "Carol",
	"Amanda", "Melissa", "Deborah", "Stephanie", "Rebecca", "Sharon", "Laura",
	"Cynthia", "Kathleen", "Amy", "Shirley", "Angela", "Helen", "Anna", "Brenda",
	"Pamela", "Nicole", "Emma", "Samantha", "Katherine", "Christine", "Debra",
	"Rachel", "Catherine", "Carolyn", "Janet", "Ruth", "Maria", "Heather", "Diane",
	"Virginia", "Julie", "Joyce", "Victoria", "Olivia", "Greta", "Yuki", "Sofia",
}

var accentedFirst = []string{
	"José", "Zoë", "Björn", "François", "Łukasz", "Søren", "Renée", "Andrés",
	"Chloé", "Jürgen", "Inés", "Håkan", "Ángel", "Céline", "Mónica", "Dário",
	"Ēriks", "Nuño", "Thérèse", "Gaëlle",
}

var lastNames = []string{
	"Smith", "Johnson", "Williams", "Brown", "Jones", "Garcia", "Miller", "Davis",
	"Rodriguez", "Martinez", "Hernandez", "Lopez", "Gonzalez", "Wilson", "Anderson",
	"Thomas", "Taylor", "Moore", "Jackson", "Martin", "Lee", "Perez", "Thompson",
	"White", "Harris", "Sanchez", "Clark", "Ramirez", "Lewis", "Robinson", "Walker",
	"Young", "Allen", "King", "Wright", "Scott", "Torres", "Nguyen", "Hill",
	"Flores", "Green", "Adams", "Nelson", "Baker", "Hall", "Rivera", "Campbell",
	"Mitchell", "Carter", "Roberts", "Gomez", "Phillips", "Evans", "Turner", "Diaz",
	"Parker", "Cruz", "Edwards", "Collins", "Reyes", "Stewart", "Morris", "Morales",
	"Murphy", "Cook", "Rogers", "Gutierrez", "Ortiz", "Morgan", "Cooper", "Peterson",
	"Bailey", "Reed", "Kelly", "Howard", "Ramos", "Kim", "Cox", "Ward", "Richardson",
	"Watson", "Brooks", "Chavez", "Wood", "James", "Bennett", "Gray", "Mendoza",
	"Ruiz", "Hughes", "Price", "Alvarez", "Castillo", "Sanders", "Patel", "Myers",
	"Long", "Ross", "Foster", "Jimenez", "Tanaka", "Suzuki", "Rossi", "Bianchi",
	"Müller", "Schmidt", "Dubois", "Lefèvre", "Kowalski", "Novák", "Johansson",
	"Larsson", "Ivanov", "Petrov", "O'Brien", "O'Connor", "McDonald", "Núñez",
	"Åberg", "Sørensen", "Gómez", "Pérez",
}

var charTitles = []string{"Detective", "Dr.", "Captain", "Mrs.", "Mr.", "Officer", "Young", "Old", "Sister", "Uncle", "Agent", "Sheriff"}

var charRoles = []string{"Narrator", "Bartender", "Nurse", "Waitress", "Cop", "Priest", "Taxi Driver", "The Stranger", "Landlord", "Reporter", "Guard", "Soldier", "Mother", "Father", "Little Girl", "Man in Bar", "Himself", "Herself"}

var writerJobs = []string{"screenplay", "novel", "story", "written by", "characters", "play", "short story"}
