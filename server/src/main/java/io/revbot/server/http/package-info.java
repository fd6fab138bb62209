/**
 * The HTTP server: {@link io.revbot.server.http.Routes#routing} (every resource, one {@code HttpService} each, the
 * method tests call), health and Prometheus metrics under {@code /observe}, and {@link io.revbot.server.http.RevbotServer}
 * which starts the web server and the job workers and stops them gracefully.
 */
package io.revbot.server.http;
