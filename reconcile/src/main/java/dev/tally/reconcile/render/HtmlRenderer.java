package dev.tally.reconcile.render;

import dev.tally.reconcile.DifferenceKind;
import dev.tally.reconcile.Line;
import dev.tally.reconcile.Reconciliation;
import dev.tally.report.query.Dimension;
import dev.tally.report.render.Amounts;
import java.io.IOException;
import java.io.Writer;
import java.math.BigDecimal;
import java.math.RoundingMode;
import java.util.Comparator;
import java.util.List;
import java.util.stream.Collectors;
import java.util.stream.Stream;

/**
 * One self-contained page (no script, no network) with the report page's conventions: a dark header, summary cards,
 * tables whose exact numbers sit in {@code data-value} attributes while people read rounded ones. Metered against
 * billed per day and per user as paired bars; a group out of tolerance is marked {@code differs} (red), one with
 * provisional cost {@code provisional} (amber). Kept apart from the report's renderer, which is becoming a dashboard.
 */
final class HtmlRenderer implements ReconcileRenderer {
    private static final String STYLE = """
            :root { --text: #1f2328; --muted: #57606a; --line: #d8dee4; --bg: #f6f8fa; --panel: #fff;
              --metered: #4e79a7; --billed: #f28e2b; --bad: #cf222e; --bad-bg: #ffebe9; --lag: #9a6700; --lag-bg: #fff8c5; }
            * { box-sizing: border-box; }
            body { margin: 0; background: var(--bg); color: var(--text);
              font: 15px/1.45 system-ui, -apple-system, "Segoe UI", Roboto, "Helvetica Neue", Arial, sans-serif; }
            header.page { background: #24292f; color: #fff; padding: 18px 32px; }
            header.page h1 { margin: 0; font-size: 20px; font-weight: 600; }
            header.page p { margin: 2px 0 0; color: #c9d1d9; font-size: 13px; }
            main { max-width: 1200px; margin: 0 auto; padding: 8px 32px 40px; }
            h2 { font-size: 15px; margin: 28px 0 10px; font-weight: 600; color: var(--muted); text-transform: uppercase; letter-spacing: .04em; }
            .cards { display: grid; grid-template-columns: repeat(auto-fit, minmax(200px, 1fr)); gap: 12px; margin-top: 20px; }
            .card { background: var(--panel); border: 1px solid var(--line); border-radius: 8px; padding: 14px 16px; }
            .card-label { font-size: 12px; color: var(--muted); text-transform: uppercase; letter-spacing: .05em; }
            .card-value { font-size: 24px; font-weight: 600; font-variant-numeric: tabular-nums; }
            .card.differs { border-color: var(--bad); background: var(--bad-bg); }
            .card.ok .card-value { color: #1a7f37; }
            table { border-collapse: collapse; width: 100%; background: var(--panel); border: 1px solid var(--line); font-size: 13px; }
            th, td { padding: 5px 8px; border-bottom: 1px solid var(--line); text-align: left; white-space: nowrap; }
            th { background: #f0f3f6; font-weight: 600; }
            td.num { text-align: right; font-variant-numeric: tabular-nums; }
            tr.differs td { background: var(--bad-bg); }
            tr.differs td.diff { color: var(--bad); font-weight: 600; }
            tr.provisional td { background: var(--lag-bg); }
            .bars { width: 220px; }
            .bar { height: 7px; border-radius: 2px; margin: 1px 0; }
            .bar.metered { background: var(--metered); } .bar.billed { background: var(--billed); }
            .legend { font-size: 13px; color: var(--muted); margin: 4px 0 8px; }
            .swatch { display: inline-block; width: 10px; height: 10px; border-radius: 2px; margin: 0 4px 0 12px; }
            .verdict { font-weight: 600; margin-top: 16px; }
            """;

    @Override
    public void render(Reconciliation r, Writer out) throws IOException {
        StringBuilder b = new StringBuilder();
        b.append("<!DOCTYPE html>\n<html lang=\"en\">\n<head>\n<meta charset=\"utf-8\">\n")
                .append("<meta name=\"viewport\" content=\"width=device-width, initial-scale=1\">\n")
                .append("<meta name=\"generator\" content=\"tally reconcile\">\n")
                .append("<title>Tally: metered against billed</title>\n<style>\n")
                .append(STYLE)
                .append("</style>\n</head>\n<body>\n<header class=\"page\"><h1>Metered against billed</h1><p>")
                .append("The gateway's ledger against the bill, in ")
                .append(escape(r.currency()))
                .append("; tolerance ")
                .append(escape(r.tolerancePercent().stripTrailingZeros().toPlainString()))
                .append(" %; newest billed day ")
                .append(escape(r.newestBilledDay().map(Object::toString).orElse("(none)")))
                .append("</p></header>\n<main data-testid=\"reconciliation\" data-status=\"")
                .append(r.status())
                .append("\">\n");
        cards(b, r);
        b.append("<p class=\"verdict\" data-testid=\"verdict\">")
                .append(escape(Sections.verdict(r)))
                .append("</p>\n");
        b.append("<div class=\"legend\"><span class=\"swatch\" style=\"background:var(--metered)\"></span>metered")
                .append("<span class=\"swatch\" style=\"background:var(--billed)\"></span>billed</div>\n");
        bars(b, "Per day", "by-day", "day", r.byDay());
        bars(b, "Per user", "by-user", "user", r.byUser());
        String by = r.dimensions().stream().map(Dimension::label).collect(Collectors.joining(", "));
        bars(b, "By " + by, "groups", by, r.groups());
        List<Sections.Section> sections = Sections.of(r, false).sections();
        for (Sections.Section s : sections.subList(1, sections.size())) {
            table(b, s);
        }
        b.append("</main>\n</body>\n</html>\n");
        out.write(b.toString());
    }

    private static void cards(StringBuilder b, Reconciliation r) {
        Line t = r.total();
        b.append("<div class=\"cards\">\n");
        card(b, "Status", r.status(), r.status(), r.passes() ? "ok" : "differs");
        card(b, "Metered", Amounts.money(t.meteredCost()), Amounts.exact(t.meteredCost()), "metered");
        card(b, "Billed", Amounts.money(t.billedCost()), Amounts.exact(t.billedCost()), "billed");
        card(b, "Difference", Amounts.money(t.difference()), Amounts.exact(t.difference()), "difference");
        card(b, "Unknown sessions", Integer.toString(r.unknownSessions().size()), "", "unknown-sessions");
        BigDecimal provisional =
                r.provisional().stream().map(p -> p.notBilledYet()).reduce(BigDecimal.ZERO, BigDecimal::add);
        card(b, "Provisional", Amounts.money(provisional), Amounts.exact(provisional), "provisional");
        b.append("</div>\n");
    }

    private static void card(StringBuilder b, String label, String shown, String exact, String id) {
        String cls = id.equals("ok") || id.equals("differs") ? " " + id : "";
        b.append("<div class=\"card")
                .append(cls)
                .append("\"><div class=\"card-label\">")
                .append(escape(label))
                .append("</div><div class=\"card-value\" data-testid=\"card-")
                .append(cls.isEmpty() ? id : "status")
                .append("\" data-value=\"")
                .append(escape(exact))
                .append("\">")
                .append(escape(shown))
                .append("</div></div>\n");
    }

    private static void bars(StringBuilder b, String title, String id, String keyLabel, List<Line> lines) {
        b.append("<h2>")
                .append(escape(title))
                .append("</h2>\n<table data-testid=\"")
                .append(id)
                .append("\">\n");
        b.append("<tr><th>")
                .append(escape(keyLabel))
                .append("</th><th></th><th>metered</th><th>billed</th><th>difference</th><th>ratio</th>")
                .append("<th>provisional</th><th>status</th></tr>\n");
        BigDecimal max = lines.stream()
                .flatMap(l -> Stream.of(l.meteredCost().abs(), l.billedCost().abs()))
                .max(Comparator.naturalOrder())
                .orElse(BigDecimal.ZERO);
        for (Line l : lines) {
            String cls = !l.withinTolerance()
                    ? "differs"
                    : l.kinds().contains(DifferenceKind.PROVISIONAL) ? "provisional" : "ok";
            b.append("<tr class=\"")
                    .append(cls)
                    .append("\" data-key=\"")
                    .append(escape(String.join(" / ", l.keys())))
                    .append("\" data-kinds=\"")
                    .append(l.sortedKinds().stream().map(DifferenceKind::label).collect(Collectors.joining(" ")))
                    .append("\"><td>")
                    .append(escape(String.join(" / ", l.keys())))
                    .append("</td><td class=\"bars\">");
            bar(b, "metered", l.meteredCost(), max);
            bar(b, "billed", l.billedCost(), max);
            b.append("</td>");
            number(b, "metered", l.meteredCost());
            number(b, "billed", l.billedCost());
            number(b, "diff", l.difference());
            b.append("<td class=\"num\">")
                    .append(l.ratio().map(BigDecimal::toPlainString).orElse(""))
                    .append("</td>");
            number(b, "provisional", l.provisionalCost());
            b.append("<td>").append(l.withinTolerance() ? "ok" : "differs").append("</td></tr>\n");
        }
        b.append("</table>\n");
    }

    private static void bar(StringBuilder b, String cls, BigDecimal value, BigDecimal max) {
        BigDecimal percent = max.signum() == 0
                ? BigDecimal.ZERO
                : value.abs().multiply(BigDecimal.valueOf(100)).divide(max, 1, RoundingMode.HALF_EVEN);
        b.append("<div class=\"bar ")
                .append(cls)
                .append("\" style=\"width:")
                .append(percent.toPlainString())
                .append("%\"></div>");
    }

    private static void number(StringBuilder b, String cls, BigDecimal value) {
        b.append("<td class=\"num ")
                .append(cls)
                .append("\" data-value=\"")
                .append(Amounts.exact(value))
                .append("\">")
                .append(Amounts.money(value))
                .append("</td>");
    }

    private static void table(StringBuilder b, Sections.Section s) {
        b.append("<h2>")
                .append(escape(s.title()))
                .append("</h2>\n<table data-testid=\"")
                .append(s.id())
                .append("\">\n<tr>");
        s.header().forEach(h -> b.append("<th>").append(escape(h)).append("</th>"));
        b.append("</tr>\n");
        for (List<String> row : s.rows()) {
            b.append("<tr>");
            for (int i = 0; i < row.size(); i++) {
                b.append(s.numeric()[i] ? "<td class=\"num\">" : "<td>")
                        .append(escape(row.get(i)))
                        .append("</td>");
            }
            b.append("</tr>\n");
        }
        b.append("</table>\n");
    }

    static String escape(String s) {
        StringBuilder b = new StringBuilder(s.length());
        for (int i = 0; i < s.length(); i++) {
            char c = s.charAt(i);
            switch (c) {
                case '<' -> b.append("&lt;");
                case '>' -> b.append("&gt;");
                case '&' -> b.append("&amp;");
                case '"' -> b.append("&quot;");
                case '\'' -> b.append("&#39;");
                default -> b.append(c);
            }
        }
        return b.toString();
    }
}
