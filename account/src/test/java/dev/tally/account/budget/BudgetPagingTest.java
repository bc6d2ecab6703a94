package dev.tally.account.budget;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpServer;
import dev.tally.account.iam.TestAws;
import java.io.IOException;
import java.net.InetSocketAddress;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import org.junit.jupiter.api.Test;
import software.amazon.awssdk.services.budgets.BudgetsClient;
import software.amazon.awssdk.services.sts.StsClient;

/**
 * DescribeBudgets paging. moto returns every budget in one page, so this one behaviour is checked against a
 * hand-written peer on loopback that answers in Budgets' JSON shape with a NextToken, and STS's XML shape.
 */
class BudgetPagingTest {
    private static final ObjectMapper JSON = new ObjectMapper();

    @Test
    void list_followsNextTokenThroughEveryPage() throws Exception {
        List<JsonNode> requests = new CopyOnWriteArrayList<>();
        HttpServer server = HttpServer.create(new InetSocketAddress("127.0.0.1", 0), 0);
        server.createContext("/", exchange -> answer(exchange, requests));
        server.start();
        try {
            URI endpoint = URI.create("http://127.0.0.1:" + server.getAddress().getPort());
            try (BudgetsClient budgets = TestAws.budgets(endpoint, "test", "test");
                    StsClient sts = TestAws.sts(endpoint, "test", "test")) {
                List<BudgetSummary> all = new AwsBudgets(budgets, sts).list();
                assertThat(all).extracting(BudgetSummary::name).containsExactly("a", "b", "c");
            }
            assertThat(requests).hasSize(2);
            assertThat(requests.get(0).get("AccountId").asText()).isEqualTo("123456789012");
            assertThat(requests.get(0).has("NextToken")).isFalse();
            assertThat(requests.get(1).get("NextToken").asText()).isEqualTo("page-2");
        } finally {
            server.stop(0);
        }
    }

    private static void answer(HttpExchange exchange, List<JsonNode> requests) throws IOException {
        String body = new String(exchange.getRequestBody().readAllBytes(), StandardCharsets.UTF_8);
        String type;
        String response;
        if (body.contains("Action=GetCallerIdentity")) {
            type = "text/xml";
            response =
                    "<GetCallerIdentityResponse xmlns=\"https://sts.amazonaws.com/doc/2011-06-15/\"><GetCallerIdentityResult>"
                            + "<Arn>arn:aws:iam::123456789012:user/ops</Arn><UserId>AIDAEXAMPLE</UserId><Account>123456789012</Account>"
                            + "</GetCallerIdentityResult><ResponseMetadata><RequestId>1</RequestId></ResponseMetadata></GetCallerIdentityResponse>";
        } else {
            JsonNode request = JSON.readTree(body);
            requests.add(request);
            type = "application/x-amz-json-1.1";
            response = request.has("NextToken")
                    ? "{\"Budgets\":[" + budget("c") + "]}"
                    : "{\"Budgets\":[" + budget("a") + "," + budget("b") + "],\"NextToken\":\"page-2\"}";
        }
        byte[] bytes = response.getBytes(StandardCharsets.UTF_8);
        exchange.getResponseHeaders().add("Content-Type", type);
        exchange.sendResponseHeaders(200, bytes.length);
        exchange.getResponseBody().write(bytes);
        exchange.close();
    }

    private static String budget(String name) {
        return "{\"BudgetName\":\"" + name
                + "\",\"BudgetType\":\"COST\",\"TimeUnit\":\"MONTHLY\",\"BudgetLimit\":{\"Amount\":\"10\",\"Unit\":\"USD\"}}";
    }
}
