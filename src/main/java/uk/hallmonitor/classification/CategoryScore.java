package uk.hallmonitor.classification;

/** One category and the probability the post belongs to it. */
public record CategoryScore(Category name, double score) {
}
