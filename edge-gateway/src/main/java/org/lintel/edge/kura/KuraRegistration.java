package org.lintel.edge.kura;

import java.lang.reflect.Proxy;
import java.util.Hashtable;
import org.lintel.edge.osgi.GatewayComponent;
import org.osgi.framework.BundleContext;
import org.osgi.framework.ServiceRegistration;
import org.osgi.service.component.annotations.Activate;
import org.osgi.service.component.annotations.Component;
import org.osgi.service.component.annotations.Deactivate;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The thin Kura-facing part: on Eclipse Kura, announces the gateway's configuration pid as a Kura
 * {@code ConfigurableComponent}, so that Kura's web UI renders the gateway's Metatype and writes its configuration
 * through ConfigAdmin. Kura's API is not on Maven Central, so the marker interface is loaded by name through the
 * bundle's optional import of {@code org.eclipse.kura.configuration}; outside Kura this component does nothing.
 */
@Component(immediate = true, service = {})
public final class KuraRegistration {

    static final String CONFIGURABLE_COMPONENT = "org.eclipse.kura.configuration.ConfigurableComponent";
    private static final Logger LOG = LoggerFactory.getLogger(KuraRegistration.class);

    private ServiceRegistration<?> registration;

    @Activate
    void activate(BundleContext context) {
        Class<?> marker;
        try {
            marker = KuraRegistration.class.getClassLoader().loadClass(CONFIGURABLE_COMPONENT);
        } catch (ClassNotFoundException e) {
            LOG.info("event=kura-absent pid={} hint=\"configure it through ConfigAdmin\"", GatewayComponent.PID);
            return;
        }
        // ConfigurableComponent is a marker interface: a proxy implements it fully.
        Object component = Proxy.newProxyInstance(KuraRegistration.class.getClassLoader(), new Class<?>[] {marker},
                (proxy, method, args) -> switch (method.getName()) {
                    case "toString" -> "Lintel edge gateway (" + GatewayComponent.PID + ")";
                    case "hashCode" -> System.identityHashCode(proxy);
                    case "equals" -> proxy == args[0];
                    default -> null;
                });
        Hashtable<String, Object> props = new Hashtable<>();
        props.put("service.pid", GatewayComponent.PID);
        props.put("kura.service.pid", GatewayComponent.PID);
        registration = context.registerService(CONFIGURABLE_COMPONENT, component, props);
        LOG.info("event=kura-registered pid={}", GatewayComponent.PID);
    }

    @Deactivate
    void deactivate() {
        if (registration != null) {
            registration.unregister();
            registration = null;
        }
    }
}
