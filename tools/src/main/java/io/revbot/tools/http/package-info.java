/** What every outbound HTTP client shares: the SSRF guard for user- or model-supplied URLs. */
package io.revbot.tools.http;
