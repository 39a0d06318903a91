package org.lintel.tariff;

import java.util.List;

/** A site's tariff file: the site it prices and its fee items, in file order. */
public record TariffFile(String site, String currency, List<FeeItem> items, String file) {

    public TariffFile {
        items = List.copyOf(items);
    }
}
