/**
 * Classification of posts with Apache OpenNLP, entirely in process: the {@link
 * uk.hallmonitor.classification.PostClassifier} contract and its {@link
 * uk.hallmonitor.classification.OpenNlpPostClassifier} pipeline (normalisation, maxent and naive Bayes document
 * categorizers, rules for personal data, a lexicon a school can extend), moderator feedback kept for retraining, and
 * the offline {@code classify}, {@code train}, {@code evaluate} and {@code retrain} commands. No web or database code
 * lives here except the small {@code web} sub-package serving {@code POST /api/v1/classify}; models and their data
 * card are in {@code nlp-models/}.
 */
package uk.hallmonitor.classification;
