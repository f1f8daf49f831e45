"""course.progress.delivery.Connection: one kept-alive connection, one write per request."""

from __future__ import annotations

import json
import socket
import threading

import pytest

from course.progress.delivery import Connection, Retry, request_bytes


class OneShotServer:
    """A loopback HTTP server that reads each request with a single ``recv`` and
    records what that one read held, so a request written in two parts shows."""

    def __init__(self, close_after: int | None = None, connection_close: bool = False):
        self.sock = socket.create_server(("127.0.0.1", 0))
        self.port = self.sock.getsockname()[1]
        self.reads: list[bytes] = []
        self.connections = 0
        self.close_after, self.connection_close = close_after, connection_close
        self._thread = threading.Thread(target=self._serve, daemon=True)
        self._thread.start()

    def _serve(self) -> None:
        while True:
            try:
                conn, _ = self.sock.accept()
            except OSError:
                return
            self.connections += 1
            with conn:
                served = 0
                while True:
                    data = conn.recv(65536)
                    if not data:
                        break
                    self.reads.append(data)
                    served += 1
                    body = json.dumps({"n": len(self.reads)}).encode()
                    head = (f"HTTP/1.1 200 OK\r\nContent-Type: application/json\r\n"
                            f"Content-Length: {len(body)}\r\n"
                            + ("Connection: close\r\n" if self.connection_close else "")
                            + "\r\n").encode()
                    conn.sendall(head + body)
                    if self.connection_close or served == self.close_after:
                        break

    @property
    def url(self) -> str:
        return f"http://127.0.0.1:{self.port}/services/course-results/api/answers"

    def close(self) -> None:
        self.sock.close()


@pytest.fixture
def server():
    made: list[OneShotServer] = []

    def make(**kwargs) -> OneShotServer:
        made.append(OneShotServer(**kwargs))
        return made[-1]

    yield make
    for s in made:
        s.close()


def test_each_request_is_one_write_on_one_kept_alive_connection(server):
    srv, call = server(), Connection(timeout=5)
    bodies = [json.dumps({"rows": [{"question": f"q{i}", "pad": "x" * 300 * i}]}).encode()
              for i in range(6)]
    replies = [call("POST", srv.url, "abc123", body) for body in bodies]
    call.close()
    assert [r.status for r in replies] == [200] * 6
    assert [r.body["n"] for r in replies] == [1, 2, 3, 4, 5, 6]
    assert srv.connections == 1
    for read, body in zip(srv.reads, bodies, strict=True):
        head, _, rest = read.partition(b"\r\n\r\n")
        assert rest == body  # the body came in the same read as the head
        assert head.startswith(b"POST /services/course-results/api/answers HTTP/1.1\r\n")
        assert b"\r\nAuthorization: token abc123" in head
        assert f"\r\nContent-Length: {len(body)}".encode() in head
        assert f"\r\nHost: 127.0.0.1:{srv.port}".encode() in head


def test_a_connection_the_server_closed_is_opened_again(server):
    srv, call = server(close_after=1), Connection(timeout=5)
    assert call("POST", srv.url, "t", b"{}").status == 200
    assert call("POST", srv.url, "t", b"{}").status == 200  # the kept-alive one was closed
    call.close()
    assert srv.connections == 2


def test_a_reply_that_says_close_is_not_kept(server):
    srv, call = server(connection_close=True), Connection(timeout=5)
    for _ in range(3):
        assert call("GET", srv.url, "t").status == 200
    call.close()
    assert srv.connections == 3
    assert all(b"Content-Length" not in read for read in srv.reads)  # a GET has no body


def test_no_server_means_retry_later():
    with socket.create_server(("127.0.0.1", 0)) as closed:
        port = closed.getsockname()[1]
    with pytest.raises(Retry):
        Connection(timeout=2)("POST", f"http://127.0.0.1:{port}/api/answers", "t", b"{}")


@pytest.mark.parametrize("token", ["abc\r\nX-Learner: bob", "abc def", "トークン", "a\x00b"])
def test_a_token_that_would_break_the_head_is_never_sent(server, token):
    srv = server()
    with pytest.raises(Retry):
        Connection(timeout=2)("POST", srv.url, token, b"{}")
    assert srv.reads == []
    with pytest.raises(Exception, match="cannot carry"):
        request_bytes("POST", "127.0.0.1", "/api/answers", token, b"{}")
