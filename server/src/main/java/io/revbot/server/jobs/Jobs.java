package io.revbot.server.jobs;

import java.util.List;

/** The queue as operators act on it: on the database ({@link JobsAdmin}) or through a local server ({@code /api/jobs}). */
public interface Jobs {
    List<JobView> list(JobView.Filter filter, int limit);

    /** Puts a dead job back in the queue; false when there is no dead job with that id. */
    boolean retry(String id);
}
