-- A municipality's días inhábiles: ranges of dates its offices declared non-working (Semana
-- Santa, the patron saint's day…). They only have legal effect once published, so the official
-- notice (gaceta, acuerdo de cabildo) is required.
create table municipal_non_working_days (
  municipality_id integer not null references municipalities(id),
  id bigint generated always as identity,
  starts_on date not null,
  ends_on date not null,
  reason text not null check (length(btrim(reason)) between 1 and 300),
  official_notice text not null check (length(btrim(official_notice)) between 1 and 500),
  notice_url text check (notice_url ~ '^https?://'),
  -- accounts come after the calendar in module order, so no foreign key to users.
  created_by_user_id integer,
  created_by_label text not null,
  created_at timestamptz not null default now(),
  primary key (municipality_id, id),
  check (ends_on >= starts_on),
  check (ends_on - starts_on < 366)
);
create index municipal_non_working_days_range on municipal_non_working_days (municipality_id, starts_on, ends_on);

-- Per-municipality calendar settings; a municipality without a row uses the defaults.
create table calendar_settings (
  municipality_id integer not null references municipalities(id),
  -- A submission at or after this local time counts as received the next business day.
  cutoff_time time not null default '18:00',
  updated_at timestamptz not null default now(),
  primary key (municipality_id),
  check (cutoff_time > '00:00')
);
