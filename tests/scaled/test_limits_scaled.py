"""The per-client limit in the scale-out profile (issue 27): nginx's limit_req in
front, by the visitor's address, answering the friendly reply itself (status
200), and the Rasa servers' own limit on the address nginx forwards."""

from __future__ import annotations

import http.client
import json
import threading
import uuid

import requests

from bot.service.limits import LIMITED_TEXT


def flood(url: str, address: str, messages: int, connections: int, headers: dict | None = None) -> list:
    port = int(url.rsplit(":", 1)[1])
    results: list = []

    def one() -> None:
        conn = http.client.HTTPConnection("127.0.0.1", port, timeout=60, source_address=(address, 0))
        sender = "flood-" + uuid.uuid4().hex[:8]
        for _ in range(messages // connections):
            body = json.dumps({"sender": sender, "message": "how long is the PQiP?"})
            conn.request(
                "POST",
                "/webhooks/rest/webhook",
                body,
                {"Content-Type": "application/json", **(headers or {})},
            )
            reply = conn.getresponse()
            data = reply.read()
            texts = [m.get("text") for m in json.loads(data)] if reply.status == 200 else []
            results.append((reply.status, reply.getheader("X-Limited-By"), LIMITED_TEXT in texts))

    threads = [threading.Thread(target=one) for _ in range(connections)]
    for t in threads:
        t.start()
    for t in threads:
        t.join()
    return results


def test_nginx_limits_a_flooding_address_with_the_friendly_reply(scaled):
    results = flood(scaled.url, "127.0.0.41", 160, 8, headers={"X-Real-IP": "forged"})
    assert all(status == 200 for status, _, _ in results), {s for s, _, _ in results}
    by_nginx = sum(1 for _, limiter, limited in results if limiter == "nginx" and limited)
    assert by_nginx > 40, f"nginx limited {by_nginx} of {len(results)}"
    # another visitor meanwhile is answered
    other = requests.post(
        f"{scaled.url}/webhooks/rest/webhook",
        json={"sender": "calm-" + uuid.uuid4().hex[:6], "message": "how long is the PQiP?"},
        timeout=30,
    )
    assert other.status_code == 200 and LIMITED_TEXT not in other.text


def test_the_rasa_servers_limit_the_forwarded_address(scaled):
    # Straight to one Rasa server, as nginx talks to it: the forwarded address is the client.
    results = flood(scaled.rasa_urls[0], "127.0.0.1", 40, 4, headers={"X-Real-IP": "203.0.113.50"})
    assert all(status == 200 for status, _, _ in results)
    limited = sum(1 for _, _, limited in results if limited)
    assert limited >= 10, f"{limited} of {len(results)} limited"
    # 127.0.0.1 itself (exempt) with another forwarded address is not affected
    calm = flood(scaled.rasa_urls[0], "127.0.0.1", 3, 1, headers={"X-Real-IP": "203.0.113.51"})
    assert not any(limited for _, _, limited in calm)
