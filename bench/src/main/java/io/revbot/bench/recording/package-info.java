/** Recording overhead: a run with the monitoring listeners versus the same run without them. */
package io.revbot.bench.recording;
