package org.wifionboarding.hub.ingest;

/** Ends a webhook with a problem answer; {@code review} says whether the request is kept for review. */
public class WebhookRejection extends RuntimeException {
    private final Problem problem;
    private final boolean review;

    public WebhookRejection(Problem problem, boolean review) {
        super(problem.title() + ": " + problem.detail(), null, false, false);
        this.problem = problem;
        this.review = review;
    }

    public Problem problem() {
        return problem;
    }

    public boolean review() {
        return review;
    }
}
