/**
 * The RSS/Atom connector for watches: one feed per watch (local news, alert feeds from search engines), read with a
 * conditional GET through the shared transport and parsed by Rome; entries that mention one of the watch's terms
 * become public mentions.
 */
package uk.hallmonitor.connectors.feeds;
