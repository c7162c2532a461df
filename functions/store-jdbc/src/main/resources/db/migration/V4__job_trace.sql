-- The W3C trace context of the request that submitted a job, which every run of the job continues (its spans and the
-- traceparent its chunk calls send). Only the two values, checked by TraceContext: traceparent is always 55
-- characters, tracestate at most 512 (the W3C limit a receiver may hold to). Null for a job submitted without one, and
-- for the jobs submitted before these columns existed.
alter table jobs add column traceparent varchar(55);
alter table jobs add column tracestate varchar(512);
