/**
 * A deliberately broken module graph (a cycle between {@code alpha} and {@code beta}, {@code gamma} reaching into
 * {@code beta.internal}, and {@code beta} into its sub-package's {@code beta.inner.internal}) on which
 * {@code ModuleBoundariesTests} shows that its checks fail.
 */
package uk.hallmonitor.modulefixture;
