package dev.tally.reconcile.render;

import dev.tally.core.io.JsonWriter;
import dev.tally.reconcile.DifferenceKind;
import dev.tally.reconcile.Line;
import dev.tally.reconcile.PriceFinding;
import dev.tally.reconcile.ProvisionalDay;
import dev.tally.reconcile.Reconciliation;
import dev.tally.reconcile.TokenFinding;
import dev.tally.reconcile.UnknownSession;
import dev.tally.report.query.Dimension;
import dev.tally.report.render.Amounts;
import java.io.IOException;
import java.io.Writer;
import java.math.BigDecimal;
import java.util.List;

/**
 * The stable form for automation, documented with its schema in docs/reconcile.md: {@code schema} names the version;
 * fields are only ever added within it. Numbers are exact decimals; absent values are {@code null}.
 */
final class JsonRenderer implements ReconcileRenderer {
    static final String SCHEMA = "tally.reconcile/1";

    @Override
    public void render(Reconciliation r, Writer out) throws IOException {
        JsonWriter j = JsonWriter.pretty().beginObject();
        j.name("schema").value(SCHEMA);
        j.name("status").value(r.status());
        j.name("currency").value(r.currency());
        j.name("tolerancePercent").value(r.tolerancePercent());
        j.name("dimensions").beginArray();
        r.dimensions().forEach(d -> j.value(d.label()));
        j.endArray();
        j.name("newestBilledDay")
                .value(r.newestBilledDay().map(Object::toString).orElse(null));
        j.name("total");
        line(j, List.of(), List.of(), r.total());
        lines(j, "groups", r.dimensions().stream().map(Dimension::label).toList(), r.groups());
        lines(j, "byDay", List.of("day"), r.byDay());
        lines(j, "byUser", List.of("user"), r.byUser());
        j.name("differences").beginObject();
        j.name("prices").beginArray();
        for (PriceFinding p : r.prices()) {
            j.beginObject();
            j.name("model").value(p.model());
            j.name("pricingModel").value(p.pricing().label());
            j.name("tokenType").value(p.kind().label());
            j.name("tokens").value(p.tokens());
            j.name("meteredPricePerMillion").value(exact(p.meteredPricePerMillion()));
            j.name("billedPricePerMillion").value(exact(p.billedPricePerMillion()));
            j.name("meteredCost").value(exact(p.meteredCost()));
            j.name("billedCost").value(exact(p.billedCost()));
            j.name("difference").value(exact(p.difference()));
            j.endObject();
        }
        j.endArray();
        j.name("tokens").beginArray();
        for (TokenFinding t : r.tokens()) {
            j.beginObject();
            j.name("user").value(t.user());
            j.name("session").value(t.session());
            j.name("sessionArn").value(t.sessionArn());
            j.name("day").value(t.day().toString());
            j.name("model").value(t.model());
            j.name("pricingModel").value(t.pricing().label());
            j.name("tokenType").value(t.kind().label());
            j.name("meteredTokens").value(t.meteredTokens());
            j.name("billedTokens").value(t.billedTokens());
            j.name("meteredCost").value(exact(t.meteredCost()));
            j.name("billedCost").value(exact(t.billedCost()));
            j.name("difference").value(exact(t.difference()));
            j.name("meteredCalls").value(t.meteredCalls());
            j.name("estimatedCalls").value(t.estimatedCalls());
            j.endObject();
        }
        j.endArray();
        j.name("unknownSessions").beginArray();
        for (UnknownSession u : r.unknownSessions()) {
            j.beginObject();
            j.name("session").value(u.session());
            j.name("arn").value(u.arn());
            j.name("user").value(u.user());
            j.name("billedCost").value(exact(u.billedCost()));
            j.name("billedTokens").value(u.billedTokens());
            j.name("firstDay").value(u.firstDay().toString());
            j.name("lastDay").value(u.lastDay().toString());
            j.endObject();
        }
        j.endArray();
        j.name("provisional").beginArray();
        for (ProvisionalDay p : r.provisional()) {
            j.beginObject();
            j.name("day").value(p.day().toString());
            j.name("meteredCost").value(exact(p.meteredCost()));
            j.name("notBilledYet").value(exact(p.notBilledYet()));
            j.endObject();
        }
        j.endArray();
        j.endObject();
        j.name("unattributedBilledCost").value(exact(r.unattributedBilledCost()));
        j.endObject();
        out.write(j.toString());
        out.write("\n");
    }

    private static void lines(JsonWriter j, String name, List<String> labels, List<Line> lines) {
        j.name(name).beginArray();
        for (Line line : lines) {
            line(j, labels, line.keys(), line);
        }
        j.endArray();
    }

    private static void line(JsonWriter j, List<String> labels, List<String> keys, Line line) {
        j.beginObject();
        j.name("keys").beginObject();
        for (int i = 0; i < labels.size(); i++) {
            j.name(labels.get(i)).value(keys.get(i));
        }
        j.endObject();
        j.name("meteredCost").value(exact(line.meteredCost()));
        j.name("billedCost").value(exact(line.billedCost()));
        j.name("difference").value(exact(line.difference()));
        j.name("ratio").value(line.ratio().orElse(null));
        j.name("meteredTokens").value(line.meteredTokens());
        j.name("billedTokens").value(line.billedTokens());
        j.name("provisionalCost").value(exact(line.provisionalCost()));
        j.name("status").value(line.withinTolerance() ? "ok" : "differs");
        j.name("kinds").beginArray();
        line.sortedKinds().stream().map(DifferenceKind::label).forEach(j::value);
        j.endArray();
        j.endObject();
    }

    private static BigDecimal exact(BigDecimal value) {
        return new BigDecimal(Amounts.exact(value));
    }
}
