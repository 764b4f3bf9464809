package uk.hallmonitor.schools.internal;

import java.security.SecureRandom;
import java.time.Clock;
import java.time.Duration;
import java.util.List;
import java.util.Set;
import java.util.UUID;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.beans.factory.SmartInitializingSingleton;
import org.springframework.core.Ordered;
import org.springframework.core.annotation.Order;
import org.springframework.data.mongodb.core.ReactiveMongoTemplate;
import org.springframework.data.mongodb.core.query.Criteria;
import org.springframework.data.mongodb.core.query.Query;
import org.springframework.security.crypto.password.PasswordEncoder;
import org.springframework.stereotype.Component;
import uk.hallmonitor.system.security.PasswordPolicy;
import uk.hallmonitor.system.security.Role;
import uk.hallmonitor.system.security.SecurityProperties;

/**
 * On first run, creates the trust-wide {@code admin} with the password from {@code HALLMONITOR_ADMIN_PASSWORD}, or
 * a generated one printed once to the log. An existing admin is left alone.
 */
@Component
@Order(Ordered.LOWEST_PRECEDENCE)
record FirstRunAdmin(ReactiveMongoTemplate mongo, PasswordEncoder encoder, SecurityProperties properties, Clock clock)
        implements SmartInitializingSingleton {

    private static final Logger log = LoggerFactory.getLogger(FirstRunAdmin.class);
    private static final String ALPHABET = "ABCDEFGHJKLMNPQRSTUVWXYZabcdefghijkmnopqrstuvwxyz23456789";

    @Override
    public void afterSingletonsInstantiated() {
        Boolean exists = mongo.exists(Query.query(Criteria.where("username").is("admin")), StaffDocument.class)
                .block(Duration.ofMinutes(1));
        if (Boolean.TRUE.equals(exists)) {
            return;
        }
        String given = properties.adminPassword();
        boolean generated = given == null || given.isBlank();
        String password = generated ? generate() : given;
        if (!generated) {
            PasswordPolicy.problem(password).ifPresent(problem -> {
                throw new IllegalStateException("HALLMONITOR_ADMIN_PASSWORD " + problem);
            });
        }
        mongo.insert(new StaffDocument(UUID.randomUUID().toString(), null, "Administrator", null, "admin",
                encoder.encode(password), Set.of(Role.ADMIN), true, null, List.of(), List.of(), List.of(),
                clock.instant(), "system", null))
                .onErrorResume(org.springframework.dao.DuplicateKeyException.class,
                        e -> reactor.core.publisher.Mono.empty())
                .block(Duration.ofMinutes(1));
        if (generated) {
            // printed once, on the run that creates the user; it is not stored anywhere in plain text
            log.warn("created the first administrator: username 'admin', password '{}' (shown once; change it, or set "
                    + "HALLMONITOR_ADMIN_PASSWORD before the first run)", password);
        } else {
            log.info("created the first administrator 'admin' with the password from HALLMONITOR_ADMIN_PASSWORD");
        }
    }

    private static String generate() {
        SecureRandom random = new SecureRandom();
        StringBuilder password = new StringBuilder();
        for (int i = 0; i < 20; i++) {
            password.append(ALPHABET.charAt(random.nextInt(ALPHABET.length())));
        }
        return password.append(random.nextInt(10)).toString();
    }
}
