/** RevBot vector-ingest module. */
package io.revbot.ingest;
