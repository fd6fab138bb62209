/**
 * What every outbound HTTP client shares: {@link io.revbot.tools.http.HttpClients} (timeouts, no body or header
 * logging), {@link io.revbot.tools.http.RetryInterceptor} (backoff with jitter on 429/5xx/timeouts honouring
 * {@code Retry-After}), {@link io.revbot.tools.http.JsonHttp} (JSON calls with upstream errors mapped to
 * {@link io.revbot.tools.UpstreamException}) and the SSRF guard for user- or model-supplied URLs.
 */
package io.revbot.tools.http;
