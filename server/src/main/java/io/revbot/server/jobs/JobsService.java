package io.revbot.server.jobs;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.helidon.http.HeaderValues;
import io.helidon.webserver.http.HttpRules;
import io.helidon.webserver.http.HttpService;
import io.helidon.webserver.http.ServerRequest;
import io.helidon.webserver.http.ServerResponse;
import io.revbot.server.access.Caller;
import io.revbot.server.access.CredentialsFilter;
import java.nio.charset.StandardCharsets;
import java.util.Optional;

/**
 * {@code GET /api/jobs?state=dead|queued|running&limit=N} (newest first, default 50) and
 * {@code POST /api/jobs/{id}/retry}: the queue for operators (a viewer token, behind {@link CredentialsFilter}); an API
 * client gets 403. Refusals are {@code {"success": false, "error": {"code", "message"}}}: 400 for a bad parameter or
 * id, 404 for no dead job of that id.
 */
public final class JobsService implements HttpService {
    private final JobsAdmin admin;

    public JobsService(JobsAdmin admin) {
        this.admin = admin;
    }

    @Override
    public void routing(HttpRules rules) {
        rules.get("/", this::list).post("/{id}/retry", this::retry);
    }

    private void list(ServerRequest req, ServerResponse res) {
        if (!operator(req, res)) {
            return;
        }
        Optional<String> state = req.query().first("state").asOptional();
        JobView.Filter filter = state.map(JobView.Filter::named).orElse(null);
        if (state.isPresent() && filter == null) {
            error(res, 400, "invalid_state", "state must be dead, queued or running");
            return;
        }
        int limit;
        try {
            limit = Integer.parseInt(req.query().first("limit").orElse("50"));
        } catch (NumberFormatException e) {
            limit = -1;
        }
        if (limit < 1 || limit > JobsAdmin.MAX_LIMIT) {
            error(res, 400, "invalid_limit", "limit must be a number from 1 to " + JobsAdmin.MAX_LIMIT);
            return;
        }
        send(res, 200, JobView.MAPPER.valueToTree(admin.list(filter, limit)));
    }

    private void retry(ServerRequest req, ServerResponse res) {
        if (!operator(req, res)) {
            return;
        }
        String id = req.path().pathParameters().get("id");
        if (!JobIds.valid(id)) {
            error(res, 400, "invalid_id", "a job id is a UUID");
            return;
        }
        if (!admin.retry(id)) {
            error(res, 404, "not_found", "no job " + id + " in the dead letter");
            return;
        }
        ObjectNode out = JobView.MAPPER.createObjectNode();
        out.put("success", true);
        out.put("id", id);
        out.put("state", "queued");
        send(res, 200, out);
    }

    private static boolean operator(ServerRequest req, ServerResponse res) {
        if (CredentialsFilter.caller(req) instanceof Caller.Operator) {
            return true;
        }
        error(res, 403, "forbidden", "the job queue is for operators (REVBOT_VIEWER_TOKENS)");
        return false;
    }

    private static void error(ServerResponse res, int status, String code, String message) {
        ObjectNode out = JobView.MAPPER.createObjectNode();
        out.put("success", false);
        ObjectNode error = out.putObject("error");
        error.put("code", code);
        error.put("message", message);
        send(res, status, out);
    }

    private static void send(ServerResponse res, int status, Object body) {
        try {
            res.status(status)
                    .header(HeaderValues.CONTENT_TYPE_JSON)
                    .send(JobView.MAPPER.writeValueAsString(body).getBytes(StandardCharsets.UTF_8));
        } catch (JsonProcessingException e) {
            throw new IllegalStateException("cannot write the jobs answer", e);
        }
    }
}
