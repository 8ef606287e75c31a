-- Spanish full-text search needs unaccent; similar-text lookups need pg_trgm.
create extension if not exists pg_trgm;
create extension if not exists unaccent;
