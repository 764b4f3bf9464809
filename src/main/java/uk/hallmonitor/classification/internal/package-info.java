/**
 * The inside of the classification pipeline: text normalisation, the shared feature generator, the lexicon, the
 * personal-data rules, the model bundle and the training and evaluation code. Nothing outside the classification
 * module uses these types; OpenNLP re-creates {@link uk.hallmonitor.classification.internal.PostFeatures} by name when
 * it loads a model, which is why it is public.
 */
package uk.hallmonitor.classification.internal;
