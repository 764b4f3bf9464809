/**
 * The applications' pages: a member of staff applies (the form keeps what was typed and names each problem in
 * words), follows, amends and withdraws their applications; SLT read the waiting ones with the runners by name and
 * training state, and approve or reject them. Templates under {@code templates/applications/}.
 */
package uk.hallmonitor.applications.web;
