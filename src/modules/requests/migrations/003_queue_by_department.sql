-- The staff queue filtered by department (department staff's default view) over any status.
create index service_requests_by_department on service_requests (municipality_id, department_id, status, due_at);
