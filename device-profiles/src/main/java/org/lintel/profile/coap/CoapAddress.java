package org.lintel.profile.coap;

import org.lintel.profile.PointAddress;

/**
 * Where a CoAP point lives.
 *
 * @param path    the resource path relative to the device's base URI, e.g. {@code /3303/0/5700}
 * @param format  the payload format
 * @param field   which part of the payload: a JSON Pointer ({@code /smoke/density}) for JSON and CBOR, a SenML record
 *                name (base name + name, e.g. {@code /3303/0/5700}) for SenML; null for text or a whole scalar payload
 * @param observe true to register as an observer (RFC 7641) rather than poll
 */
public record CoapAddress(String path, ContentFormat format, String field, boolean observe) implements PointAddress {
}
