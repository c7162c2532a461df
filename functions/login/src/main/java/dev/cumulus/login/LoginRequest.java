package dev.cumulus.login;

/** The input of {@code login}. */
public record LoginRequest(String username, String password) {

    /** Without the password, so no log line or debugger view can show it. */
    @Override
    public String toString() {
        return "LoginRequest[username=" + username + ", password=***]";
    }
}
