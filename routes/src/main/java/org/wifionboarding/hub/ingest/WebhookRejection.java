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

    /** A 400 for an admin request, naming the field and why; admin requests are not kept for review. */
    public static WebhookRejection invalidField(String field, String reason) {
        return new WebhookRejection(new Problem(400, "Invalid request", field + ": " + reason,
                java.util.List.of(new Problem.FieldError(field, reason))), false);
    }

    public Problem problem() {
        return problem;
    }

    public boolean review() {
        return review;
    }
}
