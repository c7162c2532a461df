-- The job ledger: jobs, and the result of each of their chunks, recorded once. Portable between PostgreSQL and H2
-- (MODE=PostgreSQL;DATABASE_TO_LOWER=TRUE). Bounds: owner and job id as JobKey, request, plan and outcome as
-- NewJob.MAX_TEXT_LENGTH; a chunk's numbers are plain decimals, a few thousand characters at the default number limits
-- and some 300,000 at their largest (cumulus.numbers.max-digits and max-scale at 100000).
create table jobs (
    owner varchar(128) not null,
    job_id varchar(64) not null,
    fingerprint varchar(128) not null,
    request varchar(262144) not null,
    plan varchar(262144) not null,
    chunk_count int not null,
    -- a JobState's name, written only by the store
    state varchar(16) not null,
    created_at timestamp with time zone not null,
    deadline timestamp with time zone not null,
    expires_at timestamp with time zone not null,
    lease_holder varchar(128),
    lease_until timestamp with time zone,
    cancel_requested boolean not null default false,
    runs int not null default 1,
    retries bigint not null default 0,
    hedges bigint not null default 0,
    outcome varchar(262144),
    finished_at timestamp with time zone,
    constraint jobs_pkey primary key (owner, job_id)
);
-- countUnfinished: an owner's jobs by state
create index jobs_owner_state on jobs (owner, state, expires_at);
-- purgeExpired
create index jobs_expires_at on jobs (expires_at);

-- The primary key is what records a chunk once: an insert of a recorded index does nothing.
create table job_chunks (
    owner varchar(128) not null,
    job_id varchar(64) not null,
    idx int not null,
    chunk_offset bigint not null,
    chunk_length bigint not null,
    value_count bigint not null,
    sum_text varchar(320000) not null,
    min_text varchar(320000),
    max_text varchar(320000),
    attempts int not null,
    constraint job_chunks_pkey primary key (owner, job_id, idx),
    constraint job_chunks_job_fkey foreign key (owner, job_id) references jobs (owner, job_id) on delete cascade
);
