/**
 * The HTTP face of the classifier: {@code POST /api/v1/classify} lets any logged-in user try a text and see the
 * verdict the moderation queue would get, under their school's thresholds. Nothing is stored.
 */
package uk.hallmonitor.classification.web;
