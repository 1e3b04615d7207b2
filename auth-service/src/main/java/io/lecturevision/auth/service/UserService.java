package io.lecturevision.auth.service;

import io.lecturevision.auth.Corporation;
import io.lecturevision.auth.User;
import io.lecturevision.auth.UserNames;
import io.lecturevision.common.error.ApiException;
import io.lecturevision.common.event.Outbox;
import io.lecturevision.common.event.contract.Contracts;
import io.lecturevision.common.event.contract.UserDeleted;
import io.lecturevision.common.event.contract.UserRegistered;
import io.lecturevision.common.event.contract.UserSessionsRevoked.Reason;
import io.lecturevision.common.security.Callers;
import io.lecturevision.common.security.Roles;
import io.quarkus.panache.common.Sort;
import io.quarkus.security.identity.SecurityIdentity;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.persistence.PersistenceException;
import jakarta.transaction.Transactional;
import org.hibernate.exception.ConstraintViolationException;
import org.jboss.logging.Logger;

import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.List;
import java.util.Locale;
import java.util.Objects;
import java.util.Set;
import java.util.UUID;
import java.util.concurrent.ThreadLocalRandom;

/**
 * Users and who may touch whom: a user manages itself; a platform admin (the role {@code platform-admin},
 * never inferred from a missing corporation) manages everyone; an admin of a corporation manages that
 * corporation's users. Changes that must end sessions (password, role, corporation, deactivation,
 * deletion) revoke them in the same transaction.
 */
@ApplicationScoped
@Transactional
public class UserService {

    private static final Logger LOG = Logger.getLogger(UserService.class);
    private static final Set<String> ROLES = Set.of(Roles.ADMIN, Roles.GUEST, Roles.PLATFORM_ADMIN);

    private final PasswordHasher passwords;
    private final Outbox outbox;
    private final SessionRevocations sessions;

    public UserService(PasswordHasher passwords, Outbox outbox, SessionRevocations sessions) {
        this.passwords = passwords;
        this.outbox = outbox;
        this.sessions = sessions;
    }

    public User create(NewUser request) {
        String email = request.email() == null ? null : request.email().trim();
        if (email != null && (User.findByEmail(email).isPresent() || User.findByUsername(email).isPresent())) {
            throw ApiException.badRequest("Email already registered");
        }
        String username = request.username() != null ? request.username().trim() : usernameFor(email);
        if (request.username() != null && (User.findByUsername(username).isPresent()
                || (!username.equalsIgnoreCase(Objects.requireNonNullElse(email, "")) && User.findByEmail(username).isPresent()))) {
            throw ApiException.badRequest("Username already registered");
        }
        if (!ROLES.contains(request.role())) {
            throw ApiException.badRequest("Unknown role: " + request.role());
        }
        if (request.corporationId() != null && Corporation.findById(request.corporationId()) == null) {
            throw ApiException.badRequest("Corporation not found");
        }
        User user = new User();
        user.id = UUID.randomUUID();
        user.email = email;
        user.rename(username);
        user.name = request.name();
        user.passwordHash = passwords.hash(request.password());
        user.role = request.role();
        user.corporationId = request.corporationId();
        user.active = true;
        user.createdAt = Instant.now().truncatedTo(ChronoUnit.MICROS);
        user.updatedAt = user.createdAt;
        persistUnique(user);
        outbox.emit(Contracts.USER_REGISTERED, user.id.toString(), new UserRegistered(user.id, user.email,
                user.username, user.name, user.role, user.corporationId));
        LOG.infof("Registered user %s (%s, role %s)", user.id, user.username, user.role);
        return user;
    }

    /** Same answer and about the same time whether the user is unknown, inactive or the password wrong. */
    @Transactional(Transactional.TxType.SUPPORTS)
    public User authenticate(String login, String password, boolean byEmail, String failure) {
        User user = login == null ? null
                : (byEmail ? User.findByEmail(login.trim()) : User.findByLogin(login.trim())).orElse(null);
        boolean matches = passwords.matches(password == null ? "" : password, user == null ? null : user.passwordHash);
        if (!matches || !user.active) {
            LOG.infof("Failed login for %s", user == null ? "an unknown user" : "user " + user.id);
            throw ApiException.unauthorized(failure);
        }
        return user;
    }

    /** The authenticated caller, as the database knows it now (deleted or deactivated users are refused). */
    @Transactional(Transactional.TxType.SUPPORTS)
    public User caller(SecurityIdentity identity) {
        UUID id = Callers.userId(identity).map(UserService::parseId)
                .orElseThrow(() -> ApiException.unauthorized("Not authenticated"));
        User user = User.findById(id);
        if (user == null || !user.active) {
            throw ApiException.unauthorized("User not found or inactive");
        }
        return user;
    }

    @Transactional(Transactional.TxType.SUPPORTS)
    public List<User> list(User caller, int skip, int limit) {
        if (isPlatformAdmin(caller)) {
            return User.findAll(Sort.by("createdAt")).range(skip, skip + limit - 1).list();
        }
        if (isCorporationAdmin(caller)) {
            return User.find("corporationId", Sort.by("createdAt"), caller.corporationId).range(skip, skip + limit - 1).list();
        }
        return skip == 0 ? List.of(caller) : List.of();
    }

    @Transactional(Transactional.TxType.SUPPORTS)
    public User get(User caller, UUID id) {
        User user = User.findById(id);
        if (user == null || !mayManage(caller, user)) {
            throw ApiException.notFound("User not found");
        }
        return user;
    }

    /**
     * Applies {@code changes}; {@code callerSession} is the refresh-token family of the caller's access token
     * (null when unknown), which a user changing its own password keeps.
     */
    public User update(User caller, UUID callerSession, UUID id, UserChanges changes) {
        User user = User.findById(id);
        if (user == null || !mayManage(caller, user)) {
            throw ApiException.notFound("User not found");
        }
        boolean admin = isCorporationAdmin(caller) || isPlatformAdmin(caller);
        if (!admin && (changes.role().isPresent() || changes.corporationId().isPresent() || changes.active().isPresent())) {
            throw ApiException.forbidden("Only an admin can change role, corporation or active state");
        }
        if (changes.corporationId().isPresent() && !isPlatformAdmin(caller)) {
            throw ApiException.forbidden("Only a platform admin can move users between corporations");
        }
        if (changes.role().isPresent() && !isPlatformAdmin(caller)
                && (Roles.PLATFORM_ADMIN.equals(changes.role().get()) || isPlatformAdmin(user))) {
            throw ApiException.forbidden("Only a platform admin can grant or take platform administration");
        }
        String previousRole = user.role;
        UUID previousCorporation = user.corporationId;
        boolean wasActive = user.active;
        changes.email().map(String::trim).ifPresent(email -> {
            if (!email.equalsIgnoreCase(Objects.requireNonNullElse(user.email, "")) && User.findByEmail(email).isPresent()) {
                throw ApiException.badRequest("Email already registered");
            }
            if (User.findByUsername(email).filter(other -> !other.id.equals(user.id)).isPresent()) {
                throw ApiException.badRequest("Email already registered");
            }
            user.email = email;
        });
        changes.username().map(String::trim).ifPresent(username -> {
            if (!UserNames.key(username).equals(user.usernameKey) && User.findByUsername(username).isPresent()) {
                throw ApiException.badRequest("Username already registered");
            }
            if (User.findByEmail(username).filter(other -> !other.id.equals(user.id)).isPresent()) {
                throw ApiException.badRequest("Username already registered");
            }
            user.rename(username);
        });
        changes.name().ifPresent(name -> user.name = name);
        changes.password().ifPresent(password -> user.passwordHash = passwords.hash(password));
        changes.role().ifPresent(role -> {
            if (!ROLES.contains(role)) {
                throw ApiException.badRequest("Unknown role: " + role);
            }
            user.role = role;
        });
        changes.corporationId().ifPresent(corporationId -> {
            if (Corporation.findById(corporationId) == null) {
                throw ApiException.badRequest("Corporation not found");
            }
            user.corporationId = corporationId;
        });
        changes.active().ifPresent(active -> user.active = active);
        user.updatedAt = Instant.now().truncatedTo(ChronoUnit.MICROS);
        persistUnique(user);
        endSessions(caller, callerSession, user, changes.password().isPresent(), previousRole, previousCorporation, wasActive);
        LOG.infof("User %s updated by %s", user.id, caller.id);
        return user;
    }

    public void delete(User caller, UUID id) {
        User user = User.findById(id);
        if (user == null || !mayManage(caller, user)) {
            throw ApiException.notFound("User not found");
        }
        user.delete();
        outbox.emit(Contracts.USER_DELETED, user.id.toString(), new UserDeleted(user.id, user.corporationId));
        sessions.revoke(user.id, Reason.DELETED);
        LOG.infof("User %s deleted by %s", user.id, caller.id);
    }

    /** Platform administration is its own role; a missing corporation grants nothing. */
    public static boolean isPlatformAdmin(User user) {
        return Roles.PLATFORM_ADMIN.equals(user.role);
    }

    /** An admin of the corporation it belongs to (an admin of none administers nothing). */
    public static boolean isCorporationAdmin(User user) {
        return Roles.ADMIN.equals(user.role) && user.corporationId != null;
    }

    static boolean mayManage(User caller, User target) {
        if (caller.id.equals(target.id) || isPlatformAdmin(caller)) {
            return true;
        }
        return isCorporationAdmin(caller) && !isPlatformAdmin(target) && caller.corporationId.equals(target.corporationId);
    }

    /** One revocation per update, for the first of the reasons that apply. */
    private void endSessions(User caller, UUID callerSession, User user, boolean passwordChanged, String previousRole,
                             UUID previousCorporation, boolean wasActive) {
        if (wasActive && !user.active) {
            sessions.revoke(user.id, Reason.DEACTIVATED);
        } else if (!previousRole.equals(user.role)) {
            sessions.revoke(user.id, Reason.ROLE_CHANGED);
        } else if (!Objects.equals(previousCorporation, user.corporationId)) {
            sessions.revoke(user.id, Reason.CORPORATION_CHANGED);
        } else if (passwordChanged && caller.id.equals(user.id)) {
            sessions.revokeExcept(user.id, callerSession, Reason.PASSWORD_CHANGED);
        } else if (passwordChanged) {
            sessions.revoke(user.id, Reason.PASSWORD_RESET);
        }
    }

    public static UUID parseId(String value) {
        try {
            return UUID.fromString(value);
        } catch (IllegalArgumentException e) {
            throw ApiException.unauthorized("Not authenticated");
        }
    }

    /** Seed 003 registers by e-mail only: the username is the address, or its local part when too long. */
    private static String usernameFor(String email) {
        String candidate = email.length() <= 50 ? email : email.substring(0, Math.min(40, email.indexOf('@') > 0 ? email.indexOf('@') : 40));
        if (candidate.length() < 3) {
            candidate = candidate + "-user";
        }
        String username = candidate;
        while (User.findByUsername(username).isPresent()
                || (!username.equalsIgnoreCase(email) && User.findByEmail(username).isPresent())) {
            username = candidate.substring(0, Math.min(candidate.length(), 43)) + "-"
                    + Integer.toString(ThreadLocalRandom.current().nextInt(36 * 36 * 36 * 36), 36).toLowerCase(Locale.ROOT);
        }
        return username;
    }

    private static void persistUnique(User user) {
        try {
            user.persistAndFlush();
        } catch (PersistenceException e) {
            if (e instanceof ConstraintViolationException || e.getCause() instanceof ConstraintViolationException) {
                throw ApiException.badRequest("Email or username already registered");
            }
            throw e;
        }
    }
}
