package org.lintel.hub.receivables.reminders;

import java.math.BigDecimal;
import java.time.LocalDate;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * A reminder's words: the site's template for the payer's language, or the built-in one, with the payer, the room,
 * the amount owed, the periods, the due date and how to pay filled in. The same values go to an SMS provider's
 * registered template field by field.
 */
final class ReminderText {

    static final Map<String, String> BUILT_IN = Map.of(
            "zh", "【{site}】{payer}您好：{room} {periods} 的账单尚欠 ¥{amount}，{status}。{howToPay}如已缴纳请忽略。如不愿接收提醒，请告知物业服务中心。",
            "en", "[{site}] Dear {payer}: {room} owes CNY {amount} for {periods}; {status}. {howToPay}If you have paid, please ignore this."
                    + " To stop these reminders, tell the property office.");

    private ReminderText() {
    }

    /** The values a template takes, by name. */
    static Map<String, String> fields(String language, String site, String payer, String room, BigDecimal amount, List<String> periods, LocalDate due,
                                      LocalDate today, String howToPay) {
        boolean zh = !"en".equals(language);
        Map<String, String> f = new LinkedHashMap<>();
        f.put("site", site);
        f.put("payer", payer);
        f.put("room", room);
        f.put("amount", amount.toPlainString());
        f.put("periods", String.join(zh ? "、" : ", ", periods));
        f.put("due", due.toString());
        long late = due.until(today, java.time.temporal.ChronoUnit.DAYS);
        f.put("status", late < 0 ? (zh ? "请于 " + due + " 前缴纳" : "please pay by " + due)
                : late == 0 ? (zh ? "今天（" + due + "）到期" : "due today, " + due)
                : (zh ? "已于 " + due + " 到期，逾期 " + late + " 天" : "overdue since " + due + " (" + late + " days)"));
        f.put("howToPay", howToPay == null || howToPay.isBlank() ? "" : howToPay + (zh ? "" : " "));
        return f;
    }

    static String fill(String template, Map<String, String> fields) {
        String out = template;
        for (Map.Entry<String, String> e : fields.entrySet()) {
            out = out.replace("{" + e.getKey() + "}", e.getValue());
        }
        return out;
    }
}
