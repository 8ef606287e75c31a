-- Spanish full-text search of the public archive of answered information requests.
-- unaccent() is only STABLE (it reads its dictionary), so an IMMUTABLE wrapper that names the
-- dictionary explicitly lets the same normalisation run in a generated column and in queries.
create or replace function cabildo_unaccent(text) returns text
  language sql immutable parallel safe strict
  as $$ select public.unaccent('public.unaccent'::regdictionary, $1) $$;

-- The Spanish stemmer needs the accents ("inundación" → inund, "inundacion" stays whole), so the
-- vector holds both: the stems of the text as written, with their accents removed afterwards,
-- and the stems of the text without accents. Request text weighs A, the answer B.
create or replace function cabildo_search_vector(body text, answer text) returns tsvector
  language sql immutable parallel safe
  as $$ select cabildo_unaccent((setweight(to_tsvector('spanish', coalesce(body, '')), 'A')
                               || setweight(to_tsvector('spanish', coalesce(answer, '')), 'B'))::text)::tsvector
            || setweight(to_tsvector('spanish', cabildo_unaccent(coalesce(body, ''))), 'A')
            || setweight(to_tsvector('spanish', cabildo_unaccent(coalesce(answer, ''))), 'B') $$;

-- The same two normalisations of what a person typed (web-search syntax: "frase", -excluir, or).
create or replace function cabildo_search_query(q text) returns tsquery
  language sql immutable parallel safe strict
  as $$ select cabildo_unaccent(websearch_to_tsquery('spanish', q)::text)::tsquery
            || websearch_to_tsquery('spanish', cabildo_unaccent(q)) $$;

-- ARCO requests never get a vector: they can never match a search.
alter table information_requests add column search_vector tsvector
  generated always as (case when kind = 'information' then cabildo_search_vector(body, answer_text) end) stored;

create index information_requests_search on information_requests using gin (search_vector);
-- Archive listing: the answered information requests of a municipality, newest answer first.
create index information_requests_archive on information_requests (municipality_id, answered_on desc, id desc)
  where kind = 'information' and status in ('respondida', 'respondida_parcial', 'inexistente', 'clasificada', 'incompetente');
