package org.lintel.tariff;

import java.util.List;
import org.lintel.i18n.Label;

/**
 * What a site's 缴费通知单 (payment notice) says besides the bill: days from the end of the period to the due date,
 * the ways to pay, and whom to ask (the property office's counter and phone).
 */
public record PaymentNotice(int dueDays, List<Label> channels, Label contact) {

    public static final PaymentNotice DEFAULT = new PaymentNotice(15, List.of(), Label.NONE);

    public PaymentNotice {
        channels = List.copyOf(channels);
    }
}
