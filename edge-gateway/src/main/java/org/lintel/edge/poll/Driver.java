package org.lintel.edge.poll;

/**
 * One connection the gateway keeps to its devices: a Modbus bus (all its units polled in turn), an OPC UA session
 * (the devices sharing endpoint, security and login) or one CoAP device. The gateway starts and closes drivers without
 * knowing their protocol; a {@link DriverFactory} per connection kind makes them.
 */
public interface Driver extends AutoCloseable {

    /** The connection kind, for the start-up log line: {@code modbus}, {@code opcua}, {@code coap}. */
    String kind();

    /** Starts polling, subscribing or observing; a device that cannot be reached now is retried, not fatal. */
    void start() throws Exception;

    @Override
    void close();
}
