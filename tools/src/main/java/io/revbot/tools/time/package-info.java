/** Calendar arithmetic shared by analytics and the run's time context: quarters, fiscal years, elapsed days. */
package io.revbot.tools.time;
