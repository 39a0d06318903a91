package org.lintel.hub.api.billing;

import com.fasterxml.jackson.databind.JsonNode;
import io.vertx.ext.web.RoutingContext;
import java.util.ArrayList;
import java.util.List;
import org.lintel.hub.api.http.ApiRouter;
import org.lintel.hub.api.http.Problem;
import org.lintel.hub.billing.BillingAccountStore;
import org.lintel.hub.billing.ChargedPeriod;

/** The billing accounts of a request body: a JSON array already checked against the OpenAPI schema. */
final class JsonAccounts {

    private JsonAccounts() {
    }

    static List<BillingAccountStore.Stored> read(RoutingContext ctx) {
        JsonNode tree;
        try {
            tree = ApiRouter.JSON.readTree(ctx.body().asString());
        } catch (Exception e) {
            throw Problem.badRequest("body", "the body is not JSON");
        }
        List<BillingAccountStore.Stored> out = new ArrayList<>();
        for (JsonNode a : tree) {
            List<String> items = new ArrayList<>();
            java.util.Map<String, ChargedPeriod> periods = new java.util.LinkedHashMap<>();
            int i = out.size();
            for (JsonNode item : a.path("feeItems")) {
                if (item.isTextual()) {
                    items.add(item.asText());
                    continue;
                }
                // {"id": "parking", "from": "2026-11-10", "to": "2027-01-01"}: charged only from or until a date
                String id = item.path("id").asText();
                items.add(id);
                try {
                    periods.put(id, new ChargedPeriod(date(item, "from"), date(item, "to")));
                } catch (java.time.format.DateTimeParseException | IllegalArgumentException e) {
                    throw Problem.badRequest("[" + i + "].feeItems", "account [" + i + "], fee item '" + id + "': " + e.getMessage()
                            + "; dates are local dates such as 2026-11-10, 'from' before 'to' (exclusive)");
                }
            }
            out.add(new BillingAccountStore.Stored(a.path("unit").asText(), a.path("payer").asText(), a.path("persons").asInt(3),
                    a.path("timeOfUse").asBoolean(false), items, periods));
        }
        return out;
    }

    private static java.time.LocalDate date(JsonNode item, String field) {
        return item.hasNonNull(field) ? java.time.LocalDate.parse(item.get(field).asText()) : null;
    }
}
