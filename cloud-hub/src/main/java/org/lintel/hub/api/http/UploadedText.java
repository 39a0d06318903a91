package org.lintel.hub.api.http;

import io.vertx.ext.web.RoutingContext;
import org.lintel.check.Problems;
import org.lintel.yaml.TextDecoding;

/** An uploaded file's text: UTF-8, or UTF-16 with a byte-order mark; anything else is answered 422 saying where. */
public final class UploadedText {

    private UploadedText() {
    }

    public static String of(RoutingContext ctx, String displayName, String what) {
        if (ctx.body() == null || ctx.body().buffer() == null || ctx.body().buffer().length() == 0) {
            throw Problem.badRequest("body", "send the " + what + " (YAML or JSON) as the request body");
        }
        Problems problems = new Problems();
        String text = TextDecoding.decode(ctx.body().buffer().getBytes(), displayName, problems).orElse(null);
        if (text == null) {
            throw new Problem(422, "Unreadable file", displayName + " is not text that can be read", FileProblems.of(problems));
        }
        if (text.isBlank()) {
            throw Problem.badRequest("body", "send the " + what + " (YAML or JSON) as the request body; it was empty");
        }
        return text;
    }
}
