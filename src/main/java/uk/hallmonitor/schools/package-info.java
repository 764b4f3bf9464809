/**
 * Schools, staff and their roles, policy acknowledgements (the staff e-safety agreement) and training records.
 * A deployment serves one trust; every record of every other module belongs to one of its schools. Staff records
 * double as logins: this module answers the security filters through
 * {@link uk.hallmonitor.system.security.StaffLogins} and the other modules through {@link SchoolDirectory}. A leaver
 * loses access at once and {@link StaffLeft} tells the modules that must re-check what the person ran.
 */
package uk.hallmonitor.schools;
