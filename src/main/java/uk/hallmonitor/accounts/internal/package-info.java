/** The register's storage, lifecycle rules, REST endpoints and the listeners that keep it in step. */
package uk.hallmonitor.accounts.internal;
