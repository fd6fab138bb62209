package io.revbot.orchestrator;

import io.github.resilience4j.circuitbreaker.CircuitBreaker;
import io.github.resilience4j.circuitbreaker.CircuitBreakerConfig;
import io.github.resilience4j.circuitbreaker.CircuitBreakerRegistry;
import java.time.Clock;
import java.time.Duration;
import java.util.Objects;
import java.util.Optional;
import java.util.concurrent.TimeUnit;

/**
 * Fallback that sticks ({@code REVBOT_FALLBACK_MODEL}): once a model throttles, its calls go to the fallback model for
 * a cool-down, then the model is tried again. One resilience4j circuit breaker per model id, shared by every run of a
 * supervisor: it opens when the model's last {@code throttlesToOpen} calls were all throttled, stays open for the
 * cool-down (calls go straight to the fallback, without trying the model first), then lets one call through
 * (half-open): an answer closes it, a throttle opens it for another cool-down. Only throttling counts: other failures
 * (5xx, timeouts) are retried on the same model and neither open nor close the breaker.
 */
public final class ModelFallback {
    /** How long a throttled model is left alone before it is tried again. */
    public static final Duration DEFAULT_COOL_DOWN = Duration.ofMinutes(1);

    private static final ModelFallback NONE = new ModelFallback(Optional.empty(), null);

    private final Optional<String> model;
    private final CircuitBreakerRegistry breakers;

    private ModelFallback(Optional<String> model, CircuitBreakerRegistry breakers) {
        this.model = model;
        this.breakers = breakers;
    }

    /** No fallback: every call goes to the model asked for, throttled or not. */
    public static ModelFallback none() {
        return NONE;
    }

    /**
     * @param model the fallback model id
     * @param coolDown how long calls skip a throttled model
     * @param throttlesToOpen how many throttled calls in a row send a model's calls to the fallback
     * @param clock the application clock (the cool-down is measured on it)
     */
    public static ModelFallback to(String model, Duration coolDown, int throttlesToOpen, Clock clock) {
        Objects.requireNonNull(model, "model");
        if (coolDown.isNegative() || coolDown.isZero() || throttlesToOpen < 1) {
            throw new IllegalArgumentException("the cool-down and throttlesToOpen must be positive");
        }
        CircuitBreakerConfig config = CircuitBreakerConfig.custom()
                .slidingWindowType(CircuitBreakerConfig.SlidingWindowType.COUNT_BASED)
                .slidingWindowSize(throttlesToOpen)
                .minimumNumberOfCalls(throttlesToOpen)
                .failureRateThreshold(100)
                .waitDurationInOpenState(coolDown)
                .permittedNumberOfCallsInHalfOpenState(1)
                .recordException(TransientErrors::isThrottling)
                .ignoreException(e -> !TransientErrors.isThrottling(e))
                .writableStackTraceEnabled(false)
                .clock(clock)
                .build();
        return new ModelFallback(Optional.of(model), CircuitBreakerRegistry.of(config));
    }

    /** The fallback model id, if one is configured. */
    public Optional<String> model() {
        return model;
    }

    /**
     * Where the next call for {@code requested} goes: to it while its breaker lets calls through (or when there is no
     * fallback), else to the fallback.
     */
    Route route(String requested) {
        if (model.isEmpty() || model.get().equals(requested)) {
            return new Route(null, Optional.empty());
        }
        CircuitBreaker breaker = breakers.circuitBreaker(requested);
        return breaker.tryAcquirePermission()
                ? new Route(breaker, Optional.empty())
                : new Route(null, Optional.of(requested));
    }

    /** Whether calls for {@code requested} currently go to the fallback. */
    boolean diverts(String requested) {
        return model.isPresent()
                && !model.get().equals(requested)
                && switch (breakers.circuitBreaker(requested).getState()) {
                    case OPEN, FORCED_OPEN -> true;
                    default -> false;
                };
    }

    /**
     * One call's way: to the model asked for (reporting to its breaker, when there is one), or to the fallback in
     * place of {@code divertedFrom}.
     */
    static final class Route {
        private final CircuitBreaker breaker;
        private final Optional<String> divertedFrom;

        private Route(CircuitBreaker breaker, Optional<String> divertedFrom) {
            this.breaker = breaker;
            this.divertedFrom = divertedFrom;
        }

        /** The model this call stands in for, when it goes to the fallback. */
        Optional<String> divertedFrom() {
            return divertedFrom;
        }

        void succeeded(Duration took) {
            if (breaker != null) {
                breaker.onSuccess(took.toNanos(), TimeUnit.NANOSECONDS);
            }
        }

        void failed(Duration took, Throwable error) {
            if (breaker != null) {
                breaker.onError(took.toNanos(), TimeUnit.NANOSECONDS, error);
            }
        }

        /** The call ended for another reason (a run bound): it counts neither way. */
        void abandoned() {
            if (breaker != null) {
                breaker.releasePermission();
            }
        }
    }
}
