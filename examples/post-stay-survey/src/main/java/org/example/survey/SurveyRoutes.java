package org.example.survey;

import java.time.Clock;
import java.time.Duration;
import org.apache.camel.Exchange;
import org.apache.camel.builder.RouteBuilder;

/**
 * {@code POST /hooks}: signed requests only; a check-out becomes a survey. Every {@code survey.poll-ms}: the surveys due
 * are emailed through the SMTP server the hub uses ({@code hub.smtp.*}).
 */
public class SurveyRoutes extends RouteBuilder {

    @Override
    public void configure() throws Exception {
        var properties = getContext().getPropertiesComponent();
        Surveys surveys = new Surveys(properties.resolveProperty("survey.data-dir").orElse("./survey-data"),
                Duration.parse(properties.resolveProperty("survey.delay").orElse("PT1H")), Clock.systemUTC());
        getContext().getRegistry().bind("surveys", surveys);

        from("platform-http:/hooks?httpMethodRestrict=POST")
                .routeId("receive-event")
                .convertBodyTo(String.class)
                .process(new SignedRequests(properties.resolveProperty("survey.secret")
                        .filter(s -> !s.isBlank()).orElseThrow(() -> new IllegalStateException("survey.secret is not set"))))
                .bean(surveys, "take(${body}, ${header.webhook-id})")
                .removeHeaders("*")
                .setHeader(Exchange.HTTP_RESPONSE_CODE, constant(204))
                .setBody(constant(""));

        from("timer:surveys?delay=1000&period={{survey.poll-ms}}")
                .routeId("send-surveys")
                .bean(surveys, "due")
                .split(body())
                    .setHeader("SurveyId", simple("${body.webhookId()}"))
                    .setHeader("To", simple("${body.email()}"))
                    .setHeader("From", simple("{{hub.smtp.from}}"))
                    .setHeader("Subject", simple("How was your stay?"))
                    .setHeader(Exchange.CONTENT_TYPE, constant("text/plain; charset=UTF-8"))
                    .setBody(simple("Hello ${body.name()},\n\nthank you for staying with us. Two minutes of your time would help us: "
                            + "{{survey.link}}\n"))
                    .to("smtp://{{hub.smtp.host}}:{{hub.smtp.port}}")
                    .bean(surveys, "sent(${header.SurveyId})")
                .end();
    }
}
