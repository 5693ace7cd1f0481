# A session with the Debian python3-influxdb client (1.x API) against the server on argv[1].
import json
import sys

from influxdb import InfluxDBClient

client = InfluxDBClient(host="127.0.0.1", port=int(sys.argv[1]), database="pyclient")
client.create_database("pyclient")
out = {"databases": sorted(d["name"] for d in client.get_list_database())}
client.write_points([
    {"measurement": "cpu", "tags": {"host": "a"}, "time": "2024-01-01T00:00:00Z", "fields": {"usage": 10.0, "n": 1}},
    {"measurement": "cpu", "tags": {"host": "a"}, "time": "2024-01-01T00:01:00Z", "fields": {"usage": 30.0, "n": 2}},
    {"measurement": "cpu", "tags": {"host": "b"}, "time": "2024-01-01T00:00:30Z", "fields": {"usage": 5.0, "n": 3}},
    {"measurement": "mem", "tags": {"host": "a"}, "time": "2024-01-01T00:00:00Z", "fields": {"free": 7}},
])
out["measurements"] = client.get_list_measurements()
result = client.query('SELECT mean("usage") AS m, sum("n") FROM "cpu" WHERE time >= \'2024-01-01T00:00:00Z\' GROUP BY "host"')
out["means"] = {tags["host"]: list(result.get_points(tags=tags)) for (_, tags) in result.keys()}
raw = client.query("SELECT * FROM cpu WHERE host = 'a'", epoch="s")
out["raw"] = list(raw.get_points())
out["series"] = client.get_list_series()
print(json.dumps(out, sort_keys=True))
