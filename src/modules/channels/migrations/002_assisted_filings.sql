-- Assisted filing (helper D): staff file a request on behalf of a person at an office, at a
-- hearing or on the phone. The request keeps its channel and who assisted (service_requests);
-- this keeps where it happened, so the dashboard can count assisted filings per office.
create table assisted_filings (
  municipality_id integer not null,
  request_id bigint not null,
  -- The office where the person was attended (null on the phone, or once the office is deleted).
  office_id integer,
  created_at timestamptz not null default now(),
  primary key (municipality_id, request_id),
  foreign key (municipality_id, request_id) references service_requests(municipality_id, id) on delete cascade,
  foreign key (municipality_id, office_id) references service_offices(municipality_id, id) on delete set null (office_id)
);
create index assisted_filings_by_office on assisted_filings (municipality_id, office_id);
