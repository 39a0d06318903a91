package org.lintel.tariff;

import java.util.List;

/** A site's tariff file: the site it prices, its fee items in file order, and what its payment notices say. */
public record TariffFile(String site, String currency, List<FeeItem> items, PaymentNotice notice, String file) {

    public TariffFile {
        items = List.copyOf(items);
        notice = notice == null ? PaymentNotice.DEFAULT : notice;
    }

    public TariffFile(String site, String currency, List<FeeItem> items, String file) {
        this(site, currency, items, PaymentNotice.DEFAULT, file);
    }
}
