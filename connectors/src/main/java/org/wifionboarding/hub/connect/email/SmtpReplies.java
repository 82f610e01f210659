package org.wifionboarding.hub.connect.email;

import jakarta.mail.MessagingException;
import org.eclipse.angus.mail.smtp.SMTPAddressFailedException;
import org.eclipse.angus.mail.smtp.SMTPSendFailedException;
import org.eclipse.angus.mail.smtp.SMTPSenderFailedException;

/** Reads SMTP reply codes out of Jakarta Mail exceptions: 5yz is permanent, 4yz and no reply are worth a retry. */
public final class SmtpReplies {

    private SmtpReplies() {
    }

    public static boolean permanent(Throwable failure) {
        int code = code(failure);
        return code >= 500 && code < 600;
    }

    public static int code(Throwable failure) {
        for (Throwable t = failure; t != null; t = next(t)) {
            if (t instanceof SMTPSendFailedException e) {
                return e.getReturnCode();
            }
            if (t instanceof SMTPAddressFailedException e) {
                return e.getReturnCode();
            }
            if (t instanceof SMTPSenderFailedException e) {
                return e.getReturnCode();
            }
        }
        return -1;
    }

    /** The reply code and the exception type; never the server's text, which may echo the address. */
    public static String describe(Throwable failure) {
        int code = code(failure);
        return (code > 0 ? "SMTP " + code : "no SMTP reply") + (failure == null ? "" : " (" + failure.getClass().getSimpleName() + ")");
    }

    private static Throwable next(Throwable t) {
        if (t instanceof MessagingException m && m.getNextException() != null && m.getNextException() != t) {
            return m.getNextException();
        }
        return t.getCause() == t ? null : t.getCause();
    }
}
