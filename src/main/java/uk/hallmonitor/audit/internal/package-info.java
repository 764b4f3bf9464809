/** The stored chain, its hashing, appending and checking, and the read-only endpoints. */
package uk.hallmonitor.audit.internal;
