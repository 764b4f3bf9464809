/** The own-post checks' private parts: the roster store, the name finder, the arriving-post watch, the REST API. */
package uk.hallmonitor.ownposts.internal;
