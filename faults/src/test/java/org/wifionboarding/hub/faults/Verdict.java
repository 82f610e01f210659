package org.wifionboarding.hub.faults;

import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.function.ToIntFunction;

/**
 * The checker: what the senders were told against what the hub holds. For every booking the run made, the
 * database and the SMTP server are asked: booked, provisioned (its RADIUS rows), delivered (SENT and an email),
 * lost (acknowledged and no booking), duplicated (an event applied twice, a second credential, copies given
 * different ids), stuck (not settled: provisioning not done, delivery neither SENT nor FAILED), and emails
 * beyond one per guest.
 */
record Verdict(String run, int acknowledged, int booked, int provisioned, int delivered, int lost, int duplicated, int stuck,
               int frontDesk, int extraEmails, int missingEmails, List<String> examples) {

    /** What a booking should end as. */
    enum Expect {
        /** confirmed, window ahead: PENDING, three RADIUS rows (password, expiration, Reject until check-in), email sent */
        CONFIRMED,
        /** confirmed, modified and checked out: no live credential (REVOKED, or NONE when the checkout was seen first), no RADIUS rows */
        CHECKED_OUT
    }

    /**
     * @param bookings the run's bookings: booking id → guest number
     * @param ids per event key, the hub event ids its acknowledgements named
     * @param eventsPerBooking how many distinct events each booking was sent (for "applied twice")
     */
    static Verdict of(String run, Connection db, Map<String, Integer> bookings, Map<String, Set<String>> ids, Expect expect,
                      int eventsPerBooking, ToIntFunction<String> emailsTo) throws SQLException {
        Map<String, String[]> rows = new HashMap<>();
        try (PreparedStatement q = db.prepareStatement("SELECT booking_id, state, provisioning_state, delivery_state, username, front_desk "
                + "FROM booking WHERE source = 'generic' AND booking_id LIKE ?")) {
            q.setString(1, run + "-%");
            try (ResultSet rs = q.executeQuery()) {
                while (rs.next()) {
                    rows.put(rs.getString(1), new String[] {rs.getString(2), rs.getString(3), rs.getString(4), rs.getString(5),
                            String.valueOf(rs.getBoolean(6))});
                }
            }
        }
        Map<String, Integer> radius = count(db, "SELECT username, COUNT(*) FROM radcheck WHERE username IN "
                + "(SELECT username FROM booking WHERE booking_id LIKE ?) GROUP BY username", run + "-%");
        Map<String, Integer> applied = count(db, "SELECT booking_id, COUNT(*) FROM booking_timeline WHERE booking_id LIKE ? AND event_id IS NOT NULL "
                + "AND (entry LIKE 'CONFIRMED%' OR entry LIKE 'MODIFIED%' OR entry LIKE 'CHECKED%' OR entry LIKE 'CANCELLED%') GROUP BY booking_id", run + "-%");
        int booked = 0;
        int provisioned = 0;
        int delivered = 0;
        int lost = 0;
        int duplicated = 0;
        int stuck = 0;
        int frontDesk = 0;
        int extra = 0;
        int missing = 0;
        List<String> examples = new ArrayList<>();
        for (Map.Entry<String, Integer> booking : bookings.entrySet()) {
            String[] row = rows.get(booking.getKey());
            if (row == null) {
                lost++;
                note(examples, "lost " + booking.getKey());
                continue;
            }
            booked++;
            int radiusRows = row[3] == null ? 0 : radius.getOrDefault(row[3], 0);
            if (applied.getOrDefault(booking.getKey(), 0) > eventsPerBooking) {
                duplicated++;
                note(examples, "applied twice " + booking.getKey() + " (" + applied.get(booking.getKey()) + " entries)");
            }
            if (expect == Expect.CONFIRMED) {
                if (radiusRows == 3 && "OK".equals(row[1])) {
                    provisioned++;
                } else if (radiusRows > 3) {
                    duplicated++;
                    note(examples, "second credential " + booking.getKey() + " (" + radiusRows + " rows)");
                } else {
                    stuck++;
                    note(examples, "not provisioned " + booking.getKey() + " " + String.join("/", row) + " rows=" + radiusRows);
                }
                int emails = emailsTo.applyAsInt(Senders.email(booking.getValue()));
                if ("SENT".equals(row[2])) {
                    delivered++;
                    missing += emails == 0 ? 1 : 0;
                    extra += Math.max(0, emails - 1);
                } else if ("FAILED".equals(row[2]) && "true".equals(row[4])) {
                    frontDesk++;
                    extra += Math.max(0, emails - 1);
                } else {
                    stuck++;
                    note(examples, "delivery " + row[2] + " " + booking.getKey());
                }
            } else {
                // REVOKED, or NONE when the checkout came first and the older confirmation was only recorded: no credential either way
                if (("REVOKED".equals(row[0]) || "NONE".equals(row[0])) && radiusRows == 0) {
                    provisioned++;
                } else {
                    stuck++;
                    note(examples, "not ended " + booking.getKey() + " state " + row[0] + " rows=" + radiusRows);
                }
            }
        }
        for (Map.Entry<String, Set<String>> copies : ids.entrySet()) {
            if (copies.getKey().startsWith(run + "-") && copies.getValue().size() > 1) {
                duplicated++;
                note(examples, "copies of " + copies.getKey() + " got different ids " + copies.getValue());
            }
        }
        int acknowledged = (int) ids.keySet().stream().filter(k -> k.startsWith(run + "-")).count();
        return new Verdict(run, acknowledged, booked, provisioned, delivered, lost, duplicated, stuck, frontDesk, extra, missing, examples);
    }

    private static void note(List<String> examples, String example) {
        if (examples.size() < 20) {
            examples.add(example);
        }
    }

    private static Map<String, Integer> count(Connection db, String sql, String like) throws SQLException {
        Map<String, Integer> counts = new HashMap<>();
        try (PreparedStatement q = db.prepareStatement(sql)) {
            q.setString(1, like);
            try (ResultSet rs = q.executeQuery()) {
                while (rs.next()) {
                    counts.put(rs.getString(1), rs.getInt(2));
                }
            }
        }
        return counts;
    }

    /** Whether every booking has settled (nothing lost, nothing pending), so the verdict can be taken. */
    boolean settled() {
        return lost == 0 && stuck == 0;
    }

    String report() {
        return String.format("%-24s acknowledged %6d  booked %6d  provisioned %6d  delivered %6d  lost %d  duplicated %d  stuck %d  "
                + "front-desk %d  extra-emails %d  missing-emails %d%s", run, acknowledged, booked, provisioned, delivered, lost, duplicated, stuck,
                frontDesk, extraEmails, missingEmails, examples.isEmpty() ? "" : "\n  e.g. " + String.join("\n  e.g. ", examples));
    }
}
