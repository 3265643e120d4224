package news.articles.testing;

import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Deque;
import java.util.List;
import news.articles.mail.EmailMessage;
import news.articles.mail.MailException;
import news.articles.mail.Mailer;

/** A {@link Mailer} that keeps what it is given, or throws what the test queued. */
public final class RecordingMailer implements Mailer {

    private final List<EmailMessage> sent = new ArrayList<>();
    private final Deque<MailException> failures = new ArrayDeque<>();

    @Override
    public void send(EmailMessage message) {
        MailException failure = failures.poll();
        if (failure != null) {
            throw failure;
        }
        sent.add(message);
    }

    public void failNextWith(MailException failure) {
        failures.add(failure);
    }

    public List<EmailMessage> sent() {
        return List.copyOf(sent);
    }

    public EmailMessage last() {
        if (sent.isEmpty()) {
            throw new AssertionError("no email was sent");
        }
        return sent.get(sent.size() - 1);
    }
}
