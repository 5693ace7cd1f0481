/** The REST API, its auth and the web dashboard over the platform. */
package io.aisprint.server;
