package io.revbot.server.access;

import io.revbot.orchestrator.Principal;
import java.util.Objects;

/**
 * Who is calling an HTTP surface that shows data, once {@link CredentialsFilter} let them in: an operator (a viewer
 * token, or anyone when the viewer is open to a trusted network) sees every run; an API client sees only the runs it
 * asked for itself.
 */
public sealed interface Caller {

    /** Whether this caller may see a run recorded with {@code requester} (a principal id). */
    boolean sees(String requester);

    /** For logs: {@code viewer:<name>}, {@code api:<name>}. */
    String describe();

    /** A viewer token's holder ({@code REVBOT_VIEWER_TOKENS}), or {@link #ANONYMOUS}. */
    record Operator(String name) implements Caller {
        public Operator {
            Objects.requireNonNull(name, "name");
        }

        @Override
        public boolean sees(String requester) {
            return true;
        }

        @Override
        public String describe() {
            return "viewer:" + name;
        }
    }

    /** A webhook API client ({@code REVBOT_API_TOKENS}): its own runs only. */
    record Client(Principal.ApiClient principal) implements Caller {
        public Client {
            Objects.requireNonNull(principal, "principal");
        }

        @Override
        public boolean sees(String requester) {
            return principal.id().equals(requester);
        }

        @Override
        public String describe() {
            return principal.id();
        }
    }

    /** Everyone, when {@code REVBOT_VIEWER_ALLOW_ANONYMOUS=true}. */
    Operator ANONYMOUS = new Operator("anonymous");
}
