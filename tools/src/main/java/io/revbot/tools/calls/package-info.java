/**
 * Recorded sales calls: the {@link io.revbot.tools.calls.Calls} port, {@link io.revbot.tools.calls.GongCalls}
 * (Gong REST v2) and {@link io.revbot.tools.calls.WarehouseCalls} (the warehouse's call tables), and the agents'
 * {@link io.revbot.tools.calls.CallTools} ({@code list_calls}, {@code get_call_transcript}).
 */
package io.revbot.tools.calls;
