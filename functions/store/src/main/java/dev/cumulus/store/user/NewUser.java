package dev.cumulus.store.user;

import java.time.Instant;
import java.util.UUID;

/** An account to create: the username already normalised, the email normalised or null, the password as a PHC hash. */
public record NewUser(UUID id, String username, String email, String passwordHash, Instant createdAt) {
}
