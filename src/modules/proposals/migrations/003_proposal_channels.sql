-- Proposals arrive on every channel, like citizen requests: the web ('online'), an in-person
-- session ('in_person'), a field brigade, an open hearing, an office, the phone.
alter table proposals drop constraint proposals_channel_check;
alter table proposals add constraint proposals_channel_check
  check (channel in ('online', 'in_person', 'brigade', 'hearing', 'office', 'phone'));
