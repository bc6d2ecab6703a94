package dev.tally.report.render;

import dev.tally.report.query.CurrencyReport;
import dev.tally.report.query.Group;
import dev.tally.report.query.Report;
import java.math.BigDecimal;
import java.util.ArrayList;
import java.util.List;
import java.util.function.Function;

/**
 * A report as rows of cells, shared by the CSV, Markdown and terminal renderers: the dimension columns,
 * cost, currency, tokens, cost per million tokens and line items, then a total row. The newest period of a report by
 * time that had not ended is marked: {@code (incomplete)} after its time key for people, an {@code incomplete}
 * column ({@code true}/{@code false}) in CSV, whose key cells stay machine-readable dates.
 */
record Table(
        List<String> header,
        List<List<String>> rows,
        List<String> total,
        // A flag per column that renderers index; tables are never compared, so the array's identity equals is moot.
        @SuppressWarnings("ArrayRecordComponent") boolean[] numeric) {
    static final String TOTAL = "TOTAL";
    static final String INCOMPLETE_NOTE = " (incomplete)";

    static Table of(Report report, CurrencyReport currency, boolean exact) {
        Function<BigDecimal, String> money = exact ? Amounts::exact : Amounts::money;
        Function<BigDecimal, String> tokens = exact ? Amounts::exact : Amounts::tokens;
        Function<BigDecimal, String> perMillion = exact ? Amounts::exact : Amounts::money;
        List<String> header = new ArrayList<>();
        report.dimensions().forEach(d -> header.add(d.label()));
        header.addAll(List.of("cost", "currency", "tokens", "cost_per_million_tokens", "line_items"));
        boolean incompleteColumn = exact && report.hasTime();
        if (incompleteColumn) {
            header.add("incomplete");
        }
        List<List<String>> rows = new ArrayList<>();
        for (Group g : currency.groups()) {
            boolean incomplete = report.isIncomplete(g);
            List<String> row = new ArrayList<>(g.keys());
            if (incomplete && !exact) {
                for (int i = 0; i < report.dimensions().size(); i++) {
                    if (report.dimensions().get(i).isTime()) {
                        row.set(i, row.get(i) + INCOMPLETE_NOTE);
                    }
                }
            }
            row.add(money.apply(g.cost()));
            row.add(currency.currency());
            row.add(g.tokens().signum() == 0 ? "" : tokens.apply(g.tokens()));
            row.add(g.costPerMillionTokens().map(perMillion).orElse(""));
            row.add(Long.toString(g.rows()));
            if (incompleteColumn) {
                row.add(Boolean.toString(incomplete));
            }
            rows.add(row);
        }
        List<String> total = new ArrayList<>();
        for (int i = 0; i < report.dimensions().size(); i++) {
            total.add(i == 0 ? TOTAL : "");
        }
        BigDecimal allTokens = currency.tokens();
        long lineItems = currency.groups().stream().mapToLong(Group::rows).sum();
        total.add(money.apply(currency.total()));
        total.add(currency.currency());
        total.add(allTokens.signum() == 0 ? "" : tokens.apply(allTokens));
        total.add("");
        total.add(Long.toString(lineItems));
        if (incompleteColumn) {
            total.add("");
        }
        boolean[] numeric = new boolean[header.size()];
        for (int i = report.dimensions().size(); i < header.size(); i++) {
            numeric[i] = !header.get(i).equals("currency") && !header.get(i).equals("incomplete");
        }
        return new Table(header, rows, total, numeric);
    }
}
