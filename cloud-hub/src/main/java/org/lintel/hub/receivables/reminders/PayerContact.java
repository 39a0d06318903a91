package org.lintel.hub.receivables.reminders;

import java.time.Instant;

/**
 * How a unit's payer is reached: phone (SMS), e-mail, an app or WeChat user id (webhook); which language they read;
 * whether they opted out of reminders, when, who recorded it and why. A contact names its payer: when the unit
 * changes hands it no longer applies, so nobody is reminded of a bill that is not theirs.
 */
public record PayerContact(String site, String unit, String payer, String phone, String email, String appUser, String language, Instant optedOutAt,
                           String optOutNote, String updatedBy, Instant updatedAt) {

    public boolean optedOut() {
        return optedOutAt != null;
    }
}
