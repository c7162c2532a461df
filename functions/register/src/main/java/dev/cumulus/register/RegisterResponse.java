package dev.cumulus.register;

/** The output of {@code register}: the new account's id, its normalised username and when it was created (ISO-8601). */
public record RegisterResponse(String userId, String username, String createdAt) {
}
