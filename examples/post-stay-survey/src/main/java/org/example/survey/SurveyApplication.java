package org.example.survey;

import org.apache.camel.main.Main;

/**
 * The post-stay survey: a camel-main application that receives the hub's lifecycle events on {@code POST /hooks}
 * (a subscriber of the hub: {@code hub.subscribers.survey.*}) and emails each checked-out guest a survey an hour later.
 */
public final class SurveyApplication {

    private SurveyApplication() {
    }

    public static Main main() {
        Main main = new Main();
        main.configure().addRoutesBuilder(new SurveyRoutes());
        main.setDefaultPropertyPlaceholderLocation("classpath:survey.properties");
        return main;
    }

    public static void main(String[] args) throws Exception {
        main().run(args);
    }
}
