-- Indexes of the knowledge base, created after the tables are filled: a bulk
-- load into unindexed tables and one sort per index at the end is much
-- faster than keeping every index up to date row by row.
CREATE INDEX titles_film ON titles(film_id);
CREATE INDEX titles_folded ON titles(folded);
CREATE INDEX people_folded ON people(folded);
CREATE INDEX credits_film ON credits(film_id, kind, billing);
CREATE INDEX credits_person ON credits(person_id);
CREATE INDEX awards_film ON awards(film_id);
CREATE INDEX quotes_film ON quotes(film_id);
CREATE INDEX reviews_film ON reviews(film_id, site, kind);
CREATE INDEX plot_film ON plot(film_id, ord);
CREATE INDEX facts_film ON facts(film_id, ord);
