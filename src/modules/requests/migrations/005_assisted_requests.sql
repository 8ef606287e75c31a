-- A request filed by staff on behalf of a person (at an office, a hearing, on the phone): who
-- assisted, so dashboards can count assisted filings. Never public (it names a staff account).
alter table service_requests add column assisted_by_user_id integer references users(id) on delete set null;
-- Breakdowns by channel and colonia (staff dashboard, open data).
create index service_requests_by_channel on service_requests (municipality_id, channel, colonia_id);
