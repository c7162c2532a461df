-- Accounts. Portable between PostgreSQL and H2 (MODE=PostgreSQL;DATABASE_TO_LOWER=TRUE).
-- username holds the normalised name; its unique constraint is what makes two registrations of one name give one account.
create table users (
    id uuid primary key,
    username varchar(64) not null,
    email varchar(254),
    password_hash varchar(255) not null,
    created_at timestamp with time zone not null,
    failed_logins int not null default 0,
    locked_until timestamp with time zone,
    constraint users_username_key unique (username)
);
