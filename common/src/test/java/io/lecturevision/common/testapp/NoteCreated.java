package io.lecturevision.common.testapp;

import jakarta.validation.constraints.NotNull;
import jakarta.validation.constraints.Size;

import java.util.UUID;

/** The test topic's contract: what {@link NoteCreatedHandler} accepts. */
public record NoteCreated(@NotNull UUID noteId, @NotNull @Size(max = 200) String text) {
}
