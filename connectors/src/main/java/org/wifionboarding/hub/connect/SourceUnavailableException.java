package org.wifionboarding.hub.connect;

import java.time.Duration;

/** A booking system's API that cannot answer now; try again, no sooner than {@link #retryAfter()} when the vendor said so. */
public class SourceUnavailableException extends RetryLaterException {

    public SourceUnavailableException(String message, Duration retryAfter, Throwable cause) {
        super(message, retryAfter, cause);
    }
}
