/**
 * Import of a platform's exported comments (CSV with a header row, or JSON) for platforms whose API a school cannot
 * get. Each row is checked on its own: bad rows are reported by line or index and skipped, good rows are kept.
 */
package uk.hallmonitor.connectors.fileimport;
