/**
 * The cloud hub, one package per domain (see docs/architecture.md): {@code app} wires; {@code api} and
 * {@code telemetry.endpoint}/{@code telemetry.broker} are transport; {@code registry}, {@code telemetry}, {@code alarm},
 * {@code oncall}, {@code notify}, {@code usage}, {@code auth} (and to come: {@code billing}, {@code maintenance},
 * {@code energy}) are domains; {@code core} holds typed ids, the event bus and metrics; {@code storage} PostgreSQL
 * and the data folder. {@code ArchitectureTest} enforces the direction.
 */
package org.lintel.hub;
