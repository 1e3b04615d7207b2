package io.lecturevision.auth.service;

import io.lecturevision.auth.User;
import io.lecturevision.auth.config.AuthConfig;
import io.lecturevision.common.security.Roles;
import io.quarkus.runtime.StartupEvent;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.event.Observes;
import jakarta.transaction.Transactional;
import org.jboss.logging.Logger;

/** Creates the first platform admin from configuration (LV_ADMIN_EMAIL, LV_ADMIN_PASSWORD) when missing. */
@ApplicationScoped
public class AdminBootstrap {

    private static final Logger LOG = Logger.getLogger(AdminBootstrap.class);

    private final AuthConfig config;
    private final UserService users;

    public AdminBootstrap(AuthConfig config, UserService users) {
        this.config = config;
        this.users = users;
    }

    @Transactional
    void onStart(@Observes StartupEvent startup) {
        AuthConfig.BootstrapAdmin admin = config.bootstrapAdmin();
        if (admin.email().isEmpty() || admin.password().isEmpty()) {
            LOG.info("No bootstrap admin configured (LV_ADMIN_EMAIL / LV_ADMIN_PASSWORD)");
            return;
        }
        if (User.findByEmail(admin.email().get()).isPresent()) {
            return;
        }
        String username = User.findByUsername(admin.username()).isPresent() ? null : admin.username();
        users.create(new NewUser(admin.email().get(), username, "Administrator", admin.password().get(), Roles.PLATFORM_ADMIN, null));
        LOG.infof("Created the bootstrap admin %s", admin.email().get());
    }
}
