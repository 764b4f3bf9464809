/**
 * The audit trail as a page for administrators and SLT: searchable, newest first, with the state of the hash chain
 * (checked on request, so the page itself stays fast). Template {@code templates/audit/trail.html}.
 */
package uk.hallmonitor.audit.web;
