-- Legal profiles: the terms (in business days) that a transparency or personal-data law sets,
-- each with the article that sets it. Numbers live here, never in code.
--
-- A reform never edits an existing row: a new law (e.g. the 2025 general laws) is a NEW row
-- with its own id and `in_force_from`, and each municipality records from which date it applies
-- (municipal_legal_profiles.since). A request keeps the profile in force on the day it was
-- received, so old requests keep their old terms.
--
-- Articles that could not be checked against the published text say "art. por verificar".
create table legal_profiles (
  id text primary key check (id ~ '^[a-z0-9][a-z0-9-]{1,40}$'),
  name text not null,
  law text not null,
  kind text not null check (kind in ('information', 'arco')),
  in_force_from date not null,
  response_days integer not null check (response_days between 1 and 120),
  response_article text not null,
  extension_days integer not null check (extension_days between 0 and 120),
  extension_article text not null,
  extension_approved_by text not null,
  prevention_days integer not null check (prevention_days between 0 and 60),
  prevention_article text not null,
  clarify_days integer not null check (clarify_days between 0 and 60),
  clarify_article text not null,
  incompetence_days integer not null check (incompetence_days between 0 and 60),
  incompetence_article text not null,
  recurso_days integer not null check (recurso_days between 1 and 120),
  recurso_article text not null,
  -- ARCO only: days to make a granted right effective after the answer is notified.
  made_effective_days integer check (made_effective_days between 1 and 120),
  made_effective_article text,
  check ((kind = 'arco') = (made_effective_days is not null))
);
-- Reference data: the test harness keeps it when it empties tenant tables.
comment on table legal_profiles is 'reference data';

insert into legal_profiles values
  ('lgtaip-2015', 'Ley General de Transparencia (2015)',
   'Ley General de Transparencia y Acceso a la Información Pública (DOF 4 de mayo de 2015)', 'information', '2015-05-05',
   20, 'art. 132', 10, 'art. 132', 'Comité de Transparencia',
   5, 'art. 128', 10, 'art. 128', 3, 'art. 136', 15, 'art. 142', null, null),
  ('edomex-2016', 'Ley de Transparencia del Estado de México (2016)',
   'Ley de Transparencia y Acceso a la Información Pública del Estado de México y Municipios (Gaceta del Gobierno, 4 de mayo de 2016)', 'information', '2016-05-05',
   15, 'art. 163', 7, 'art. 163', 'Comité de Transparencia',
   5, 'art. por verificar', 10, 'art. por verificar', 3, 'art. por verificar', 15, 'art. por verificar', null, null),
  ('arco-2017', 'Ley General de Datos Personales (2017), derechos ARCO',
   'Ley General de Protección de Datos Personales en Posesión de Sujetos Obligados (DOF 26 de enero de 2017)', 'arco', '2017-01-27',
   20, 'art. 51', 10, 'art. 51', 'Comité de Transparencia',
   5, 'art. 52', 10, 'art. 52', 3, 'art. por verificar', 15, 'art. por verificar', 15, 'art. 51');

-- The profile a municipality applies to each kind of request, from a date. With no row the
-- general laws apply (lgtaip-2015 for information, arco-2017 for ARCO).
create table municipal_legal_profiles (
  municipality_id integer not null references municipalities(id),
  kind text not null check (kind in ('information', 'arco')),
  since date not null,
  profile_id text not null references legal_profiles(id),
  created_at timestamptz not null default now(),
  primary key (municipality_id, kind, since)
);
