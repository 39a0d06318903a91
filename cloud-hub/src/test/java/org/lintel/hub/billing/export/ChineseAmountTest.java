package org.lintel.hub.billing.export;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import java.math.BigDecimal;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

/** Amounts in 大写 as a bank or a tax office would write them, each case checked against the written rules. */
class ChineseAmountTest {

    @ParameterizedTest(name = "{0} is written {1}")
    @CsvSource({
            "1045.85, 壹仟零肆拾伍元捌角伍分",
            "1000.00, 壹仟元整",
            "10.05, 壹拾元零伍分",
            "100010.00, 壹拾万零壹拾元整",
            "100000001.00, 壹亿零壹元整",
            "11000.00, 壹万壹仟元整",
            "10005.00, 壹万零伍元整",
            "0.50, 伍角",
            "0.07, 柒分",
            "0.00, 零元整",
            "516.90, 伍佰壹拾陆元玖角",
            "2000300.40, 贰佰万零叁佰元肆角",
            "-25.00, 负贰拾伍元整",
            "999999999999.99, 玖仟玖佰玖拾玖亿玖仟玖佰玖拾玖万玖仟玖佰玖拾玖元玖角玖分"})
    void anAmountIsWrittenInCapitalNumerals(String amount, String written) {
        assertEquals(written, ChineseAmount.of(new BigDecimal(amount)));
    }

    @Test
    void aTrillionYuanOrMoreIsRefusedRatherThanMiswritten() {
        assertThrows(IllegalArgumentException.class, () -> ChineseAmount.of(new BigDecimal("1000000000000.00")));
    }
}
