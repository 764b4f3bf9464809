/** The workflow's storage, rules and REST endpoints. */
package uk.hallmonitor.applications.internal;
