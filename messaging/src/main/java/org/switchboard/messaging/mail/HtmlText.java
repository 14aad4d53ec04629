package org.switchboard.messaging.mail;

import java.util.Set;
import org.jsoup.Jsoup;
import org.jsoup.nodes.Document;
import org.jsoup.nodes.Element;
import org.jsoup.nodes.Node;
import org.jsoup.nodes.TextNode;
import org.jsoup.safety.Cleaner;
import org.jsoup.safety.Safelist;
import org.jsoup.select.NodeVisitor;

/**
 * HTML mail made safe to show: sanitized to a safelist of formatting (no scripts, styles, forms, frames or remote
 * images: nothing in it reaches out when an operator reads it), and turned into plain text with its paragraphs and
 * line breaks, which is what the conversation shows.
 */
final class HtmlText {

    private static final Safelist SAFE = Safelist.relaxed().removeTags("img");
    private static final Set<String> BLOCKS = Set.of(
            "p",
            "div",
            "br",
            "li",
            "tr",
            "h1",
            "h2",
            "h3",
            "h4",
            "h5",
            "h6",
            "blockquote",
            "pre",
            "table",
            "ul",
            "ol",
            "hr",
            "dt",
            "dd");

    private HtmlText() {}

    /** The HTML with only what is safe to render kept. */
    static String sanitize(String html) {
        return new Cleaner(SAFE).clean(Jsoup.parse(html)).body().html();
    }

    /** The text a reader sees in {@code html}, one line per paragraph or break; nothing of it is executed. */
    static String toText(String html) {
        Document safe = new Cleaner(SAFE).clean(Jsoup.parse(html));
        StringBuilder text = new StringBuilder();
        safe.body().traverse(new NodeVisitor() {
            @Override
            public void head(Node node, int depth) {
                if (node instanceof TextNode t) {
                    boolean lineStart = text.isEmpty() || text.charAt(text.length() - 1) == '\n';
                    if (!(lineStart && t.isBlank())) {
                        text.append(lineStart ? t.text().stripLeading() : t.text());
                    }
                } else if (node instanceof Element e && BLOCKS.contains(e.normalName())) {
                    newLine(text);
                }
            }

            @Override
            public void tail(Node node, int depth) {
                if (node instanceof Element e
                        && BLOCKS.contains(e.normalName())
                        && !e.normalName().equals("br")) {
                    newLine(text);
                }
            }
        });
        return tidy(text);
    }

    /**
     * Each line without trailing blanks, at most one empty line in a row: one pass, linear in the text (a regular
     * expression for it backtracks quadratically over a long run of blanks that no newline ends).
     */
    static String tidy(CharSequence text) {
        StringBuilder out = new StringBuilder(text.length());
        int newlines = 0;
        int lineStart = 0;
        for (int i = 0; i <= text.length(); i++) {
            if (i < text.length() && text.charAt(i) != '\n') {
                continue;
            }
            int end = i;
            while (end > lineStart && isBlank(text.charAt(end - 1))) {
                end--;
            }
            if (end > lineStart) {
                if (!out.isEmpty()) {
                    out.append(newlines >= 2 ? "\n\n" : "\n");
                }
                out.append(text, lineStart, end);
                newlines = 0;
            }
            newlines++;
            lineStart = i + 1;
        }
        return out.toString().strip();
    }

    private static boolean isBlank(char c) {
        return c == ' ' || c == '\t' || c == 0x0B || c == '\f' || c == '\r';
    }

    private static void newLine(StringBuilder text) {
        if (!text.isEmpty() && text.charAt(text.length() - 1) != '\n') {
            text.append('\n');
        }
    }
}
