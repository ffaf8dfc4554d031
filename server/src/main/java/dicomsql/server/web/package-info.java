/**
 * The web console of {@code dicomsql serve}: one static page (a SQL editor, a paged result table,
 * a schema browser and a slice viewer) and the JSON and PNG endpoints it calls, behind the
 * server's own authentication, read-only rule and statement limits.
 */
package dicomsql.server.web;
