package dev.cumulus.register;

/** The input of {@code register}; {@code email} is optional. */
public record RegisterRequest(String username, String password, String email) {

    /** Without the password, so no log line or debugger view can show it. */
    @Override
    public String toString() {
        return "RegisterRequest[username=" + username + ", password=***, email=" + email + "]";
    }
}
