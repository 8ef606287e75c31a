-- E-mail notifications of public request events: one row per event once a process has claimed
-- it, so two app processes listening to the same bus never send the same message twice.
create table request_notifications_sent (
  municipality_id integer not null,
  request_id bigint not null,
  event_id bigint not null,
  sent_at timestamptz not null default now(),
  primary key (municipality_id, request_id, event_id),
  foreign key (municipality_id, request_id, event_id) references request_events(municipality_id, request_id, id) on delete cascade
);

-- Confirmed subscribers of a colonia are read on every new request there.
create index request_subscriptions_target on request_subscriptions (municipality_id, target_kind, target_id) where confirmed_at is not null and unsubscribed_at is null;
