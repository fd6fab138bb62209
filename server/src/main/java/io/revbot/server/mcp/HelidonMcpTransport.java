package io.revbot.server.mcp;

import io.helidon.http.HeaderNames;
import io.helidon.http.HeaderValues;
import io.helidon.http.HttpMediaType;
import io.helidon.http.Status;
import io.helidon.webserver.http.HttpRules;
import io.helidon.webserver.http.HttpService;
import io.helidon.webserver.http.ServerRequest;
import io.helidon.webserver.http.ServerResponse;
import io.modelcontextprotocol.common.McpTransportContext;
import io.modelcontextprotocol.server.McpStatelessServerHandler;
import io.modelcontextprotocol.server.transport.DefaultServerTransportSecurityValidator;
import io.modelcontextprotocol.server.transport.ServerTransportSecurityException;
import io.modelcontextprotocol.server.transport.ServerTransportSecurityValidator;
import io.modelcontextprotocol.spec.McpSchema;
import io.modelcontextprotocol.spec.McpStatelessServerTransport;
import java.io.IOException;
import java.io.InputStream;
import java.lang.System.Logger.Level;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import reactor.core.publisher.Mono;

/**
 * MCP's Streamable HTTP transport on Helidon SE, stateless ({@code POST /mcp}): the MCP Java SDK's stateless
 * transport contract, implemented for Helidon because the SDK's own HTTP transports are servlets. This class does
 * HTTP only (bearer token, Origin check, media types, size); the SDK parses and answers the JSON-RPC. Each POST is
 * one message: a request is answered with its JSON-RPC response ({@code application/json}), a notification with
 * 202. No sessions and no server-initiated stream ({@code GET} is 405), so any {@code serve} process behind a load
 * balancer can answer any request.
 *
 * <p>A missing or wrong token is a 401 with a JSON-RPC error body, before anything else is read; the caller is
 * known by the token's name from then on. A request carrying an {@code Origin} header (a browser page) is refused
 * (403): the SDK's DNS-rebinding check, with no origin allowed.
 */
public final class HelidonMcpTransport implements HttpService, McpStatelessServerTransport {
    private static final System.Logger LOG = System.getLogger(HelidonMcpTransport.class.getName());
    static final int MAX_BODY_BYTES = 1024 * 1024;
    /** The JSON-RPC error code MCP servers commonly use for authentication failures. */
    static final int UNAUTHORIZED = -32001;

    private final McpTokens tokens;
    private final ServerTransportSecurityValidator security =
            DefaultServerTransportSecurityValidator.builder().build();
    private volatile McpStatelessServerHandler handler;
    private volatile boolean closing;

    public HelidonMcpTransport(McpTokens tokens) {
        this.tokens = tokens;
    }

    @Override
    public void routing(HttpRules rules) {
        rules.post("/", this::post).get("/", this::notAllowed).delete("/", this::notAllowed);
    }

    @Override
    public void setMcpHandler(McpStatelessServerHandler handler) {
        this.handler = handler;
    }

    @Override
    public Mono<Void> closeGracefully() {
        return Mono.fromRunnable(() -> closing = true);
    }

    private void post(ServerRequest req, ServerResponse res) {
        Optional<String> caller = req.headers()
                .first(HeaderNames.AUTHORIZATION)
                .filter(h -> h.regionMatches(true, 0, "Bearer ", 0, 7))
                .flatMap(h -> tokens.nameOf(h.substring(7).strip()));
        if (caller.isEmpty()) {
            res.header(HeaderNames.WWW_AUTHENTICATE, "Bearer realm=\"revbot-mcp\"");
            error(res, Status.UNAUTHORIZED_401, UNAUTHORIZED, "Unauthorized: send Authorization: Bearer <token>");
            return;
        }
        Optional<Problem> problem = problem(req);
        if (problem.isPresent()) {
            error(
                    res,
                    problem.get().status(),
                    problem.get().code(),
                    problem.get().message());
            return;
        }
        Optional<String> body = body(req);
        if (body.isEmpty()) {
            error(res, Status.REQUEST_ENTITY_TOO_LARGE_413, McpSchema.ErrorCodes.INVALID_REQUEST, "body over 1 MiB");
            return;
        }
        McpSchema.JSONRPCMessage message;
        try {
            message = McpSchema.deserializeJsonRpcMessage(McpJson.MAPPER, body.get());
        } catch (IOException | RuntimeException e) {
            error(res, Status.BAD_REQUEST_400, McpSchema.ErrorCodes.PARSE_ERROR, "not a JSON-RPC message");
            return;
        }
        dispatch(
                message,
                McpTransportContext.create(Map.of(RevbotMcpServer.CALLER, McpCaller.token(caller.get()))),
                res);
    }

    /** Why a request with a valid token cannot be handed to the SDK: one HTTP status and JSON-RPC error. */
    private record Problem(Status status, int code, String message) {}

    private Optional<Problem> problem(ServerRequest req) {
        try {
            security.validateHeaders(headers(req));
        } catch (ServerTransportSecurityException e) {
            return Optional.of(new Problem(
                    Status.create(e.getStatusCode()), McpSchema.ErrorCodes.INVALID_REQUEST, e.getMessage()));
        }
        if (closing || handler == null) {
            return Optional.of(new Problem(
                    Status.SERVICE_UNAVAILABLE_503, McpSchema.ErrorCodes.INTERNAL_ERROR, "the server is stopping"));
        }
        if (!acceptsJson(req)) {
            return Optional.of(new Problem(
                    Status.NOT_ACCEPTABLE_406, McpSchema.ErrorCodes.INVALID_REQUEST, "responses are application/json"));
        }
        if (!isJson(req)) {
            return Optional.of(new Problem(
                    Status.UNSUPPORTED_MEDIA_TYPE_415, McpSchema.ErrorCodes.INVALID_REQUEST, "send application/json"));
        }
        return Optional.empty();
    }

    private void dispatch(McpSchema.JSONRPCMessage message, McpTransportContext context, ServerResponse res) {
        try {
            switch (message) {
                case McpSchema.JSONRPCRequest request -> {
                    McpSchema.JSONRPCResponse response = handler.handleRequest(context, request)
                            .contextWrite(ctx -> ctx.put(McpTransportContext.KEY, context))
                            .block();
                    send(res, Status.OK_200, response);
                }
                case McpSchema.JSONRPCNotification notification -> {
                    handler.handleNotification(context, notification)
                            .contextWrite(ctx -> ctx.put(McpTransportContext.KEY, context))
                            .block();
                    res.status(Status.ACCEPTED_202).send();
                }
                default ->
                    error(
                            res,
                            Status.BAD_REQUEST_400,
                            McpSchema.ErrorCodes.INVALID_REQUEST,
                            "this server accepts requests and notifications");
            }
        } catch (RuntimeException e) {
            LOG.log(Level.ERROR, "MCP request failed", e);
            error(res, Status.INTERNAL_SERVER_ERROR_500, McpSchema.ErrorCodes.INTERNAL_ERROR, "the request failed");
        }
    }

    private void notAllowed(ServerRequest req, ServerResponse res) {
        res.header(HeaderNames.ALLOW, "POST");
        error(res, Status.METHOD_NOT_ALLOWED_405, McpSchema.ErrorCodes.INVALID_REQUEST, "use POST (stateless server)");
    }

    private static Map<String, List<String>> headers(ServerRequest req) {
        Map<String, List<String>> out = new LinkedHashMap<>();
        req.headers().forEach(h -> out.put(h.name(), new ArrayList<>(h.allValues())));
        return out;
    }

    private static boolean acceptsJson(ServerRequest req) {
        List<String> accept = req.headers().all(HeaderNames.ACCEPT, List::of);
        if (accept.isEmpty()) {
            return true;
        }
        String all = String.join(",", accept).toLowerCase(Locale.ROOT);
        return all.contains("application/json") || all.contains("*/*") || all.contains("application/*");
    }

    private static boolean isJson(ServerRequest req) {
        Optional<HttpMediaType> type = req.headers().contentType();
        return type.map(t -> t.mediaType().type().equalsIgnoreCase("application")
                        && t.mediaType().subtype().equalsIgnoreCase("json"))
                .orElse(false);
    }

    /** The body as text; empty when it is larger than {@link #MAX_BODY_BYTES}. */
    private static Optional<String> body(ServerRequest req) {
        if (req.headers().contentLength().orElse(0) > MAX_BODY_BYTES) {
            return Optional.empty();
        }
        try (InputStream in = req.content().inputStream()) {
            byte[] bytes = in.readNBytes(MAX_BODY_BYTES + 1);
            return bytes.length > MAX_BODY_BYTES
                    ? Optional.empty()
                    : Optional.of(new String(bytes, StandardCharsets.UTF_8));
        } catch (IOException e) {
            return Optional.of("");
        }
    }

    /**
     * A refusal before the SDK saw the message, so without the request's id: JSON-RPC 2.0 says the id is then null,
     * which the SDK's response type does not allow, hence this one envelope around the SDK's error object.
     */
    record Refusal(String jsonrpc, Object id, McpSchema.JSONRPCResponse.JSONRPCError error) {}

    private static void error(ServerResponse res, Status status, int code, String message) {
        send(
                res,
                status,
                new Refusal(
                        McpSchema.JSONRPC_VERSION, null, new McpSchema.JSONRPCResponse.JSONRPCError(code, message)));
    }

    private static void send(ServerResponse res, Status status, Object response) {
        byte[] json;
        try {
            json = McpJson.MAPPER.writeValueAsBytes(response);
        } catch (IOException e) {
            throw new IllegalStateException("cannot write a JSON-RPC response", e);
        }
        res.status(status).header(HeaderValues.CONTENT_TYPE_JSON).send(json);
    }
}
