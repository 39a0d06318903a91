/** The audit trail: who changed what, when, with the state before and after; written once, never changed. */
package org.lintel.hub.audit;
