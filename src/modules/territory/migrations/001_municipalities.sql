-- The tenant core: every Mexican state and municipality from the INEGI catalogue.
-- A municipality's id is its 5-digit INEGI key as an integer (11020 = León), stable and
-- recognisable; it leads the key of every tenant table (municipality_id).
create table states (
  code char(2) primary key,
  name text not null,
  abbreviation text not null
);

create table municipalities (
  id integer primary key check (id between 1001 and 32999),
  state_code char(2) not null references states(code),
  code char(3) not null,
  name text not null,
  seat_name text,
  population integer,
  dwellings integer,
  -- Set when a municipality is activated on Cabildo.
  slug text unique check (slug ~ '^[a-z0-9]+(-[a-z0-9]+)*$'),
  active boolean not null default false,
  time_zone text not null default 'America/Mexico_City',
  folio_prefix text check (folio_prefix ~ '^[A-Z0-9]{2,12}$'),
  settings jsonb not null default '{}'::jsonb,
  activated_at timestamptz,
  created_at timestamptz not null default now(),
  updated_at timestamptz not null default now(),
  unique (state_code, code),
  check (not active or (slug is not null and folio_prefix is not null))
);
create index municipalities_name_trgm on municipalities using gin (name gin_trgm_ops);
