package io.revbot.orchestrator;

import dev.langchain4j.exception.HttpException;
import dev.langchain4j.exception.InternalServerException;
import dev.langchain4j.exception.RateLimitException;
import dev.langchain4j.exception.TimeoutException;
import java.io.InterruptedIOException;
import java.net.ConnectException;
import java.net.NoRouteToHostException;
import java.net.SocketTimeoutException;
import java.net.UnknownHostException;
import java.net.http.HttpTimeoutException;
import software.amazon.awssdk.core.exception.ApiCallAttemptTimeoutException;
import software.amazon.awssdk.core.exception.ApiCallTimeoutException;
import software.amazon.awssdk.core.exception.SdkServiceException;

/**
 * Which model-call failures are worth retrying: throttling (HTTP 429, Bedrock's {@code ThrottlingException}),
 * server errors (5xx, {@code ServiceUnavailableException}, {@code ModelNotReadyException}) and timeouts. A provider
 * that cannot be reached at all ({@link #isUnreachable}: connection refused, unknown host) is not transient: retrying
 * within seconds does not bring it back. Looks through the cause chain, because providers wrap the SDK's exceptions in
 * LangChain4j's.
 */
final class TransientErrors {
    private TransientErrors() {}

    static boolean isThrottling(Throwable error) {
        for (Throwable t = error; t != null; t = t.getCause()) {
            if (t instanceof RateLimitException) {
                return true;
            }
            if (t instanceof HttpException http && http.statusCode() == 429) {
                return true;
            }
            if (t instanceof SdkServiceException sdk && (sdk.isThrottlingException() || sdk.statusCode() == 429)) {
                return true;
            }
            String name = t.getClass().getSimpleName();
            if (name.equals("ThrottlingException") || name.equals("TooManyRequestsException")) {
                return true;
            }
            if (t.getCause() == t) {
                break;
            }
        }
        return false;
    }

    /** Connection refused, no route, unknown host: nothing listens where the provider is configured. */
    static boolean isUnreachable(Throwable error) {
        for (Throwable t = error; t != null; t = t.getCause()) {
            if (t instanceof ConnectException
                    || t instanceof NoRouteToHostException
                    || t instanceof UnknownHostException) {
                return true;
            }
            if (t.getCause() == t) {
                break;
            }
        }
        return false;
    }

    static boolean isTransient(Throwable error) {
        if (isThrottling(error)) {
            return true;
        }
        for (Throwable t = error; t != null; t = t.getCause()) {
            if (t instanceof InternalServerException
                    || t instanceof TimeoutException
                    || t instanceof SocketTimeoutException
                    || t instanceof HttpTimeoutException
                    || t instanceof InterruptedIOException
                    || t instanceof ApiCallTimeoutException
                    || t instanceof ApiCallAttemptTimeoutException) {
                return true;
            }
            if (t instanceof HttpException http && http.statusCode() >= 500) {
                return true;
            }
            if (t instanceof SdkServiceException sdk && sdk.statusCode() >= 500) {
                return true;
            }
            String name = t.getClass().getSimpleName();
            if (name.equals("ServiceUnavailableException") || name.equals("ModelNotReadyException")) {
                return true;
            }
            if (t.getCause() == t) {
                break;
            }
        }
        return false;
    }
}
