/** Storage, rules and REST endpoints for schools and staff, the first-run administrator, and the login lookups. */
package uk.hallmonitor.schools.internal;
