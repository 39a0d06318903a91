package org.lintel.site;

import java.time.Duration;
import org.lintel.check.Where;

/**
 * A Modbus field bus: one serial line, or one TCP connection (to a Modbus TCP device or an RS-485-to-Ethernet
 * converter). A bus carries one request at a time; separate buses are polled in parallel.
 *
 * @param timeout how long to wait for an answer before a device counts as timed out
 * @param retries how often a failed request is repeated before the device's readings go bad
 */
public record Bus(String id, String gateway, Transport transport, Duration timeout, int retries, Where where) {

    /** How the gateway reaches the bus. */
    public sealed interface Transport permits ModbusTcp, RtuSerial, RtuOverTcp {
        /** The endpoint as people name it: {@code 192.168.1.20:502} or {@code /dev/ttyUSB0}. */
        String endpoint();
    }

    /** Modbus TCP to a device or a converter that answers for several unit ids. */
    public record ModbusTcp(String host, int port) implements Transport {
        public String endpoint() {
            return host + ":" + port;
        }
    }

    /** Modbus RTU on a local serial port. */
    public record RtuSerial(String port, int baud, Parity parity, int dataBits, int stopBits) implements Transport {
        public String endpoint() {
            return port;
        }
    }

    /** Modbus RTU frames tunnelled over TCP by a transparent serial server; timing still follows the baud rate. */
    public record RtuOverTcp(String host, int port, int baud, Parity parity) implements Transport {
        public String endpoint() {
            return host + ":" + port;
        }
    }

    /** Serial parity. */
    public enum Parity { NONE, EVEN, ODD }
}
