package org.wifionboarding.hub.connect;

import java.time.Duration;

/** A provisioning target that cannot answer now (429, 5xx, timeout); try again, no sooner than {@link #retryAfter()} when it said so. */
public class TargetUnavailableException extends RetryLaterException {

    public TargetUnavailableException(String message, Duration retryAfter, Throwable cause) {
        super(message, retryAfter, cause);
    }
}
