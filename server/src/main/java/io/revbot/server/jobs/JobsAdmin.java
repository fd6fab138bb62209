package io.revbot.server.jobs;

import io.revbot.server.queue.Job;
import io.revbot.server.queue.JobId;
import io.revbot.server.queue.JobState;
import io.revbot.server.queue.LeasingJobQueue;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;

/** Listing and replaying jobs on a queue, whichever the mode: what the HTTP service and the CLI share. */
public final class JobsAdmin implements Jobs {
    public static final int MAX_LIMIT = 1_000;

    private final LeasingJobQueue queue;

    public JobsAdmin(LeasingJobQueue queue) {
        this.queue = queue;
    }

    /** Jobs matching {@code filter} (all when null), newest first, at most {@code limit} (1 to {@link #MAX_LIMIT}). */
    @Override
    public List<JobView> list(JobView.Filter filter, int limit) {
        if (limit < 1 || limit > MAX_LIMIT) {
            throw new IllegalArgumentException("limit must be between 1 and " + MAX_LIMIT);
        }
        List<Job> jobs = new ArrayList<>();
        if (filter == null) {
            jobs.addAll(queue.list(null, limit));
        } else {
            for (JobState state : filter.states) {
                jobs.addAll(queue.list(state, limit));
            }
        }
        return jobs.stream()
                .sorted(Comparator.comparing(Job::updatedAt).reversed())
                .limit(limit)
                .map(JobView::of)
                .toList();
    }

    @Override
    public boolean retry(String id) {
        if (!JobIds.valid(id)) {
            return false;
        }
        return queue.retry(new JobId(id));
    }
}
