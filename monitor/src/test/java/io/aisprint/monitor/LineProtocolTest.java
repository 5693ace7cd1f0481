package io.aisprint.monitor;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.Map;
import java.util.TreeMap;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

class LineProtocolTest {
    private static final long NOW = 1_700_000_000_000_000_000L;

    private static Point single(String line) {
        ParseResult result = LineProtocol.parse(line, Precision.NANOSECONDS, NOW);
        assertThat(result.errors()).as("errors for %s", line).isEmpty();
        assertThat(result.points()).hasSize(1);
        return result.points().get(0);
    }

    private static LineError error(String line) {
        ParseResult result = LineProtocol.parse(line, Precision.NANOSECONDS, NOW);
        assertThat(result.points()).as("points for %s", line).isEmpty();
        assertThat(result.errors()).hasSize(1);
        return result.errors().get(0);
    }

    @Test
    void parsesMeasurementTagsFieldsAndTimestamp() {
        Point point = single("cpu,host=a,region=eu usage=0.5,cores=4i 1465839830100400200");
        assertThat(point.measurement()).isEqualTo("cpu");
        assertThat(point.tags()).containsExactly(Map.entry("host", "a"), Map.entry("region", "eu"));
        assertThat(point.fields()).containsEntry("usage", new FieldValue.FloatValue(0.5))
                .containsEntry("cores", new FieldValue.IntegerValue(4));
        assertThat(point.timeNanos()).isEqualTo(1465839830100400200L);
    }

    @Test
    void sortsTagsSoTheSeriesKeyIsCanonical() {
        assertThat(single("m,b=2,a=1 v=1 1").seriesKey()).isEqualTo("m,a=1,b=2");
    }

    @Test
    void parsesEveryFieldType() {
        Point point = single("m f1=1,f2=-1.5e+3,f3=.5,f4=-9223372036854775808i,f5=18446744073709551615u,"
                + "f6=\"hi\",f7=t,f8=FALSE,f9=True,f10=f 1");
        assertThat(point.fields()).containsEntry("f1", new FieldValue.FloatValue(1))
                .containsEntry("f2", new FieldValue.FloatValue(-1500))
                .containsEntry("f3", new FieldValue.FloatValue(0.5))
                .containsEntry("f4", new FieldValue.IntegerValue(Long.MIN_VALUE))
                .containsEntry("f5", new FieldValue.UnsignedValue(-1L))
                .containsEntry("f6", new FieldValue.StringValue("hi"))
                .containsEntry("f7", new FieldValue.BooleanValue(true))
                .containsEntry("f8", new FieldValue.BooleanValue(false))
                .containsEntry("f9", new FieldValue.BooleanValue(true))
                .containsEntry("f10", new FieldValue.BooleanValue(false));
        assertThat(point.fields().get("f5").asDouble()).isEqualTo(1.8446744073709552E19);
    }

    @Test
    void unescapesMeasurementKeysTagValuesAndStrings() {
        Point point = single("my\\ meas\\,ure,tag\\ key=tag\\,val\\=ue field\\=key=\"say \\\"hi\\\" \\\\ back\" 7");
        assertThat(point.measurement()).isEqualTo("my meas,ure");
        assertThat(point.tags()).containsEntry("tag key", "tag,val=ue");
        assertThat(point.fields()).containsEntry("field=key", new FieldValue.StringValue("say \"hi\" \\ back"));
    }

    @Test
    void backslashBeforeAnOrdinaryCharacterIsLiteral() {
        Point point = single("m\\x,t=a\\b v=\"a\\nb\" 1");
        assertThat(point.measurement()).isEqualTo("m\\x");
        assertThat(point.tags()).containsEntry("t", "a\\b");
        assertThat(point.fields()).containsEntry("v", new FieldValue.StringValue("a\\nb"));
    }

    @Test
    void equalsSignInMeasurementNeedsNoEscape() {
        assertThat(single("a=b v=1 1").measurement()).isEqualTo("a=b");
    }

    @Test
    void stringFieldMayHoldSpacesCommasAndEquals() {
        assertThat(single("m s=\"a b,c=d\",n=1 5").fields())
                .containsEntry("s", new FieldValue.StringValue("a b,c=d"))
                .containsEntry("n", new FieldValue.FloatValue(1));
    }

    @Test
    void missingTimestampTakesTheServerTime() {
        assertThat(single("m v=1").timeNanos()).isEqualTo(NOW);
        assertThat(single("m v=1   ").timeNanos()).isEqualTo(NOW);
    }

    @ParameterizedTest
    @CsvSource({
        "ns, 1500, 1500",
        "n, 1500, 1500",
        "u, 1500, 1500000",
        "us, 1500, 1500000",
        "ms, 1500, 1500000000",
        "s, 1500, 1500000000000",
        "m, 2, 120000000000",
        "h, 2, 7200000000000",
        "s, -2, -2000000000",
    })
    void scalesTimestampsByPrecision(String precision, long written, long expectedNanos) {
        ParseResult result = LineProtocol.parse("m v=1 " + written, Precision.parse(precision), NOW);
        assertThat(result.points()).singleElement().extracting(Point::timeNanos).isEqualTo(expectedNanos);
    }

    @Test
    void rejectsUnknownPrecision() {
        assertThatThrownBy(() -> Precision.parse("fortnight")).isInstanceOf(MonitorException.class)
                .hasMessageContaining("fortnight").hasMessageContaining("ms");
    }

    @Test
    void skipsCommentsBlankLinesAndCarriageReturns() {
        ParseResult result = LineProtocol.parse("# a comment\n\n   \nm v=1 1\r\n  # indented comment\nm v=2 2\n",
                Precision.NANOSECONDS, NOW);
        assertThat(result.errors()).isEmpty();
        assertThat(result.points()).extracting(Point::timeNanos).containsExactly(1L, 2L);
    }

    @ParameterizedTest
    @CsvSource(delimiter = '|', value = {
        "m| missing fields",
        "m | missing fields",
        ",t=1 v=1| missing measurement",
        "m,t= v=1| missing tag value",
        "m,=a v=1| missing tag key",
        "m,t v=1| missing '=' after tag key",
        "m v=| missing value for field 'v'",
        "m v| missing '=' after field key 'v'",
        "m v=1,| missing field key",
        "m v=abc| invalid field value 'abc'",
        "m v=NaN| invalid field value 'NaN'",
        "m v=1.5i| invalid integer '1.5i'",
        "m v=9223372036854775808i| invalid integer",
        "m v=-1u| invalid unsigned integer",
        "m v=\"open| unterminated string",
        "m v=1 12x| invalid timestamp '12x'",
        "m v=1 1 2| unexpected text after the timestamp",
        "m v=1e400| out of range",
        "m time=1| 'time' is reserved",
        "m v='x'| invalid field value",
    })
    void reportsBadLinesWithAReason(String line, String reason) {
        assertThat(error(line).reason()).contains(reason.trim());
    }

    @Test
    void timestampOverflowAfterScalingIsAnError() {
        ParseResult result = LineProtocol.parse("m v=1 9223372036854775", Precision.SECONDS, NOW);
        assertThat(result.errors()).singleElement().extracting(LineError::reason).asString().contains("out of the int64");
    }

    @Test
    void badLinesDoNotStopTheBatchAndAreNumbered() {
        ParseResult result = LineProtocol.parse("m v=1 1\n# c\nm v= 2\nm v=3 3\nbroken\n", Precision.NANOSECONDS, NOW);
        assertThat(result.points()).extracting(Point::timeNanos).containsExactly(1L, 3L);
        assertThat(result.errors()).extracting(LineError::lineNumber).containsExactly(3, 5);
        assertThat(result.errors().get(0).describe()).contains("'m v= 2'").contains("line 3");
    }

    @Test
    void enforcesTheLineLengthLimit() {
        ParseResult result = LineProtocol.parse("m v=1 1\nm s=\"" + "x".repeat(200) + "\" 2", Precision.NANOSECONDS, NOW, 100);
        assertThat(result.points()).hasSize(1);
        assertThat(result.errors()).singleElement().extracting(LineError::reason).asString().contains("limit is 100");
    }

    @Test
    void enforcesTheStringLengthLimit() {
        String big = "x".repeat(LineProtocol.MAX_STRING_LENGTH + 1);
        assertThat(error("m s=\"" + big + "\" 1").reason()).contains("limit is 65536");
    }

    @Test
    void formatThenParseGivesTheSamePoint() {
        TreeMap<String, String> tags = new TreeMap<>(Map.of("a b", "c,d=e", "k", "ends\\", "q", "\"quoted\""));
        Point point = new Point("me as,ure\\", tags, Map.of(
                "f=1", new FieldValue.FloatValue(-0.125),
                "big", new FieldValue.FloatValue(1.5e300),
                "i", new FieldValue.IntegerValue(-42),
                "u", new FieldValue.UnsignedValue(-2L),
                "s", new FieldValue.StringValue("a \"b\" \\ c\\"),
                "b", new FieldValue.BooleanValue(true)), -5);
        String line = LineProtocol.format(point);
        assertThat(single(line)).isEqualTo(point);
    }
}
