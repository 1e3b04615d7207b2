package io.lecturevision.auth;

import io.quarkus.hibernate.orm.panache.PanacheEntityBase;
import jakarta.persistence.Column;
import jakarta.persistence.Entity;
import jakarta.persistence.Id;
import jakarta.persistence.Table;

import java.time.Instant;
import java.util.List;
import java.util.Optional;
import java.util.UUID;

@Entity
@Table(name = "app_user")
public class User extends PanacheEntityBase {

    @Id
    public UUID id;

    @Column(length = 254)
    public String email;

    @Column(nullable = false, length = 50)
    public String username;

    /** {@link UserNames#key} of the username: what uniqueness and look-ups compare. */
    @Column(name = "username_key", nullable = false, length = 200)
    public String usernameKey;

    @Column(length = 100)
    public String name;

    @Column(name = "password_hash", nullable = false, length = 100)
    public String passwordHash;

    /** {@code admin} or {@code guest} (see common's Roles). */
    @Column(nullable = false, length = 20)
    public String role;

    @Column(name = "corporation_id")
    public UUID corporationId;

    /** Seed 001's points: the total video-service granted (read model of points.granted). */
    @Column(nullable = false)
    public long point;

    @Column(name = "is_active", nullable = false)
    public boolean active;

    @Column(name = "created_at", nullable = false)
    public Instant createdAt;

    @Column(name = "updated_at", nullable = false)
    public Instant updatedAt;

    public static Optional<User> findByEmail(String email) {
        return find("lower(email) = lower(?1)", email).firstResultOptional();
    }

    public static Optional<User> findByUsername(String username) {
        return find("usernameKey = ?1", UserNames.key(username)).firstResultOptional();
    }

    /**
     * The OAuth2 form's "username" may be a username or an e-mail address. A user name never equals
     * another account's e-mail (UserService refuses both ways); should rows from before that rule
     * still match two accounts, the login matches none rather than either.
     */
    public static Optional<User> findByLogin(String login) {
        List<User> matches = User.<User>find("usernameKey = ?1 or lower(email) = lower(?2)", UserNames.key(login), login)
                .page(0, 2).list();
        return matches.size() == 1 ? Optional.of(matches.get(0)) : Optional.empty();
    }

    public void rename(String username) {
        this.username = UserNames.normalize(username);
        this.usernameKey = UserNames.key(username);
    }
}
