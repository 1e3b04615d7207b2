CREATE TABLE corporation (
    id              uuid PRIMARY KEY,
    name            varchar(200) NOT NULL,
    plan_type       varchar(10)  NOT NULL CHECK (plan_type IN ('FREE', 'PAID')),
    plan_expired_at timestamptz,
    created_at      timestamptz  NOT NULL,
    updated_at      timestamptz  NOT NULL
);
CREATE UNIQUE INDEX corporation_name_key ON corporation (lower(name));

CREATE TABLE app_user (
    id             uuid PRIMARY KEY,
    email          varchar(254),
    username       varchar(50)  NOT NULL,
    name           varchar(100),
    password_hash  varchar(100) NOT NULL,
    role           varchar(20)  NOT NULL CHECK (role IN ('admin', 'guest')),
    corporation_id uuid REFERENCES corporation (id) ON DELETE SET NULL,
    is_active      boolean      NOT NULL,
    created_at     timestamptz  NOT NULL,
    updated_at     timestamptz  NOT NULL
);
CREATE UNIQUE INDEX app_user_email_key ON app_user (lower(email));
CREATE UNIQUE INDEX app_user_username_key ON app_user (lower(username));
CREATE INDEX app_user_corporation_idx ON app_user (corporation_id);

-- Refresh tokens are stored only as SHA-256 hashes; a family is one login's chain of rotations.
CREATE TABLE refresh_token (
    id          uuid PRIMARY KEY,
    user_id     uuid        NOT NULL REFERENCES app_user (id) ON DELETE CASCADE,
    family_id   uuid        NOT NULL,
    token_hash  varchar(64) NOT NULL UNIQUE,
    expires_at  timestamptz NOT NULL,
    created_at  timestamptz NOT NULL,
    used_at     timestamptz,
    revoked_at  timestamptz
);
CREATE INDEX refresh_token_family_idx ON refresh_token (family_id);
CREATE INDEX refresh_token_user_idx ON refresh_token (user_id);
CREATE INDEX refresh_token_expires_idx ON refresh_token (expires_at);
