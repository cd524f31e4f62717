-- moviebot knowledge base, schema version 3.
--
-- Every record keeps the documents it came from in a `sources` column: a JSON
-- array of document names (documents.name). The films.doc column holds the
-- film's scalar fields and its short lists (attributes, scores, money,
-- releases, companies, similar films, based-on work) as JSON; the records
-- people ask for one by one (credits, awards, quotes, reviews, plot, facts)
-- have tables of their own.

CREATE TABLE meta (
	key   TEXT PRIMARY KEY,
	value TEXT NOT NULL
);

-- The pages the knowledge base was built from, kept whole so that a later
-- ingest can rebuild everything with newer parsers and merging rules.
CREATE TABLE documents (
	id      INTEGER PRIMARY KEY,
	name    TEXT NOT NULL UNIQUE,
	kind    TEXT NOT NULL,
	sha256  TEXT NOT NULL UNIQUE,
	bytes   INTEGER NOT NULL,
	text    TEXT NOT NULL,
	film_id INTEGER REFERENCES films(id)
);

-- A film comes from pages (origin 'pages') or from the IMDb dataset
-- catalogue (origin 'imdb', id = the numeric part of its tconst). When pages
-- describe a catalogue film, the merged film is a 'pages' row linked by
-- imdb_id, and the catalogue row is hidden: it stays, untouched, so that any
-- later rebuild can merge again from the same catalogue.
CREATE TABLE films (
	id              INTEGER PRIMARY KEY,
	origin          TEXT NOT NULL DEFAULT 'pages',
	imdb_id         INTEGER,
	hidden          INTEGER NOT NULL DEFAULT 0,
	title           TEXT NOT NULL,
	year            INTEGER NOT NULL DEFAULT 0,
	runtime_minutes INTEGER NOT NULL DEFAULT 0,
	rating          TEXT NOT NULL DEFAULT '',
	-- popularity ranks namesakes: a vote count where a page gives one.
	popularity      INTEGER NOT NULL DEFAULT 0,
	doc             TEXT NOT NULL
);

-- Every title a film is known by, in display and folded (search) form.
CREATE TABLE titles (
	film_id INTEGER NOT NULL REFERENCES films(id),
	title   TEXT NOT NULL,
	folded  TEXT NOT NULL,
	kind    TEXT NOT NULL -- 'primary' or 'alternative'
);

-- People from the catalogue have id = the numeric part of their nconst and
-- origin 'imdb'; people only pages name have origin 'pages'.
CREATE TABLE people (
	id     INTEGER PRIMARY KEY,
	name   TEXT NOT NULL,
	folded TEXT NOT NULL,
	origin TEXT NOT NULL DEFAULT 'pages'
);

CREATE TABLE credits (
	film_id     INTEGER NOT NULL REFERENCES films(id),
	person_id   INTEGER NOT NULL REFERENCES people(id),
	kind        TEXT NOT NULL, -- 'cast' or 'crew'
	job         TEXT NOT NULL DEFAULT '',
	character   TEXT NOT NULL DEFAULT '',
	billing     INTEGER NOT NULL DEFAULT 0,
	credited_as TEXT NOT NULL DEFAULT '',
	variants    TEXT NOT NULL DEFAULT '[]',
	description TEXT NOT NULL DEFAULT '',
	sources     TEXT NOT NULL
);

CREATE TABLE awards (
	film_id   INTEGER NOT NULL REFERENCES films(id),
	ord       INTEGER NOT NULL,
	body      TEXT NOT NULL,
	category  TEXT NOT NULL,
	recipient TEXT NOT NULL DEFAULT '',
	result    TEXT NOT NULL CHECK (result IN ('won', 'nominated')),
	year      INTEGER NOT NULL DEFAULT 0,
	sources   TEXT NOT NULL
);

CREATE TABLE quotes (
	id        INTEGER PRIMARY KEY,
	film_id   INTEGER NOT NULL REFERENCES films(id),
	character TEXT NOT NULL DEFAULT '',
	text      TEXT NOT NULL,
	context   TEXT NOT NULL DEFAULT '',
	sources   TEXT NOT NULL
);

CREATE TABLE reviews (
	id          INTEGER PRIMARY KEY,
	film_id     INTEGER NOT NULL REFERENCES films(id),
	site        TEXT NOT NULL,
	kind        TEXT NOT NULL,
	author      TEXT NOT NULL DEFAULT '',
	publication TEXT NOT NULL DEFAULT '',
	date        TEXT NOT NULL DEFAULT '',
	score       TEXT NOT NULL DEFAULT '',
	score_value REAL NOT NULL DEFAULT 0,
	score_max   REAL NOT NULL DEFAULT 0,
	title       TEXT NOT NULL DEFAULT '',
	text        TEXT NOT NULL,
	helpful     INTEGER NOT NULL DEFAULT 0,
	helpful_of  INTEGER NOT NULL DEFAULT 0,
	top_critic  INTEGER NOT NULL DEFAULT 0,
	spoiler     INTEGER NOT NULL DEFAULT 0,
	sources     TEXT NOT NULL
);

CREATE TABLE plot (
	film_id INTEGER NOT NULL REFERENCES films(id),
	ord     INTEGER NOT NULL,
	heading TEXT NOT NULL DEFAULT '',
	text    TEXT NOT NULL,
	spoiler INTEGER NOT NULL,
	premise INTEGER NOT NULL DEFAULT 0,
	sources TEXT NOT NULL
);

CREATE TABLE facts (
	film_id INTEGER NOT NULL REFERENCES films(id),
	ord     INTEGER NOT NULL,
	kind    TEXT NOT NULL,
	text    TEXT NOT NULL,
	spoiler INTEGER NOT NULL,
	sources TEXT NOT NULL
);

-- Data derived from the rest at build time, such as the search indexes,
-- stored so that a server loads it instead of computing it at start-up.
-- Each blob is kept in chunks of about a megabyte, read back as a stream:
-- a server never holds a whole index twice, and SQLite never assembles one
-- huge value.
CREATE TABLE blobs (
	name TEXT NOT NULL,
	seq  INTEGER NOT NULL,
	data BLOB NOT NULL,
	PRIMARY KEY (name, seq)
);
