package io.aisprint.monitor;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.aisprint.monitor.influxql.Expr;
import io.aisprint.monitor.influxql.Parser;
import io.aisprint.monitor.influxql.QueryError;
import io.aisprint.monitor.influxql.Statement;
import java.net.URI;
import java.net.URLEncoder;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.List;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * The InfluxQL parser and engine without a real influxd (the differential suite compares with
 * one): grammar, answers in influxd's JSON shape, and the data model rules of the write path.
 */
class InfluxQlTest {
    private static final Instant NOW = Instant.parse("2024-05-01T12:00:00Z");
    private static final Clock CLOCK = Clock.fixed(NOW, ZoneOffset.UTC);
    private static final HttpClient HTTP = HttpClient.newHttpClient();
    private MonitorServer server;

    @BeforeEach
    void start() {
        server = MonitorServer.start(MetricStores.inMemory(), ServerConfig.ephemeral(CLOCK));
    }

    @AfterEach
    void stop() {
        server.close();
    }

    @Test
    void parsesTheGrammarNotPatterns() {
        List<Statement> statements = Parser.parse("SELECT mean(\"v\") * 2 AS x, max(v) FROM db.rp.\"cpu\" WHERE (host =~ /^a\\/b$/ OR "
                + "v / 2 > 1) AND time >= now() - 1h GROUP BY time(5m, 1m), host fill(linear) ORDER BY time DESC LIMIT 3 "
                + "SLIMIT 2 tz('Europe/Rome'); SHOW TAG VALUES FROM cpu WITH KEY IN (host, region)");
        assertThat(statements).hasSize(2);
        Statement.Select select = (Statement.Select) statements.get(0);
        assertThat(select.fields()).hasSize(2);
        assertThat(select.fields().get(0).alias()).isEqualTo("x");
        assertThat(((Statement.Measurement) select.sources().get(0)).retentionPolicy()).isEqualTo("rp");
        assertThat(select.dimensions()).hasSize(2);
        assertThat(select.fill().mode()).isEqualTo(Statement.FillMode.LINEAR);
        assertThat(select.descending()).isTrue();
        assertThat(select.limit()).isEqualTo(3);
        assertThat(select.seriesLimit()).isEqualTo(2);
        Expr.Binary where = (Expr.Binary) select.condition();
        assertThat(where.op()).isEqualTo("AND");
        Expr.Binary or = (Expr.Binary) Expr.unparen(where.lhs());
        assertThat(((Expr.RegexLit) ((Expr.Binary) or.lhs()).rhs()).source()).isEqualTo("^a/b$");
        assertThat(((Expr.Binary) ((Expr.Binary) or.rhs()).lhs()).op()).isEqualTo("/");
        assertThat(((Statement.ShowTagValues) statements.get(1)).keys()).containsExactly("host", "region");
    }

    @Test
    void parseErrorsReadAsInfluxdWritesThem() {
        assertThatThrownBy(() -> Parser.parse("SELEC x")).isInstanceOf(QueryError.class).hasMessage(
                "error parsing query: found SELEC, expected SELECT, DELETE, SHOW, CREATE, DROP, EXPLAIN, GRANT, REVOKE, ALTER, SET, KILL"
                        + " at line 1, char 1");
        assertThatThrownBy(() -> Parser.parse("SELECT usage FROM")).hasMessage(
                "error parsing query: found EOF, expected identifier at line 1, char 19");
    }

    @Test
    void answersInInfluxdsShapeWithTypesKept() throws Exception {
        assertThat(write("cpu,host=a v=1,i=10i,s=\"x\",b=true 100\ncpu,host=b v=3,i=20i 160\ncpu,host=a v=2 130").statusCode())
                .isEqualTo(204);
        assertThat(query("SELECT * FROM cpu")).isEqualTo("{\"results\":[{\"statement_id\":0,\"series\":[{\"name\":\"cpu\",\"columns\":"
                + "[\"time\",\"b\",\"host\",\"i\",\"s\",\"v\"],\"values\":[[\"1970-01-01T00:01:40Z\",true,\"a\",10,\"x\",1],"
                + "[\"1970-01-01T00:02:10Z\",null,\"a\",null,null,2],[\"1970-01-01T00:02:40Z\",null,\"b\",20,null,3]]}]}]}");
        assertThat(query("SELECT max(v) FROM cpu")).contains("[\"1970-01-01T00:02:40Z\",3]");
        assertThat(query("SELECT mean(v), sum(i) FROM cpu GROUP BY host")).contains("\"tags\":{\"host\":\"a\"}")
                .contains("[\"1970-01-01T00:00:00Z\",1.5,10]");
        assertThat(query("SELECT count(v) FROM cpu WHERE time >= 0 AND time < 4m GROUP BY time(1m)")).contains(
                "[[\"1970-01-01T00:00:00Z\",0],[\"1970-01-01T00:01:00Z\",1],[\"1970-01-01T00:02:00Z\",2],[\"1970-01-01T00:03:00Z\",0]]");
        assertThat(query("SELECT v FROM cpu WHERE v > 1 OR host = 'b' ORDER BY time DESC LIMIT 1")).contains("[\"1970-01-01T00:02:40Z\",3]");
        assertThat(query("SELECT v FROM nope; SELECT v FROM cpu LIMIT 1")).isEqualTo("{\"results\":[{\"statement_id\":0},{\"statement_id\":1,"
                + "\"series\":[{\"name\":\"cpu\",\"columns\":[\"time\",\"v\"],\"values\":[[\"1970-01-01T00:01:40Z\",1]]}]}]}");
        assertThat(query("SELECT mean(v), v FROM cpu")).contains("\"error\":\"mixing aggregate and non-aggregate queries is not supported\"");
        assertThat(query("SHOW FIELD KEYS")).contains("[\"b\",\"boolean\"],[\"i\",\"integer\"],[\"s\",\"string\"],[\"v\",\"float\"]");
    }

    @Test
    void writesFollowInfluxdsDataModel() throws Exception {
        HttpResponse<String> unknown = HTTP.send(HttpRequest.newBuilder(uri("/write?db=nope")).POST(HttpRequest.BodyPublishers.ofString(
                "m v=1")).build(), HttpResponse.BodyHandlers.ofString());
        assertThat(unknown.statusCode()).isEqualTo(404);
        assertThat(unknown.body()).isEqualTo("{\"error\":\"database not found: \\\"nope\\\"\"}");
        HttpResponse<String> get = HTTP.send(HttpRequest.newBuilder(uri("/write?db=aisprint")).build(), HttpResponse.BodyHandlers.ofString());
        assertThat(get.statusCode()).isEqualTo(405);
        assertThat(get.headers().firstValue("Allow")).contains("OPTIONS, POST");
        assertThat(write("m v=1 10\nm v=2 20").statusCode()).isEqualTo(204);
        HttpResponse<String> conflict = write("m v=3i 30\nm v=9 10");
        assertThat(conflict.statusCode()).isEqualTo(400);
        assertThat(conflict.body()).isEqualTo("{\"error\":\"partial write: field type conflict: input field \\\"v\\\" on measurement "
                + "\\\"m\\\" is type integer, already exists as type float dropped=1\"}");
        assertThat(query("SELECT v FROM m")).contains("\"values\":[[\"1970-01-01T00:00:10Z\",9],[\"1970-01-01T00:00:20Z\",2]]");
    }

    @Test
    void databasesAndRetentionPoliciesAreSeparateAndEnforced() throws Exception {
        assertThat(post("CREATE DATABASE other WITH DURATION 1h NAME short")).isEqualTo("{\"results\":[{\"statement_id\":0}]}");
        long now = NOW.getEpochSecond();
        HttpResponse<String> response = HTTP.send(HttpRequest.newBuilder(uri("/write?db=other&precision=s")).POST(
                HttpRequest.BodyPublishers.ofString("m v=1 " + (now - 7200) + "\nm v=2 " + (now - 60))).build(),
                HttpResponse.BodyHandlers.ofString());
        assertThat(response.statusCode()).isEqualTo(204);
        assertThat(query("SHOW MEASUREMENTS")).doesNotContain("\"m\"");
        assertThat(get("/query?db=other&q=" + encode("SHOW RETENTION POLICIES"))).contains("[\"short\",\"1h0m0s\",\"1h0m0s\",1,true]");
        assertThat(get("/query?db=other&epoch=s&q=" + encode("SELECT count(v) FROM m"))).contains("[0,2]");
        server.enforceRetention();
        assertThat(get("/query?db=other&epoch=s&q=" + encode("SELECT v FROM m"))).contains("[[" + (now - 60) + ",2]]");
        assertThat(post("DROP DATABASE other")).isEqualTo("{\"results\":[{\"statement_id\":0}]}");
        assertThat(post("SHOW DATABASES")).contains("[[\"aisprint\"]]");
    }

    @Test
    void deleteAndDropRemoveData() throws Exception {
        write("d,host=a v=1 10\nd,host=b v=2 20\nd,host=a v=3 30\ne v=1 10");
        post("DELETE FROM d WHERE time < 25s");
        assertThat(query("SELECT v FROM d")).contains("\"values\":[[\"1970-01-01T00:00:30Z\",3]]");
        post("DROP SERIES FROM d WHERE host = 'a'");
        assertThat(query("SHOW SERIES")).isEqualTo("{\"results\":[{\"statement_id\":0,\"series\":[{\"columns\":[\"key\"],\"values\":"
                + "[[\"d,host=b\"],[\"e\"]]}]}]}");
        post("DROP MEASUREMENT e");
        assertThat(query("SHOW MEASUREMENTS")).isEqualTo("{\"results\":[{\"statement_id\":0,\"series\":[{\"name\":\"measurements\","
                + "\"columns\":[\"name\"],\"values\":[[\"d\"]]}]}]}");
    }

    private URI uri(String path) {
        return URI.create("http://127.0.0.1:" + server.httpPort() + path);
    }

    private HttpResponse<String> write(String body) throws Exception {
        return HTTP.send(HttpRequest.newBuilder(uri("/write?db=aisprint&precision=s")).POST(HttpRequest.BodyPublishers.ofString(body))
                .build(), HttpResponse.BodyHandlers.ofString());
    }

    private String query(String q) throws Exception {
        return get("/query?db=aisprint&q=" + encode(q));
    }

    private String get(String path) throws Exception {
        HttpResponse<String> response = HTTP.send(HttpRequest.newBuilder(uri(path)).build(), HttpResponse.BodyHandlers.ofString());
        JsonNode parsed = new ObjectMapper().readTree(response.body());
        assertThat(parsed.isObject()).isTrue();
        return response.body().trim();
    }

    private String post(String q) throws Exception {
        return HTTP.send(HttpRequest.newBuilder(uri("/query?db=aisprint")).header("Content-Type", "application/x-www-form-urlencoded")
                .POST(HttpRequest.BodyPublishers.ofString("q=" + encode(q))).build(), HttpResponse.BodyHandlers.ofString()).body().trim();
    }

    private static String encode(String text) {
        return URLEncoder.encode(text, StandardCharsets.UTF_8);
    }
}
