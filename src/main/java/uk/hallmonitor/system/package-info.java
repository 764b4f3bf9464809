/**
 * What every module stands on and no module owns: the store connection (embedded mongo-java-server on H2 MVStore, or
 * a real MongoDB through {@code MONGODB_URI}), security (who the caller is; the roles of {@code API.md}), the RFC 9457
 * error format, paging and list queries ({@link uk.hallmonitor.system.web.PagedQuery}, the school scope of
 * {@link uk.hallmonitor.system.web.SchoolScopedPages}), the clock, the in-process event bus, the Quartz job a module's
 * repeated work runs in ({@link uk.hallmonitor.system.RepeatedJob}), the in-process loops ({@link
 * uk.hallmonitor.system.TimedSweep}, {@link uk.hallmonitor.system.SubscribedLoop}) and the reader for the CSV files
 * school MIS export ({@link uk.hallmonitor.system.SchoolCsv}). It knows nothing of schools, posts or accounts;
 * the shared vocabulary it holds ({@link uk.hallmonitor.system.Platform}, {@link uk.hallmonitor.system.security.Role},
 * {@link uk.hallmonitor.system.security.Caller}) is here because every module checks it, not because it is domain.
 */
package uk.hallmonitor.system;
