-- Background jobs (src/platform/jobs.ts): one row per job with its last run, so every app
-- process sharing the database knows when the job last ran (it runs once per interval across
-- all of them) and an operator can see whether it failed. Platform-wide, not a tenant table:
-- a job covers every municipality.
create table job_runs (
  job_name text primary key check (length(job_name) between 1 and 120),
  last_started_at timestamptz not null,
  last_finished_at timestamptz not null,
  last_outcome text not null check (last_outcome in ('ok', 'error')),
  -- What the run did ("3 recordatorios, 1 escalamiento") or the error message.
  last_summary text not null default '',
  -- host:pid of the process that ran it.
  last_process text not null,
  run_count bigint not null default 0,
  error_count bigint not null default 0,
  last_error_at timestamptz
);
