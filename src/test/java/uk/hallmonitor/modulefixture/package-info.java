/**
 * A deliberately broken module graph (a cycle between {@code alpha} and {@code beta}, and {@code gamma} reaching
 * into {@code beta.internal}) on which {@code ModuleBoundariesTests} shows that its checks fail.
 */
package uk.hallmonitor.modulefixture;
