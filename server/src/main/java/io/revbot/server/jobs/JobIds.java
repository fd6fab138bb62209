package io.revbot.server.jobs;

import java.util.regex.Pattern;

/** What a job id can be: the queue makes UUIDs; anything else is refused before it reaches a query. */
final class JobIds {
    private static final Pattern UUID =
            Pattern.compile("[0-9a-fA-F]{8}-[0-9a-fA-F]{4}-[0-9a-fA-F]{4}-[0-9a-fA-F]{4}-[0-9a-fA-F]{12}");

    private JobIds() {}

    static boolean valid(String id) {
        return id != null && UUID.matcher(id).matches();
    }
}
