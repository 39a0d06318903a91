package org.lintel.hub.receivables;

import com.fasterxml.jackson.annotation.JsonValue;
import java.util.Arrays;
import java.util.Optional;

/** How money was received. No payment gateway is called: the channel's own statement confirms it. */
public enum PaymentMethod {
    CASH("cash", "现金", "Cash"),
    WECHAT("wechat", "微信支付", "WeChat Pay"),
    ALIPAY("alipay", "支付宝", "Alipay"),
    BANK_TRANSFER("bank-transfer", "银行转账", "Bank transfer"),
    CARD("card", "银行卡", "Card");

    private final String id;
    private final String zh;
    private final String en;

    PaymentMethod(String id, String zh, String en) {
        this.id = id;
        this.zh = zh;
        this.en = en;
    }

    @JsonValue
    public String id() {
        return id;
    }

    public String zh() {
        return zh;
    }

    public String en() {
        return en;
    }

    public static Optional<PaymentMethod> byId(String id) {
        return Arrays.stream(values()).filter(m -> m.id.equals(id)).findFirst();
    }

    public static String ids() {
        return String.join(", ", Arrays.stream(values()).map(PaymentMethod::id).toList());
    }
}
