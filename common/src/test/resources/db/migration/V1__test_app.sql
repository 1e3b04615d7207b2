CREATE TABLE note (
    id         uuid PRIMARY KEY,
    text       varchar(200) NOT NULL,
    created_at timestamptz  NOT NULL
);
-- How many times the note-created handler applied its effect to a note: must stay 1.
CREATE TABLE note_effect (
    note_id uuid PRIMARY KEY,
    applied integer NOT NULL
);
