-- Append-only, hash-chained audit log of every staff action.
-- One chain per municipality (chain_id = municipality id; 0 = the platform chain for actions
-- outside any municipality), so a national deployment can distribute the table by chain_id.
-- No foreign key to municipalities: the platform chain has no municipality row.
-- occurred_at is written by the application with millisecond precision and hashed as an
-- ISO-8601 UTC string, so the verifier recomputes the same text on PGlite and PostgreSQL.
create table audit_log (
  chain_id integer not null check (chain_id >= 0),
  seq bigint not null check (seq >= 1),
  occurred_at timestamptz not null,
  actor_user_id integer,
  actor_label text not null,
  action text not null check (length(action) between 1 and 120),
  subject_type text not null check (length(subject_type) between 1 and 120),
  subject_id text,
  details jsonb not null default '{}'::jsonb,
  prev_hash char(64) not null,
  hash char(64) not null,
  primary key (chain_id, seq)
);
create index audit_log_subject on audit_log (chain_id, subject_type, subject_id);
create index audit_log_actor on audit_log (chain_id, actor_user_id);

-- Rows can be added, never changed or removed. TRUNCATE is deliberately not blocked: the test
-- harness empties every table with TRUNCATE between tests. Only the table owner can truncate,
-- so in production the application should connect with a role that does not own audit_log.
create function audit_log_refuse_change() returns trigger language plpgsql as $$
begin
  raise exception 'La bitácora de auditoría no admite % (solo se pueden agregar registros)', tg_op
    using errcode = 'insufficient_privilege';
end;
$$;
create trigger audit_log_append_only
  before update or delete on audit_log
  for each row execute function audit_log_refuse_change();
