-- records of a chunk passed over for want of a value (a CSV or JSON Lines format with missing: skip); not in
-- value_count. Chunks recorded before this column existed skipped nothing.
alter table job_chunks add column skipped bigint not null default 0;
