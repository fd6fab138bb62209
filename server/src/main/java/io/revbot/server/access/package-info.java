/**
 * Who may see what over HTTP: the callers ({@link io.revbot.server.access.Caller}) that API and viewer tokens stand
 * for, the filter every data-showing page passes ({@link io.revbot.server.access.CredentialsFilter}), the login form
 * and its session cookie, and the per-address limit on failed attempts.
 */
package io.revbot.server.access;
