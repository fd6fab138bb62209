package io.revbot.server.queue;

import java.time.Clock;

class InMemoryJobQueueTest extends JobQueueContract {

    @Override
    LeasingJobQueue newQueue() {
        return new InMemoryJobQueue(Clock.systemUTC());
    }
}
