/**
 * Data protection (R11): how long collected data is kept, subject access and erasure, and who looked. Each school
 * sets its retention ({@code GET/PUT /api/v1/schools/{id}/retention}); a daily job purges what is due in batches,
 * restart-safe, and keeps a record of each run ({@code GET /api/v1/privacy/purges}). A subject access or erasure
 * request ({@code POST /api/v1/privacy/requests}) is answered by the {@link uk.hallmonitor.privacy.SubjectData}
 * contributors, one per collection that can mention a person, so that a new collection holding people's data fails
 * the coverage test until it has one. The contributors and the purge read and write the other modules' collections
 * by name, as raw documents: retention and erasure cut across every module, and doing it here keeps the other modules
 * free of any dependency on this one (the price: a renamed field must be renamed here too, which the end-to-end tests
 * catch). Uses audit (records, redaction of purged content) and nothing else of the domain but the category names.
 * <p>
 * Departure from STYLE.md's table (which has no privacy row): besides audit, it uses only {@code classification}'s
 * category names, to tell a safeguarding incident (kept under the safeguarding period) from the rest.
 */
package uk.hallmonitor.privacy;
