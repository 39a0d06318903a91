package org.lintel.hub.api.billing;

import com.fasterxml.jackson.databind.JsonNode;
import io.vertx.ext.web.RoutingContext;
import java.util.ArrayList;
import java.util.List;
import org.lintel.hub.api.http.ApiRouter;
import org.lintel.hub.api.http.Problem;
import org.lintel.hub.billing.BillingAccountStore;

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
            a.path("feeItems").forEach(i -> items.add(i.asText()));
            out.add(new BillingAccountStore.Stored(a.path("unit").asText(), a.path("payer").asText(), a.path("persons").asInt(3),
                    a.path("timeOfUse").asBoolean(false), items));
        }
        return out;
    }
}
