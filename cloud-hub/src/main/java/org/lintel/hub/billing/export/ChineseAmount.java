package org.lintel.hub.billing.export;

import java.math.BigDecimal;
import java.math.RoundingMode;

/**
 * An amount in yuan written the way Chinese financial documents write it (大写金额), so that it cannot be altered:
 * 1,045.85 → 壹仟零肆拾伍元捌角伍分; 1,000.00 → 壹仟元整; 10.05 → 壹拾元零伍分; 100,010.00 → 壹拾万零壹拾元整.
 */
public final class ChineseAmount {

    private static final String DIGITS = "零壹贰叁肆伍陆柒捌玖";
    private static final String[] PLACES = {"", "拾", "佰", "仟"};
    private static final String[] SECTIONS = {"", "万", "亿"};

    private ChineseAmount() {
    }

    public static String of(BigDecimal amount) {
        BigDecimal fen = amount.setScale(2, RoundingMode.HALF_UP).movePointRight(2);
        if (fen.abs().compareTo(new BigDecimal("100000000000000")) >= 0) {
            throw new IllegalArgumentException("an amount below a trillion (万亿) yuan is written out; found " + amount.toPlainString());
        }
        long all = fen.abs().longValueExact();
        long yuan = all / 100;
        int jiao = (int) (all / 10 % 10);
        int cents = (int) (all % 10);
        StringBuilder s = new StringBuilder(amount.signum() < 0 ? "负" : "");
        if (yuan > 0) {
            s.append(integer(yuan)).append('元');
        }
        if (jiao == 0 && cents == 0) {
            return s.append(yuan == 0 ? "零元整" : "整").toString();
        }
        if (jiao > 0) {
            s.append(DIGITS.charAt(jiao)).append('角');
        } else if (yuan > 0) {
            s.append('零');
        }
        if (cents > 0) {
            s.append(DIGITS.charAt(cents)).append('分');
        }
        return s.toString();
    }

    private static String integer(long n) {
        StringBuilder s = new StringBuilder();
        boolean zero = false;
        for (int section = 2; section >= 0; section--) {
            int group = (int) (n / (long) Math.pow(10000, section) % 10000);
            if (group == 0) {
                zero = s.length() > 0;
                continue;
            }
            if (s.length() > 0 && (zero || group < 1000)) {
                s.append('零');
            }
            zero = false;
            boolean emitted = false;
            boolean gap = false;
            for (int place = 3; place >= 0; place--) {
                int d = (int) (group / (int) Math.pow(10, place) % 10);
                if (d == 0) {
                    gap = emitted;
                    continue;
                }
                if (gap) {
                    s.append('零');
                }
                gap = false;
                emitted = true;
                s.append(DIGITS.charAt(d)).append(PLACES[place]);
            }
            s.append(SECTIONS[section]);
        }
        return s.toString();
    }
}
