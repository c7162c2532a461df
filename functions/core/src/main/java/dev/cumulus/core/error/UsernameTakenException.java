package dev.cumulus.core.error;

import java.util.Map;

/**
 * Thrown when an account is created under a username that, once normalised, another account already has. The store
 * decides this atomically (a unique key, a conditional write), so of two concurrent registrations of one name exactly
 * one gets this answer.
 */
public class UsernameTakenException extends CumulusException {

    public UsernameTakenException() {
        super(ErrorCode.USERNAME_TAKEN, "this username is already taken");
    }

    @Override
    public Object details() {
        return Map.of("field", "username");
    }
}
