package dev.cumulus.store.user;

import java.time.Instant;
import java.util.UUID;

/**
 * An account as stored: {@code failedLogins} counts consecutive failures since the last success, {@code lockedUntil}
 * is null when the account is not locked.
 */
public record StoredUser(UUID id, String username, String email, String passwordHash, Instant createdAt,
        int failedLogins, Instant lockedUntil) {
}
