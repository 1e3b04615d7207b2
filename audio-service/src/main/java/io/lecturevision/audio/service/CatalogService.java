package io.lecturevision.audio.service;

import io.lecturevision.audio.Actor;
import io.lecturevision.audio.Script;
import io.lecturevision.audio.Token;
import io.lecturevision.common.error.ApiException;
import io.lecturevision.common.error.RequestValidationException;
import io.quarkus.panache.common.Sort;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.transaction.Transactional;

import java.time.Clock;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.List;

/**
 * Scripts, actors and tokens of the caller's corporation. The one place that decides who sees what:
 * every lookup is by id and corporation, so another corporation's resource is simply not found.
 */
@ApplicationScoped
public class CatalogService {

    private final Clock clock;

    public CatalogService(Clock clock) {
        this.clock = clock;
    }

    // Scripts

    @Transactional
    public Script createScript(Caller caller, String title, List<String> lines) {
        Script script = new Script();
        script.corporationId = caller.corporationId();
        script.title = title.trim();
        script.lines = new ArrayList<>(lines);
        script.createdBy = caller.userId();
        script.createdAt = now();
        script.updatedAt = script.createdAt;
        script.persist();
        return script;
    }

    @Transactional(Transactional.TxType.SUPPORTS)
    public List<Script> scripts(Caller caller, int skip, int limit) {
        return Script.<Script>find("corporationId", Sort.by("id"), caller.corporationId()).range(skip, skip + limit - 1).list();
    }

    @Transactional(Transactional.TxType.SUPPORTS)
    public Script script(Caller caller, long id) {
        Script script = Script.findById(id);
        if (script == null || !script.corporationId.equals(caller.corporationId())) {
            throw ApiException.notFound("Script not found");
        }
        return script;
    }

    /** Changes the title and/or the lines; a line that a token reads cannot be removed. */
    @Transactional
    public Script updateScript(Caller caller, long id, String title, List<String> lines) {
        Script script = script(caller, id);
        if (title != null) {
            script.title = title.trim();
        }
        if (lines != null) {
            Integer highestRead = Token.getEntityManager()
                    .createQuery("select max(t.lineNumber) from Token t where t.script.id = :script", Integer.class)
                    .setParameter("script", id).getSingleResult();
            if (highestRead != null && highestRead > lines.size()) {
                throw ApiException.conflict("Line " + highestRead + " of this script is read by a token: "
                        + "delete that token before removing the line");
            }
            script.lines.clear();
            script.lines.addAll(lines);
        }
        script.updatedAt = now();
        return script;
    }

    @Transactional
    public void deleteScript(Caller caller, long id) {
        Script script = script(caller, id);
        if (Token.count("script.id", id) > 0) {
            throw ApiException.conflict("The script has tokens: delete them first");
        }
        script.delete();
    }

    // Actors

    @Transactional
    public Actor createActor(Caller caller, String name) {
        Actor actor = new Actor();
        actor.corporationId = caller.corporationId();
        actor.name = name.trim();
        actor.createdBy = caller.userId();
        actor.createdAt = now();
        actor.updatedAt = actor.createdAt;
        actor.persist();
        return actor;
    }

    @Transactional(Transactional.TxType.SUPPORTS)
    public List<Actor> actors(Caller caller, int skip, int limit) {
        return Actor.<Actor>find("corporationId", Sort.by("id"), caller.corporationId()).range(skip, skip + limit - 1).list();
    }

    @Transactional(Transactional.TxType.SUPPORTS)
    public Actor actor(Caller caller, long id) {
        Actor actor = Actor.findById(id);
        if (actor == null || !actor.corporationId.equals(caller.corporationId())) {
            throw ApiException.notFound("Actor not found");
        }
        return actor;
    }

    @Transactional
    public Actor renameActor(Caller caller, long id, String name) {
        Actor actor = actor(caller, id);
        actor.name = name.trim();
        actor.updatedAt = now();
        return actor;
    }

    @Transactional
    public void deleteActor(Caller caller, long id) {
        Actor actor = actor(caller, id);
        if (Token.count("actor.id", id) > 0) {
            throw ApiException.conflict("The actor has tokens: delete them first");
        }
        actor.delete();
    }

    // Tokens

    @Transactional
    public Token createToken(Caller caller, long scriptId, int lineNumber, long actorId) {
        Token token = new Token();
        token.corporationId = caller.corporationId();
        assign(caller, token, scriptId, lineNumber, actorId);
        token.createdBy = caller.userId();
        token.createdAt = now();
        token.updatedAt = token.createdAt;
        token.persist();
        return token;
    }

    @Transactional(Transactional.TxType.SUPPORTS)
    public List<Token> tokens(Caller caller, Long scriptId, Long actorId, int skip, int limit) {
        StringBuilder query = new StringBuilder("corporationId = :corporation");
        io.quarkus.panache.common.Parameters parameters = io.quarkus.panache.common.Parameters
                .with("corporation", caller.corporationId());
        if (scriptId != null) {
            query.append(" and script.id = :script");
            parameters.and("script", scriptId);
        }
        if (actorId != null) {
            query.append(" and actor.id = :actor");
            parameters.and("actor", actorId);
        }
        return Token.<Token>find(query.toString(), Sort.by("id"), parameters).range(skip, skip + limit - 1).list();
    }

    @Transactional(Transactional.TxType.SUPPORTS)
    public Token token(Caller caller, long id) {
        Token token = Token.findById(id);
        if (token == null || !token.corporationId.equals(caller.corporationId())) {
            throw ApiException.notFound("Token not found");
        }
        return token;
    }

    @Transactional
    public Token updateToken(Caller caller, long id, long scriptId, int lineNumber, long actorId) {
        Token token = token(caller, id);
        assign(caller, token, scriptId, lineNumber, actorId);
        token.updatedAt = now();
        return token;
    }

    @Transactional
    public void deleteToken(Caller caller, long id) {
        Token token = token(caller, id);
        if (Token.getEntityManager().createQuery("select count(j) from AnalysisJob j where j.tokenId = :token", Long.class)
                .setParameter("token", id).getSingleResult() > 0) {
            throw ApiException.conflict("The token has analysis jobs and is kept with them");
        }
        token.delete();
    }

    private void assign(Caller caller, Token token, long scriptId, int lineNumber, long actorId) {
        Script script = findOwned(Script.findById(scriptId), caller, "script_id", "Script not found");
        Actor actor = findOwned(Actor.findById(actorId), caller, "actor_id", "Actor not found");
        if (lineNumber > script.lines.size()) {
            throw RequestValidationException.of("body", "line_number",
                    "The script has " + script.lines.size() + " lines", "less_than_equal");
        }
        boolean taken = Token.count("script.id = ?1 and lineNumber = ?2 and actor.id = ?3 and id <> ?4",
                scriptId, lineNumber, actorId, token.id == null ? -1L : token.id) > 0;
        if (taken) {
            throw ApiException.conflict("This actor already has a token for this line");
        }
        token.script = script;
        token.lineNumber = lineNumber;
        token.actor = actor;
    }

    /** A referenced script or actor of another corporation is as unknown as a missing one (422 on its field). */
    private static <T> T findOwned(T entity, Caller caller, String field, String message) {
        java.util.UUID owner = entity instanceof Script s ? s.corporationId : entity instanceof Actor a ? a.corporationId : null;
        if (entity == null || !caller.corporationId().equals(owner)) {
            throw RequestValidationException.of("body", field, message, "not_found");
        }
        return entity;
    }

    private Instant now() {
        return clock.instant().truncatedTo(ChronoUnit.MICROS);
    }
}
