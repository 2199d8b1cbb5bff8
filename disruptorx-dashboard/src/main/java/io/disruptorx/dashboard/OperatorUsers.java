package io.disruptorx.dashboard;

import java.util.Set;

/**
 * Who may sign in on the dashboard and what each may do: the seam to the venue's users and role policy (the node
 * implements it over its user file). Called on the HTTP server's handler threads; a password check may take
 * milliseconds.
 */
public interface OperatorUsers
{
    /**
     * Checks a sign-in.
     *
     * @param user     user name.
     * @param password password.
     * @param source   the client's address, for throttling.
     * @return the user's current actions (possibly none), or null when the sign-in is refused (the caller is not
     *     told why).
     */
    Set<OperatorAction> signIn(String user, String password, String source);

    /**
     * The user's actions as the user file says now (it may have changed since the sign-in).
     *
     * @param user user name.
     * @return what the user may do; empty when nothing (or the user is gone).
     */
    Set<OperatorAction> permitted(String user);
}
