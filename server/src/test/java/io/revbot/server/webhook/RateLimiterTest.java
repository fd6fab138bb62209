package io.revbot.server.webhook;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import org.junit.jupiter.api.Test;

class RateLimiterTest {
    private Instant now = Instant.parse("2026-11-24T07:00:00Z");
    private final Clock clock = new Clock() {
        @Override
        public ZoneOffset getZone() {
            return ZoneOffset.UTC;
        }

        @Override
        public Clock withZone(java.time.ZoneId zone) {
            return this;
        }

        @Override
        public Instant instant() {
            return now;
        }
    };

    @Test
    void aCallerMayBurstUpToItsRateAndIsThenToldHowLongToWait() {
        RateLimiter limiter = new RateLimiter(60, clock);
        for (int i = 0; i < 60; i++) {
            assertThat(limiter.acquire("token-0")).isZero();
        }
        assertThat(limiter.acquire("token-0")).isBetween(Duration.ofMillis(900), Duration.ofSeconds(1));
    }

    @Test
    void theBucketRefillsOverTime() {
        RateLimiter limiter = new RateLimiter(60, clock);
        for (int i = 0; i < 60; i++) {
            limiter.acquire("token-0");
        }
        now = now.plusSeconds(2);
        assertThat(limiter.acquire("token-0")).isZero();
        assertThat(limiter.acquire("token-0")).isZero();
        assertThat(limiter.acquire("token-0")).isPositive();
    }

    @Test
    void eachCallerHasItsOwnBucket() {
        RateLimiter limiter = new RateLimiter(1, clock);
        assertThat(limiter.acquire("token-0")).isZero();
        assertThat(limiter.acquire("token-0")).isPositive();
        assertThat(limiter.acquire("token-1")).isZero();
    }
}
