-- "The newest open requests" (Open311's default read, the public list) in index order: the
-- scan stops after the page instead of sorting every open request of the period.
create index service_requests_open_by_service on service_requests (municipality_id, service_id, created_at desc, id desc)
  where status in ('recibida', 'asignada', 'en_proceso');
create index service_requests_open_newest on service_requests (municipality_id, created_at desc, id desc)
  where status in ('recibida', 'asignada', 'en_proceso');
