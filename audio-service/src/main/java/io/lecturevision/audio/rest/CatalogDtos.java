package io.lecturevision.audio.rest;

import com.fasterxml.jackson.databind.PropertyNamingStrategies;
import com.fasterxml.jackson.databind.annotation.JsonNaming;
import io.lecturevision.audio.Actor;
import io.lecturevision.audio.Script;
import io.lecturevision.audio.Token;
import io.quarkus.runtime.annotations.RegisterForReflection;
import jakarta.validation.constraints.Min;
import jakarta.validation.constraints.NotBlank;
import jakarta.validation.constraints.NotNull;
import jakarta.validation.constraints.Size;

import java.time.Instant;
import java.util.List;

/** Bodies of the script, actor and token routes, in seed 004's snake_case. */
public final class CatalogDtos {

    private CatalogDtos() {
    }

    @RegisterForReflection
    @JsonNaming(PropertyNamingStrategies.SnakeCaseStrategy.class)
    public record ScriptRequest(@NotBlank @Size(max = 200) String title,
                                @NotNull @Size(min = 1, max = 1000) List<@NotBlank @Size(max = 2000) String> lines) {
    }

    /** PATCH: only what is given changes. */
    @RegisterForReflection
    @JsonNaming(PropertyNamingStrategies.SnakeCaseStrategy.class)
    public record ScriptPatch(@Size(min = 1, max = 200) String title,
                              @Size(min = 1, max = 1000) List<@NotBlank @Size(max = 2000) String> lines) {
    }

    @RegisterForReflection
    @JsonNaming(PropertyNamingStrategies.SnakeCaseStrategy.class)
    public record ScriptResponse(long id, String title, List<String> lines, String createdBy, Instant createdAt,
                                 Instant updatedAt) {
        static ScriptResponse of(Script script) {
            return new ScriptResponse(script.id, script.title, List.copyOf(script.lines), script.createdBy,
                    script.createdAt, script.updatedAt);
        }
    }

    @RegisterForReflection
    @JsonNaming(PropertyNamingStrategies.SnakeCaseStrategy.class)
    public record ActorRequest(@NotBlank @Size(max = 200) String name) {
    }

    @RegisterForReflection
    @JsonNaming(PropertyNamingStrategies.SnakeCaseStrategy.class)
    public record ActorResponse(long id, String name, String createdBy, Instant createdAt, Instant updatedAt) {
        static ActorResponse of(Actor actor) {
            return new ActorResponse(actor.id, actor.name, actor.createdBy, actor.createdAt, actor.updatedAt);
        }
    }

    @RegisterForReflection
    @JsonNaming(PropertyNamingStrategies.SnakeCaseStrategy.class)
    public record TokenRequest(@NotNull Long scriptId, @NotNull @Min(1) Integer lineNumber, @NotNull Long actorId) {
    }

    @RegisterForReflection
    @JsonNaming(PropertyNamingStrategies.SnakeCaseStrategy.class)
    public record TokenResponse(long id, long scriptId, int lineNumber, String text, long actorId, String actorName,
                                String createdBy, Instant createdAt, Instant updatedAt) {
        static TokenResponse of(Token token) {
            return new TokenResponse(token.id, token.script.id, token.lineNumber, token.text(), token.actor.id,
                    token.actor.name, token.createdBy, token.createdAt, token.updatedAt);
        }
    }
}
