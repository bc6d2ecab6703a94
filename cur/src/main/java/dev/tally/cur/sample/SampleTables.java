package dev.tally.cur.sample;

import dev.tally.core.io.JsonText;
import java.math.BigDecimal;
import java.sql.Connection;
import java.sql.SQLException;
import java.sql.Statement;
import java.time.LocalDateTime;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.duckdb.DuckDBAppender;
import org.duckdb.DuckDBConnection;
import org.jspecify.annotations.Nullable;

/**
 * The DuckDB side of the sample: the tables Java fills (principals, line templates, the weighted deck, the
 * hours of the month) and the query that draws the rows from them.
 *
 * <p>Why the tables look as they do, measured on 20 million rows: maps carried through a join with a large
 * build side cost seconds per column, and per-row {@code CASE} or {@code MAP {...}} over maps cost tens of
 * seconds. So the deck maps slots to small integer ids, and every map a row can carry is precomputed in a
 * table of a few hundred rows, keyed by principal and by whether the row is signed and resource-tagged.
 */
final class SampleTables {
    private SampleTables() {}

    static void load(
            Connection duck,
            SampleCurConfig config,
            List<SamplePrincipal> principals,
            List<LineTemplate> lines,
            List<int[]> coverage,
            int deck)
            throws SQLException {
        try (Statement s = duck.createStatement()) {
            s.execute("""
                    CREATE TABLE principal_stage (id INTEGER, arn VARCHAR, account_id VARCHAR, account_name VARCHAR,
                      private_rate BOOLEAN, tags_json VARCHAR, team VARCHAR, project VARCHAR)""");
            s.execute("""
                    CREATE TABLE line_stage (id INTEGER, billing_entity VARCHAR, line_item_type VARCHAR,
                      product_code VARCHAR, product_json VARCHAR, region VARCHAR, usage_type VARCHAR, operation VARCHAR,
                      draw_operation BOOLEAN, pricing_unit VARCHAR, amount VARCHAR, ln_lo DOUBLE, ln_span DOUBLE,
                      tokens_per_unit DOUBLE, charge_sign DOUBLE, rate VARCHAR, rate_value DOUBLE, net_rate VARCHAR,
                      net_rate_value DOUBLE, description VARCHAR, signed BOOLEAN, monthly BOOLEAN, resource VARCHAR,
                      resource_name VARCHAR, resource_tag_percent INTEGER, legal_entity VARCHAR)""");
            s.execute("CREATE TABLE deck_stage (slot BIGINT, line_id INTEGER, principal_id INTEGER)");
            s.execute(
                    "CREATE TABLE sample_hour (hour INTEGER, usage_start TIMESTAMP, usage_end TIMESTAMP, time_interval VARCHAR)");
        }
        DuckDBConnection conn = duck.unwrap(DuckDBConnection.class);
        try (DuckDBAppender a = conn.createAppender(DuckDBConnection.DEFAULT_SCHEMA, "principal_stage")) {
            for (SamplePrincipal p : principals) {
                a.beginRow()
                        .append(p.id())
                        .append(p.arn())
                        .append(p.account().id())
                        .append(p.account().name())
                        .append(p.account().privateRate())
                        .append(json(principalTags(p)))
                        .append(p.team())
                        .append(p.project())
                        .endRow();
            }
        }
        try (DuckDBAppender a = conn.createAppender(DuckDBConnection.DEFAULT_SCHEMA, "line_stage")) {
            for (LineTemplate t : lines) {
                a.beginRow()
                        .append(t.id())
                        .append(t.billingEntity())
                        .append(t.lineItemType())
                        .append(t.productCode());
                Map<String, String> product = new LinkedHashMap<>();
                product.put("product_name", t.productName());
                t.region().ifPresent(r -> product.put("region", r));
                a.append(json(product));
                nullable(a, t.region().orElse(null));
                nullable(a, t.usageType().orElse(null));
                nullable(a, t.operation().orElse(null));
                a.append(t.operation().isEmpty() && t.signed() && t.category() == LineTemplate.Category.TOKENS);
                nullable(a, t.pricingUnit().orElse(null));
                a.append(t.amount().name())
                        .append(Math.log(t.lo()))
                        .append(Math.log(t.hi()) - Math.log(t.lo()))
                        .append((double) t.tokensPerUnit())
                        .append(t.category() == LineTemplate.Category.CREDIT ? -1.0 : 1.0);
                nullable(a, t.rate().map(SampleTables::plain).orElse(null));
                a.append(t.rate().map(BigDecimal::doubleValue).orElse(0.0));
                nullable(a, t.discountedRate().map(SampleTables::plain).orElse(null));
                a.append(t.discountedRate().map(BigDecimal::doubleValue).orElse(0.0));
                a.append(t.description())
                        .append(t.signed())
                        .append(t.monthly())
                        .append(t.resource().name())
                        .append(t.resourceName())
                        .append(t.resourceTagPercent())
                        .append(
                                t.billingEntity().equals("AWS")
                                        ? "Amazon Web Services, Inc."
                                        : sellerOf(t.productName()));
                a.endRow();
            }
        }
        try (DuckDBAppender a = conn.createAppender(DuckDBConnection.DEFAULT_SCHEMA, "deck_stage")) {
            int[] lineSlots = WeightedDeck.slots(
                    lines.stream().mapToDouble(LineTemplate::weight).toArray(), deck);
            int[] principalSlots = WeightedDeck.slots(
                    principals.stream().mapToDouble(SamplePrincipal::weight).toArray(), deck);
            int line = 0;
            int lineLeft = lineSlots[0];
            int principal = 0;
            int principalLeft = principalSlots[0];
            for (long slot = 0; slot < deck; slot++) {
                while (lineLeft == 0) {
                    lineLeft = lineSlots[++line];
                }
                while (principalLeft == 0) {
                    principalLeft = principalSlots[++principal];
                }
                a.beginRow().append(slot).append(line).append(principal).endRow();
                lineLeft--;
                principalLeft--;
            }
            for (int k = 0; k < coverage.size(); k++) {
                a.beginRow()
                        .append((long) deck + k)
                        .append(coverage.get(k)[0])
                        .append(coverage.get(k)[1])
                        .endRow();
            }
        }
        try (DuckDBAppender a = conn.createAppender(DuckDBConnection.DEFAULT_SCHEMA, "sample_hour")) {
            LocalDateTime start = config.month().atDay(1).atStartOfDay();
            LocalDateTime end = start.plusMonths(1);
            int hours = config.month().lengthOfMonth() * 24;
            for (int h = 0; h < hours; h++) {
                hour(a, h, start.plusHours(h), start.plusHours(h + 1));
            }
            hour(a, hours, start, end);
        }
        try (Statement s = duck.createStatement()) {
            // Four rows per principal: with or without resource tags, signed (a Bedrock row) or not.
            s.execute("""
                    CREATE TABLE sample_principal AS
                    SELECT id * 4 + rt * 2 + signed AS key,
                           CASE WHEN signed = 1 THEN arn ELSE '' END AS arn,
                           account_id, account_name, private_rate,
                           CASE WHEN signed = 1 THEN CAST(tags_json::JSON AS MAP(VARCHAR, VARCHAR))
                                ELSE CAST(MAP {} AS MAP(VARCHAR, VARCHAR)) END AS tags,
                           CASE WHEN rt = 1 THEN MAP(['user_team', 'user_project'], [team, project])
                                ELSE CAST(MAP {} AS MAP(VARCHAR, VARCHAR)) END AS resource_tags,
                           substr(md5(account_id || project), 1, 12) AS profile_id,
                           'i-0' || substr(md5(account_id || team || project), 1, 16) AS instance_id,
                           'acme-' || project || '-' || substr(md5(account_id), 1, 6) AS bucket
                    FROM principal_stage, (SELECT unnest([0, 1]) AS rt), (SELECT unnest([0, 1]) AS signed)""");
            s.execute("""
                    CREATE TABLE sample_line AS
                    SELECT * EXCLUDE (product_json), CAST(product_json::JSON AS MAP(VARCHAR, VARCHAR)) AS product
                    FROM line_stage""");
            s.execute("CREATE TABLE sample_deck AS SELECT * FROM deck_stage");
        }
    }

    /**
     * Draws row {@code n} from the tables: hashes of (n, seed) pick the template and the principal through the
     * deck (the first ${coverage} rows take the coverage slots past the deck's end), the hour, the amount
     * (log-uniform between the template's bounds) and the small choices. Costs are usage times the rate as
     * written, rounded to 10 decimals as AWS writes them.
     */
    static final String QUERY = """
            WITH drawn AS (
              SELECT range AS n,
                     hash(range, ${seed}) AS h1, hash(range, ${seed}, 1) AS h2, hash(range, ${seed}, 2) AS h3,
                     hash(range, ${seed}, 3) AS h4, hash(range, ${seed}, 4) AS h5
              FROM range(${rows})
            ),
            picked AS (
              SELECT d.n, d.h1, d.h5, CAST(d.h3 % ${hours} AS INTEGER) AS hour, l.*,
                     exp(l.ln_lo + ((d.h4 >> 11) / 9007199254740992.0) * l.ln_span) AS x,
                     dp.principal_id * 4
                       + CASE WHEN (CASE WHEN d.n < ${coverage} THEN d.n % 2 * 100 ELSE CAST((d.h5 >> 16) % 100 AS BIGINT) END)
                                   < l.resource_tag_percent THEN 2 ELSE 0 END
                       + CASE WHEN l.signed THEN 1 ELSE 0 END AS principal_key
              FROM drawn d
              JOIN sample_deck dl ON dl.slot = CASE WHEN d.n < ${coverage} THEN ${deck} + d.n ELSE CAST(d.h1 % ${deck} AS BIGINT) END
              JOIN sample_line l ON l.id = dl.line_id
              JOIN sample_deck dp ON dp.slot = CASE WHEN d.n < ${coverage} THEN ${deck} + d.n ELSE CAST(d.h2 % ${deck} AS BIGINT) END
            ),
            measured AS (
              SELECT *,
                     CASE amount WHEN 'TOKENS' THEN floor(x) / tokens_per_unit
                                 WHEN 'COUNT' THEN floor(x)
                                 WHEN 'MEASURE' THEN round(x, 6)
                                 ELSE 0 END AS usage
              FROM picked
            ),
            priced AS (
              SELECT m.*, p.arn, p.account_id, p.account_name, p.tags, p.resource_tags, p.profile_id, p.instance_id, p.bucket,
                     p.private_rate AND m.rate IS NOT NULL AND m.net_rate <> m.rate AS discounted,
                     CASE WHEN m.amount = 'CHARGE' THEN m.charge_sign * round(m.x, 2) ELSE round(m.usage * m.rate_value, 10) END AS cost
              FROM measured m
              JOIN sample_principal p ON p.key = m.principal_key
            )
            SELECT
              format('{:016x}{:010x}', h1, n) AS identity_line_item_id,
              t.time_interval AS identity_time_interval,
              'Anniversary' AS bill_bill_type,
              billing_entity AS bill_billing_entity,
              ${period_start} AS bill_billing_period_start_date,
              ${period_end} AS bill_billing_period_end_date,
              ${payer_id} AS bill_payer_account_id,
              ${payer_name} AS bill_payer_account_name,
              ${billing_period} AS billing_period,
              account_id AS line_item_usage_account_id,
              account_name AS line_item_usage_account_name,
              line_item_type AS line_item_line_item_type,
              legal_entity AS line_item_legal_entity,
              product_code AS line_item_product_code,
              usage_type AS line_item_usage_type,
              CASE WHEN NOT draw_operation THEN operation
                   WHEN h5 % 100 < 8 THEN 'Usage'
                   WHEN h5 % 100 < 40 THEN 'InvokeModelInference'
                   ELSE 'InvokeModelStreamingInference' END AS line_item_operation,
              description AS line_item_line_item_description,
              CASE resource
                WHEN 'FOUNDATION_MODEL' THEN
                  CASE WHEN cardinality(resource_tags) > 0
                       THEN 'arn:aws:bedrock:' || region || ':' || account_id || ':application-inference-profile/' || profile_id
                       ELSE 'arn:aws:bedrock:' || region || '::foundation-model/' || resource_name END
                WHEN 'PROVISIONED_MODEL' THEN 'arn:aws:bedrock:' || region || ':' || account_id || ':provisioned-model/' || resource_name || '-' || profile_id
                WHEN 'INSTANCE' THEN instance_id
                WHEN 'BUCKET' THEN bucket
                ELSE NULL END AS line_item_resource_id,
              arn AS line_item_iam_principal,
              usage AS line_item_usage_amount,
              pricing_unit,
              rate AS line_item_unblended_rate,
              cost AS line_item_unblended_cost,
              CASE WHEN discounted THEN net_rate ELSE rate END AS line_item_net_unblended_rate,
              CASE WHEN discounted THEN round(usage * net_rate_value, 10) ELSE cost END AS line_item_net_unblended_cost,
              CASE WHEN discounted THEN round(usage * net_rate_value, 10) - cost ELSE 0 END AS discount_total_discount,
              ${currency} AS line_item_currency_code,
              t.usage_start AS line_item_usage_start_date,
              t.usage_end AS line_item_usage_end_date,
              CASE WHEN line_item_type = 'Usage' THEN 'OnDemand' END AS pricing_term,
              CASE WHEN line_item_type = 'Usage' THEN rate END AS pricing_public_on_demand_rate,
              CASE WHEN line_item_type = 'Usage' THEN cost END AS pricing_public_on_demand_cost,
              product,
              region AS product_region_code,
              product_code AS product_servicecode,
              resource_tags,
              tags
            FROM priced
            JOIN sample_hour t ON t.hour = CASE WHEN monthly THEN ${hours} ELSE priced.hour END""";

    /**
     * Up to this many rows the query ends with {@code ORDER BY n}. Beyond it the tables joined are far smaller
     * than the rows, so DuckDB builds its hash tables on them and streams the rows through in order (with
     * {@code preserve_insertion_order}); a sort there would hold every row in memory (20 GB for 20 million).
     */
    static final long SORTED_UP_TO = 1_000_000;

    private static void hour(DuckDBAppender a, int hour, LocalDateTime start, LocalDateTime end) throws SQLException {
        a.beginRow()
                .append(hour)
                .append(start)
                .append(end)
                .append(SampleCur.iso(start) + "/" + SampleCur.iso(end))
                .endRow();
    }

    /** Principal tags as CUR 2.0's {@code tags} map names them: {@code iamPrincipal/<key>}. */
    private static Map<String, String> principalTags(SamplePrincipal p) {
        Map<String, String> tags = new LinkedHashMap<>();
        p.tags().forEach((k, v) -> tags.put("iamPrincipal/" + k, v));
        return tags;
    }

    private static void nullable(DuckDBAppender a, @Nullable String value) throws SQLException {
        if (value == null) {
            a.appendNull();
        } else {
            a.append(value);
        }
    }

    private static String plain(BigDecimal value) {
        return value.stripTrailingZeros().toPlainString();
    }

    /** Marketplace rows name the seller as legal entity: the product name's first word stands in for it. */
    private static String sellerOf(String productName) {
        int space = productName.indexOf(' ');
        return space < 0 ? productName : productName.substring(0, space);
    }

    /** A JSON object of string values, keys in the map's order (tag values are plain by STS's rules, but escape anyway). */
    static String json(Map<String, String> map) {
        return JsonText.object(map);
    }
}
