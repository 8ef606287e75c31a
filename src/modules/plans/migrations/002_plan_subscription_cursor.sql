-- Which public milestone events the subscribers' e-mail job (plans.subscription-notices) has
-- already announced: one row per event, claimed in the same transaction that sends its e-mails,
-- so an event is announced at most once even if two processes run the job. A claim per event
-- rather than one "last event id" per municipality: identity values are handed out before their
-- transactions commit, so a cursor could step over an event committed a moment later.
create table plan_event_notices (
  municipality_id integer not null,
  event_id bigint not null,
  recipients integer not null default 0 check (recipients >= 0),
  sent_at timestamptz not null default now(),
  primary key (municipality_id, event_id),
  foreign key (municipality_id, event_id) references plan_milestone_events(municipality_id, id) on delete cascade
);
