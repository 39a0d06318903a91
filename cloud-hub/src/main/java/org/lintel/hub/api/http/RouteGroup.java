package org.lintel.hub.api.http;

/** One domain's endpoints; it is given only the services it uses and registers its routes on the router. */
@FunctionalInterface
public interface RouteGroup {

    void register(ApiRouter api);
}
