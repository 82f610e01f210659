package org.wifionboarding.hub.mapping;

/** Phone numbers as booking systems keep them (typed by people) and as the hub keeps them (E.164). */
public final class Phones {

    private Phones() {
    }

    /**
     * The number in E.164 when it is one once spaces, dots, dashes and brackets are gone ("+33 6 12 34 56 78") or it
     * is written with the international prefix 00 ("00420123456789"); null otherwise (a national number says
     * nothing about its country), and for null.
     */
    public static String e164(String phone) {
        if (phone == null) {
            return null;
        }
        String compact = phone.replaceAll("[\\s().-]", "");
        if (compact.startsWith("00")) {
            compact = "+" + compact.substring(2);
        }
        return compact.matches("\\+[1-9]\\d{6,14}") ? compact : null;
    }
}
