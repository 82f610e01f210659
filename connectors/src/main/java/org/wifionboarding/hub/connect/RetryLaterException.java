package org.wifionboarding.hub.connect;

import java.time.Duration;

/** A vendor that cannot answer now; try again, no sooner than {@link #retryAfter()} when the vendor said so. */
public class RetryLaterException extends RuntimeException {
    private final Duration retryAfter;

    public RetryLaterException(String message, Duration retryAfter, Throwable cause) {
        super(message, cause);
        this.retryAfter = retryAfter;
    }

    /** The vendor's {@code Retry-After}, or null. */
    public Duration retryAfter() {
        return retryAfter;
    }
}
