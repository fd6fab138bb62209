package io.revbot.orchestrator;

import java.util.Locale;
import java.util.Objects;
import java.util.Optional;
import java.util.regex.Pattern;

/**
 * Who asked: a Slack user of a workspace, a named API client (a webhook token's name), or the local user of the
 * command line. Every request carries one; sessions, tracking ids and results belong to it, and the recorded
 * requester is its {@link #id()}, never a field the caller writes.
 */
public sealed interface Principal {

    /** The stable recorded form: {@code slack:T0123:U0456}, {@code api:crm-app}, {@code mcp:claude}, {@code cli:alice}. */
    String id();

    /**
     * The part of a session key that says whose it is: the Slack workspace (a thread is shared by whoever can see it
     * in Slack), the API client's name, the local user. See {@link SessionId#of}.
     */
    String sessionScope();

    /** Names of API clients and local users: letters, digits, {@code _ . -}, at most 64. */
    Pattern NAME = Pattern.compile("[A-Za-z0-9_.-]{1,64}");

    /** Slack's team and user ids ({@code T0123ABCD}, {@code U0456EFGH}, {@code W…} on Enterprise Grid). */
    Pattern SLACK_ID = Pattern.compile("[A-Z0-9]{2,32}");

    /** A Slack user; {@code teamId} is the workspace the event came from (the installation's team). */
    record SlackUser(String teamId, String userId) implements Principal {
        public SlackUser {
            requireMatch(SLACK_ID, teamId, "Slack team id");
            requireMatch(SLACK_ID, userId, "Slack user id");
        }

        @Override
        public String id() {
            return "slack:" + teamId + ":" + userId;
        }

        @Override
        public String sessionScope() {
            return teamId;
        }
    }

    /** A client of the HTTP API, named by the token it presented ({@code REVBOT_API_TOKENS=name:token}). */
    record ApiClient(String name) implements Principal {
        public ApiClient {
            requireMatch(NAME, name, "API client name");
        }

        @Override
        public String id() {
            return "api:" + name;
        }

        @Override
        public String sessionScope() {
            return name;
        }
    }

    /**
     * A client of RevBot's MCP server over HTTP, named by its token ({@code REVBOT_MCP_TOKENS=name:token}); kept apart
     * from {@link ApiClient} so an MCP token never sees a webhook client's runs because the two share a name.
     */
    record McpClient(String name) implements Principal {
        public McpClient {
            requireMatch(NAME, name, "MCP client name");
        }

        @Override
        public String id() {
            return "mcp:" + name;
        }

        @Override
        public String sessionScope() {
            return name;
        }
    }

    /** The operating-system user running the command line. */
    record LocalUser(String name) implements Principal {
        public LocalUser {
            requireMatch(NAME, name, "local user name");
        }

        /** The user running this JVM, its name reduced to the characters a principal name allows. */
        public static LocalUser current() {
            String name = System.getProperty("user.name", "cli").replaceAll("[^A-Za-z0-9_.-]", "_");
            if (name.isEmpty()) {
                name = "cli";
            }
            return new LocalUser(name.length() > 64 ? name.substring(0, 64) : name);
        }

        @Override
        public String id() {
            return "cli:" + name;
        }

        @Override
        public String sessionScope() {
            return name;
        }
    }

    /** Reads a recorded {@link #id()} back (job owners, pending actions); empty when it is not one. */
    static Optional<Principal> parse(String id) {
        if (id == null) {
            return Optional.empty();
        }
        int colon = id.indexOf(':');
        if (colon < 0) {
            return Optional.empty();
        }
        String kind = id.substring(0, colon).toLowerCase(Locale.ROOT);
        String rest = id.substring(colon + 1);
        try {
            return switch (kind) {
                case "slack" -> {
                    int sep = rest.indexOf(':');
                    yield sep < 0
                            ? Optional.empty()
                            : Optional.of(new SlackUser(rest.substring(0, sep), rest.substring(sep + 1)));
                }
                case "api" -> Optional.of(new ApiClient(rest));
                case "mcp" -> Optional.of(new McpClient(rest));
                case "cli" -> Optional.of(new LocalUser(rest));
                default -> Optional.empty();
            };
        } catch (IllegalArgumentException e) {
            return Optional.empty();
        }
    }

    private static void requireMatch(Pattern pattern, String value, String what) {
        Objects.requireNonNull(value, what);
        if (!pattern.matcher(value).matches()) {
            throw new IllegalArgumentException(what + " must match " + pattern.pattern() + ", got '" + value + "'");
        }
    }
}
