#!/usr/bin/env python3
# aisprint network-namespace agent: runs inside one namespace (ip netns exec NS python3 netns-agent.py)
# and does what a JVM in the root namespace cannot: listen and connect from inside the namespace, and
# receive packets punted by nftables "log group N" (NFLOG over a netlink socket, Python standard
# library only) and send a punted packet on once the controller has opened its path ("release").
# Protocol: one command per stdin line "ID VERB ARGS..."; one reply line "ID ok ..." or "ID fail REASON
# ..."; punted packets arrive as unsolicited "punt PACKET_ID SRC DST PROTO SPORT DPORT" lines.
import socket, struct, sys, threading, time

out_lock = threading.Lock()
handles = {}
next_handle = [1]
held = {}          # punted packets by id, until released (the newest 1024 are kept)
next_packet = [1]

def emit(line):
    with out_lock:
        sys.stdout.write(line + "\n")
        sys.stdout.flush()

def micros(start):
    return int((time.perf_counter() - start) * 1e6)

def serve(conn):
    try:
        while True:
            data = conn.recv(4096)
            if not data:
                return
            conn.sendall(data)
    except OSError:
        pass
    finally:
        conn.close()

def listen(rid, addr, port):
    server = socket.socket(socket.AF_INET, socket.SOCK_STREAM)
    server.setsockopt(socket.SOL_SOCKET, socket.SO_REUSEADDR, 1)
    server.bind((addr, int(port)))
    server.listen(128)
    def accept_loop():
        while True:
            conn, _ = server.accept()
            threading.Thread(target=serve, args=(conn,), daemon=True).start()
    threading.Thread(target=accept_loop, daemon=True).start()
    emit(rid + " ok")

def echo(sock, timeout):
    sock.settimeout(timeout)
    start = time.perf_counter()
    sock.sendall(b"ping\n")
    got = b""
    while len(got) < 5:
        chunk = sock.recv(64)
        if not chunk:
            raise OSError("closed")
        got += chunk
    return micros(start)

def open_connection(src, dst, port, timeout):
    sock = socket.socket(socket.AF_INET, socket.SOCK_STREAM)
    sock.setsockopt(socket.IPPROTO_TCP, socket.TCP_NODELAY, 1)
    sock.bind((src, 0))
    sock.settimeout(timeout)
    sock.connect((dst, int(port)))
    return sock

def connect(rid, src, dst, port, timeout_ms, echoes):
    timeout = int(timeout_ms) / 1000.0
    start = time.perf_counter()
    try:
        sock = open_connection(src, dst, port, timeout)
        connected = micros(start)
        samples = sorted(echo(sock, timeout) for _ in range(int(echoes)))
        sock.close()
        emit("%s ok %d %d" % (rid, connected, samples[len(samples) // 2] if samples else 0))
    except (OSError, socket.timeout) as e:
        emit("%s fail %s %d" % (rid, type(e).__name__, micros(start)))

def open_cmd(rid, src, dst, port, timeout_ms):
    try:
        sock = open_connection(src, dst, port, int(timeout_ms) / 1000.0)
        echo(sock, int(timeout_ms) / 1000.0)
        handle = next_handle[0]
        next_handle[0] += 1
        handles[handle] = sock
        emit("%s ok %d" % (rid, handle))
    except (OSError, socket.timeout) as e:
        emit("%s fail %s 0" % (rid, type(e).__name__))

def send_cmd(rid, handle, timeout_ms):
    try:
        emit("%s ok %d" % (rid, echo(handles[int(handle)], int(timeout_ms) / 1000.0)))
    except (OSError, socket.timeout, KeyError) as e:
        emit("%s fail %s 0" % (rid, type(e).__name__))

def close_cmd(rid, handle):
    sock = handles.pop(int(handle), None)
    if sock:
        sock.close()
    emit(rid + " ok")

# NFLOG: nfnetlink subsystem ULOG (4), config message 1; attributes CFG_CMD (1) and CFG_MODE (2); payload attribute 9.
def nflog(rid, group):
    group = int(group)
    sock = socket.socket(socket.AF_NETLINK, socket.SOCK_RAW, 12)
    sock.bind((0, 0))
    def attr(kind, data):
        length = 4 + len(data)
        return struct.pack("=HH", length, kind) + data + b"\0" * ((4 - length % 4) % 4)
    def config(body, res_id):
        payload = struct.pack("BBH", socket.AF_INET, 0, socket.htons(res_id)) + body
        sock.send(struct.pack("=IHHII", 16 + len(payload), (4 << 8) | 1, 1 | 4, 0, 0) + payload)
        error = struct.unpack_from("=i", sock.recv(65536), 16)[0]
        if error != 0:
            raise OSError("nflog config error %d" % error)
    config(attr(1, struct.pack("B", 1)), group)               # bind to the group
    config(attr(2, struct.pack(">IBx", 0xFFFF, 2)), group)    # copy whole packets (to release them later)
    config(attr(5, struct.pack(">I", 1)), group)              # queue threshold 1: deliver each packet at once, not in batches
    config(attr(4, struct.pack(">I", 0)), group)              # no flush timer wait
    def receive():
        while True:
            data = sock.recv(65536)
            offset = 0
            while offset + 16 <= len(data):
                length = struct.unpack_from("=I", data, offset)[0]
                body = data[offset + 16:offset + length]
                position = 4
                while position + 4 <= len(body):
                    attr_length, attr_type = struct.unpack_from("=HH", body, position)
                    if attr_length < 4:
                        break
                    if attr_type & 0x7FFF == 9:
                        packet = body[position + 4:position + attr_length]
                        header = (packet[0] & 15) * 4
                        sport, dport = struct.unpack_from(">HH", packet, header) if len(packet) >= header + 4 else (0, 0)
                        packet_id = next_packet[0]
                        next_packet[0] += 1
                        held[packet_id] = packet
                        held.pop(packet_id - 1024, None)
                        emit("punt %d %s %s %d %d %d" % (packet_id, socket.inet_ntoa(packet[12:16]), socket.inet_ntoa(packet[16:20]), packet[9], sport, dport))
                    position += (attr_length + 3) & ~3
                offset += (length + 3) & ~3
    threading.Thread(target=receive, daemon=True).start()
    emit(rid + " ok")

def checksum(data):
    if len(data) % 2:
        data += b"\0"
    total = sum(struct.unpack("!%dH" % (len(data) // 2), data))
    while total >> 16:
        total = (total & 0xFFFF) + (total >> 16)
    return ~total & 0xFFFF

# A packet logged on its way out of a veth may carry a partial (offloaded) L4 checksum; compute it in
# full before sending the packet again, or the receiver drops it.
def release(rid, packet_id):
    packet = bytearray(held.pop(int(packet_id)))
    header = (packet[0] & 15) * 4
    proto = packet[9]
    offset = {6: 16, 17: 6}.get(proto)
    if offset is not None and len(packet) >= header + offset + 2:
        segment = packet[header:]
        segment[offset:offset + 2] = b"\0\0"
        pseudo = bytes(packet[12:20]) + struct.pack("!BBH", 0, proto, len(segment))
        segment[offset:offset + 2] = struct.pack("!H", checksum(pseudo + bytes(segment)))
        packet[header:] = segment
    sender = socket.socket(socket.AF_INET, socket.SOCK_RAW, socket.IPPROTO_RAW)
    try:
        sender.sendto(bytes(packet), (socket.inet_ntoa(bytes(packet[16:20])), 0))
    finally:
        sender.close()
    emit(rid + " ok")

VERBS = {"release": release, "listen": listen, "connect": connect, "open": open_cmd, "send": send_cmd, "close": close_cmd, "nflog": nflog}

def run(words):
    try:
        VERBS[words[1]](words[0], *words[2:])
    except Exception as e:  # one bad command must not end the agent
        emit("%s fail %s 0" % (words[0], type(e).__name__))

emit("ready")
for line in sys.stdin:
    words = line.split()
    if len(words) >= 2:
        threading.Thread(target=run, args=(words,), daemon=True).start()
