/**
 * The workings of privacy: retention settings and legal holds, the restart-safe purge and its run records, the
 * subject data contributors for each collection, subject access and erasure requests and the export files. Nothing
 * here is used from outside the module.
 */
package uk.hallmonitor.privacy.internal;
