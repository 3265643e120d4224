package news.articles.subscription;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;

import news.articles.error.RejectedException;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.junit.jupiter.params.provider.NullSource;
import org.junit.jupiter.params.provider.ValueSource;

class EmailAddressTest {

    @ParameterizedTest
    @CsvSource(delimiter = '|', value = {
        "reader@example.com              | reader@example.com",
        "'  reader@example.com  '        | reader@example.com",
        "Reader.Name@Example.COM         | Reader.Name@example.com",
        "first.last+news@mail.example.org | first.last+news@mail.example.org",
        "o'neil@example.ie               | o'neil@example.ie",
        "x@a-b.co                        | x@a-b.co",
        "MiXeD@SUB.Example.Co.UK         | MiXeD@sub.example.co.uk",
        "user_1%tag@xn--bcher-kva.example | user_1%tag@xn--bcher-kva.example",
        // the ends of each range of characters: a z A Z 0 9, and the first of the specials
        "az.AZ.09@az09.example.org         | az.AZ.09@az09.example.org",
        "Zed@Zone.example                  | Zed@zone.example",
        "zara@quiz.example                 | zara@quiz.example",
        "Alba@AZ.example                   | Alba@az.example",
        "!bang!@example.com                | !bang!@example.com",
    })
    void trimsAndLowerCasesTheDomainOnly(String typed, String normalised) {
        assertEquals(normalised, EmailAddress.parse(typed).value());
    }

    @Test
    void trimsSurroundingLineBreaksAndTabs() {
        assertEquals("reader@example.com", EmailAddress.parse("\t reader@example.com\r\n").value());
    }

    @ParameterizedTest
    @NullSource
    @ValueSource(strings = {
        "", "   ",
        // header injection and control characters
        "reader@example.com\r\nBcc: victim@example.org", "read\ner@example.com", "reader@exam\rple.com",
        "reader\u0000@example.com", "reader@example.com\u0000", "rea\u0007der@example.com", "rea\tder@example.com",
        // spaces
        "read er@example.com", "reader@exa mple.com", "\"read er\"@example.com",
        // structure
        "reader.example.com", "@example.com", "reader@", "reader@@example.com", "a@b@example.com",
        "reader@localhost", "reader@example", "reader@example.c", "reader@192.168.0.1", "reader@example.123",
        "reader@[192.168.0.1]", "reader@-example.com", "reader@example-.com", "reader@exa_mple.com",
        // dots
        ".reader@example.com", "reader.@example.com", "rea..der@example.com",
        "reader@.example.com", "reader@example.com.", "reader@example..com",
        // not ASCII
        "léa@example.com", "lea@exämple.com", "reader@example.cöm",
        "reader(comment)@example.com", "<reader@example.com>", "reader@example.com>",
    })
    void rejectsWhatNoMailboxUses(String typed) {
        RejectedException error = assertThrows(RejectedException.class, () -> EmailAddress.parse(typed));
        assertEquals(RejectedException.Reason.INVALID, error.reason());
        assertEquals("INVALID_EMAIL", error.code());
    }

    @Test
    void limitsTheLocalPartTo64Characters() {
        assertEquals("a".repeat(64) + "@example.com", EmailAddress.parse("a".repeat(64) + "@example.com").value());
        assertThrows(RejectedException.class, () -> EmailAddress.parse("a".repeat(65) + "@example.com"));
    }

    @Test
    void limitsEachDomainLabelTo63Characters() {
        assertEquals("a@" + "b".repeat(63) + ".com", EmailAddress.parse("a@" + "b".repeat(63) + ".com").value());
        assertThrows(RejectedException.class, () -> EmailAddress.parse("a@" + "b".repeat(64) + ".com"));
    }

    @Test
    void limitsTheWholeAddressTo254Characters() {
        String domain189 = "d".repeat(63) + "." + "d".repeat(63) + "." + "d".repeat(61);
        String longest = "a".repeat(64) + "@" + domain189;
        assertEquals(EmailAddress.MAX_LENGTH, longest.length());
        assertEquals(longest, EmailAddress.parse(longest).value());

        String tooLong = "a".repeat(64) + "@" + "d".repeat(63) + "." + "d".repeat(63) + "." + "d".repeat(62);
        assertEquals(EmailAddress.MAX_LENGTH + 1, tooLong.length());
        assertThrows(RejectedException.class, () -> EmailAddress.parse(tooLong));
    }

    @Test
    void toStringHidesTheAddress() {
        EmailAddress address = EmailAddress.parse("secret.reader@example.com");
        assertFalse(address.toString().contains("secret"), address.toString());
        assertFalse(address.toString().contains("example"), address.toString());
    }

    @org.junit.jupiter.params.ParameterizedTest
    @org.junit.jupiter.params.provider.CsvSource({
            "Reader+news@Example.com, reader@example.com",
            "first.last@example.com, first.last@example.com",
            "first.last+tag+more@example.com, first.last@example.com",
            "F.i.r.s.t+x@gmail.com, first@gmail.com",
            "first.last@googlemail.com, firstlast@gmail.com",
            "+tag@example.com, +tag@example.com",
            "first@mail.gmail.com.example.org, first@mail.gmail.com.example.org"})
    void theMailboxKeyIsTheInboxTheAddressReaches(String address, String mailbox) {
        assertEquals(mailbox, EmailAddress.parse(address).mailboxKey());
    }
}
