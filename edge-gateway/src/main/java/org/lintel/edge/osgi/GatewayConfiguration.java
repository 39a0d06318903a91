package org.lintel.edge.osgi;

import org.osgi.service.metatype.annotations.AttributeDefinition;
import org.osgi.service.metatype.annotations.AttributeType;
import org.osgi.service.metatype.annotations.ObjectClassDefinition;

/**
 * The gateway's configuration as ConfigAdmin and Metatype see it (and Eclipse Kura's web UI renders it). The site file
 * describes buses and devices; every uplink setting of the site file can be overridden here.
 */
@ObjectClassDefinition(id = GatewayComponent.PID, name = "Lintel edge gateway (Lintel 网关)",
        description = "Polls a building's devices as the site file describes them and sends readings to the hub over Sparkplug B.")
public @interface GatewayConfiguration {

    @AttributeDefinition(name = "Site file (小区配置文件)", description = "Path of the site file (YAML) that describes the community.")
    String siteFile();

    @AttributeDefinition(name = "Gateway id (网关编号)", description = "Which gateway of the site file this is, e.g. gw-b1.")
    String gatewayId();

    @AttributeDefinition(name = "Data folder (数据目录)", description = "Store-and-forward buffer and OPC UA certificates.")
    String dataDir() default "data/edge";

    @AttributeDefinition(name = "MQTT broker", required = false,
            description = "Overrides the site file's uplink broker, e.g. ssl://hub.example.com:8883; several broker nodes comma-separated. Empty keeps the site file's.")
    String broker() default "";

    @AttributeDefinition(name = "MQTT username", required = false, description = "Empty keeps the site file's.")
    String username() default "";

    @AttributeDefinition(name = "MQTT password", required = false, type = AttributeType.PASSWORD,
            description = "A password or ${ENV_VAR}. Empty keeps the site file's.")
    String password() default "";

    @AttributeDefinition(name = "Primary host id", required = false,
            description = "The hub's Sparkplug host id; data flows only while it is online. Empty keeps the site file's.")
    String primaryHost() default "";

    @AttributeDefinition(name = "Buffer size in MB (缓存大小)", required = false, min = "0",
            description = "Bound of the store-and-forward buffer; 0 keeps the site file's (default 512).")
    long bufferMegabytes() default 0;

    @AttributeDefinition(name = "Maximum silent interval", required = false,
            description = "An unchanged value is still reported after this long, e.g. 5m; empty: the site file's uplink.reportEvery, which the hub reads too.")
    String maxSilent() default "";
}
