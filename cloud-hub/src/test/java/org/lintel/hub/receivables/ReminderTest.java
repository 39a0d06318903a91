package org.lintel.hub.receivables;

import org.lintel.hub.TestClock;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.sun.net.httpserver.HttpServer;
import java.io.IOException;
import java.math.BigDecimal;
import java.net.InetSocketAddress;
import java.net.URLDecoder;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.time.LocalDate;
import java.time.LocalDateTime;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.lintel.hub.TestPostgres;
import org.lintel.hub.billing.BillingException;
import org.lintel.hub.billing.MoveOuts;
import org.lintel.hub.receivables.reminders.Reminder;
import org.lintel.hub.receivables.reminders.Reminders;

/**
 * Payment reminders against a local HTTP server standing in for the SMS provider and the WeChat integration (it
 * records every request, and refuses one phone number as a provider does when it is down): the October bills of the
 * two-flat ledger fall due on 15 November; the policy reminds 3 days before, on the day and 7 days after, never
 * between 21:00 and 08:00, at most once every 3 days per payer.
 */
class ReminderTest {

    record Request(String path, String query, String body) {
    }

    final TestClock clock = new TestClock();
    final List<Request> requests = Collections.synchronizedList(new ArrayList<>());
    HttpServer provider;
    Ledger ledger;
    Reminders reminders;

    static Instant local(int month, int day, int hour, int minute) {
        return LocalDateTime.of(2026, month, day, hour, minute).atZone(Ledger.SHANGHAI).toInstant();
    }

    @BeforeEach
    void start() throws IOException {
        provider = HttpServer.create(new InetSocketAddress("127.0.0.1", 0), 0);
        provider.createContext("/", x -> {
            String query = x.getRequestURI().getRawQuery() == null ? "" : URLDecoder.decode(x.getRequestURI().getRawQuery(), StandardCharsets.UTF_8);
            requests.add(new Request(x.getRequestURI().getPath(), query, new String(x.getRequestBody().readAllBytes(), StandardCharsets.UTF_8)));
            int status = query.contains("13900000000") ? 503 : 200;
            byte[] answer = (status == 200 ? "{\"code\":\"OK\"}" : "{\"code\":\"isv.BUSINESS_LIMIT_CONTROL\"}").getBytes(StandardCharsets.UTF_8);
            x.sendResponseHeaders(status, answer.length);
            x.getResponseBody().write(answer);
            x.close();
        });
        provider.start();
        clock.now = local(11, 1, 9, 0);
        ledger = new Ledger(TestPostgres.newDatabase(), clock).site("s");
        ledger.issue("s", LocalDate.of(2026, 10, 1));
        reminders = new Reminders(ledger.db, ledger.receivables, site -> new Reminders.Site(unit -> ledger.billing.accounts(site).stream()
                .filter(a -> a.unit().equals(unit)).map(a -> a.payer()).findFirst(), unit -> unit.equals("u1") ? "1号楼 0101" : "2号楼 0101",
                "林泰花园", lang -> lang.equals("en") ? "Pay at the property office or by WeChat." : "请到物业服务中心或通过微信缴纳。", Ledger.SHANGHAI), clock);
        String base = "http://127.0.0.1:" + provider.getAddress().getPort();
        reminders.putPolicy("s", Map.of("schedule", List.of(-3, 0, 7), "quietHours", Map.of("from", "21:00", "to", "08:00"), "minIntervalDays", 3,
                "sms", Map.of("url", base + "/sms?to={phone}&msg={text}&amount={amount}"), "webhook", Map.of("url", base + "/wechat")), "manager");
        reminders.putContact("s", "u1", "13800138000", null, null, "zh", false, null, "clerk");
        reminders.putContact("s", "u2", "13700137000", null, "wx-openid-u2", "en", false, null, "clerk");
    }

    @AfterEach
    void stop() {
        provider.stop(0);
        ledger.db.close();
    }

    List<Reminder> at(Instant t) {
        clock.now = t;
        return reminders.sendDue("s");
    }

    @Test
    void remindersGoOnTheScheduleOutsideQuietHoursAndAtMostOncePerIntervalWithTheAmountPeriodAndDueDate() {
        assertEquals(List.of(), at(local(11, 10, 10, 0)), "three days before the due date is the 12th");
        assertEquals(List.of(), at(local(11, 12, 22, 30)), "quiet hours");
        assertEquals(List.of(), at(local(11, 13, 7, 59)), "quiet hours until 08:00");
        List<Reminder> first = at(local(11, 13, 8, 0));
        assertEquals(List.of("u1 sms", "u2 sms", "u2 webhook"), first.stream().map(r -> r.unit() + " " + r.channel()).toList());
        assertTrue(first.stream().allMatch(Reminder::delivered));
        assertEquals(3, requests.size());
        Request zh = requests.get(0);
        assertTrue(zh.query().contains("to=13800138000"), zh.query());
        assertTrue(zh.query().contains("【林泰花园】张伟您好：1号楼 0101 2026-10-01–2026-10-31 的账单尚欠 ¥274.00，请于 2026-11-15 前缴纳。"), zh.query());
        assertTrue(zh.query().contains("转账备注：B"), zh.query());
        assertTrue(zh.query().contains("amount=274.00"), "the provider's template field: " + zh.query());
        assertTrue(requests.get(2).body().contains("\"to\":\"wx-openid-u2\"") && requests.get(2).body().contains("please pay by 2026-11-15"),
                requests.get(2).body());
        assertEquals(List.of(), at(local(11, 13, 12, 0)), "the step was delivered");
        assertEquals(List.of(), at(local(11, 15, 9, 0)), "the due date's step waits: the last reminder was less than 3 days ago");
        List<Reminder> onTheDay = at(local(11, 16, 8, 0));
        assertEquals(3, onTheDay.size());
        assertTrue(onTheDay.get(0).text().contains("已于 2026-11-15 到期，逾期 1 天"), onTheDay.get(0).text());
        assertEquals(List.of(0), onTheDay.get(0).steps());
        assertEquals(6, reminders.log("s", null, 100).size(), "every reminder is logged with its result");
    }

    @Test
    void aPayerWhoPaidOrOptedOutHearsNothing() {
        clock.now = local(11, 2, 10, 0);
        ledger.receivables.pay("s", "u1", new Receivables.PaymentRequest(new BigDecimal("274.00"), PaymentMethod.CASH, null, local(11, 2, 10, 0), null,
                List.of()), "clerk");
        reminders.putContact("s", "u2", "13700137000", null, "wx-openid-u2", "en", true, "asked at the counter, 2 November", "clerk");
        assertEquals(List.of(), at(local(11, 13, 8, 0)));
        assertEquals(List.of(), at(local(11, 22, 10, 0)));
        assertTrue(requests.isEmpty());
        assertTrue(reminders.contacts("s", "u2").get(0).optedOut());
        assertEquals("asked at the counter, 2 November", reminders.contacts("s", "u2").get(0).optOutNote());
    }

    @Test
    void aFailedDeliveryIsLoggedWithTheProvidersAnswerAndTriedAgainAtMostThreeTimes() {
        reminders.putContact("s", "u1", "13900000000", null, null, "zh", false, null, "clerk");
        reminders.putContact("s", "u2", "13700137000", null, null, "en", true, null, "clerk");
        for (int hour = 8; hour < 14; hour++) {
            at(local(11, 13, hour, 0));
        }
        List<Reminder> log = reminders.log("s", "u1", 100);
        assertEquals(3, log.size(), "three attempts, then it stops: " + log);
        assertTrue(log.stream().noneMatch(Reminder::delivered));
        assertTrue(log.get(0).detail().startsWith("HTTP 503"), log.get(0).detail());
        // once the number is fixed, the step goes out
        reminders.putContact("s", "u1", "13800138000", null, null, "zh", false, null, "clerk");
        assertEquals(1, at(local(11, 13, 15, 0)).size());
    }

    @Test
    void aContactNamesItsPayerSoAFormerOccupantIsNotRemindedOfTheNewcomersBillsNorTheNewcomerOfTheirs() {
        clock.now = local(11, 5, 15, 0);
        ledger.moveOuts.settle("s", Ledger.SHANGHAI, "u1", local(11, 5, 14, 37), null, new MoveOuts.Arriving("李娜", 2, null, null), "clerk");
        List<Reminder> sent = at(local(11, 13, 8, 0));
        assertFalse(sent.stream().anyMatch(r -> r.unit().equals("u1")), "张伟's contact lapsed with the move-out; 李娜 has none yet: " + sent);
        reminders.putContact("s", "u1", "13600136000", null, null, "zh", false, null, "clerk");
        assertEquals(Optional.of("李娜"), reminders.contacts("s", "u1").stream().map(c -> c.payer()).findFirst());
        // 李娜 owes nothing yet: 张伟's October bill and final bill are his, and stay on his statement, not in her reminders
        assertEquals(List.of(), at(local(11, 20, 8, 0)).stream().filter(r -> r.unit().equals("u1")).toList());
    }

    @Test
    void aPolicyWithoutAChannelOrWithAWrongFieldIsRefusedNamingIt() {
        BillingException none = assertThrows(BillingException.class, () -> reminders.putPolicy("s", Map.of("schedule", List.of(0)), "manager"));
        assertEquals("sms", none.field());
        BillingException quiet = assertThrows(BillingException.class, () -> reminders.putPolicy("s", Map.of("schedule", List.of(0),
                "quietHours", Map.of("from", "9pm", "to", "08:00"), "webhook", Map.of("url", "http://x")), "manager"));
        assertEquals("quietHours.from", quiet.field());
        BillingException phone = assertThrows(BillingException.class, () -> reminders.putContact("s", "u1", "call me", null, null, "zh", false, null, "c"));
        assertEquals("phone", phone.field());
    }
}
