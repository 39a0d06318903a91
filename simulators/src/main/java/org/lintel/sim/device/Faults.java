package org.lintel.sim.device;

/**
 * How a device misbehaves on the wire right now.
 *
 * @param silent        no answer at all: the client times out
 * @param exceptionCode answer every request with this Modbus exception code (e.g. 2 illegal data address, 4 device
 *                      failure, 6 busy), or 0 for none
 * @param delayMillis   answer this much later than usual
 * @param corruptCrc    RTU frames go out with a wrong CRC
 */
public record Faults(boolean silent, int exceptionCode, long delayMillis, boolean corruptCrc) {

    public static final Faults NONE = new Faults(false, 0, 0, false);

    /** Both at once: the stronger of each. */
    public Faults and(Faults other) {
        return new Faults(silent || other.silent, exceptionCode != 0 ? exceptionCode : other.exceptionCode,
                Math.max(delayMillis, other.delayMillis), corruptCrc || other.corruptCrc);
    }
}
