/**
 * Where the service may send requests of its own (platform APIs, news feeds, Teams and Slack webhooks): https to
 * public addresses only, unless the operator's allow-list ({@code HALLMONITOR_OUTBOUND_ALLOW}) names the host or
 * network. URLs are checked when they are saved and the address actually connected to is checked again before each
 * request is sent, so a name that later resolves to an internal address (DNS rebinding) or a redirect to one is
 * refused too.
 */
package uk.hallmonitor.system.outbound;
