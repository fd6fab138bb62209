package io.revbot.server.slack;

import io.revbot.server.queue.InMemoryJobQueue;
import io.revbot.server.queue.LeasingJobQueue;
import java.time.Clock;

/** The Slack bot end to end on the in-memory queue (embedded mode). */
class SlackBotTest extends SlackBotContract {
    @Override
    LeasingJobQueue newQueue() {
        return new InMemoryJobQueue(Clock.systemUTC());
    }
}
