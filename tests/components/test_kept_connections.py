"""The guarded action endpoint keeps its connection to the action server between calls.

A real aiohttp server on a loopback port stands for the action server; it
answers each call with the client port the call came from.
"""

import asyncio
import socket

from aiohttp import web
from rasa.utils.endpoints import EndpointConfig

from channels import failure_guard
from channels.failure_guard import GuardedActionEndpoint


def free_port():
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return s.getsockname()[1]


async def start_server(port):
    async def webhook(request):
        await request.json()
        return web.json_response({"peer": request.transport.get_extra_info("peername")[1]})

    app = web.Application()
    app.router.add_post("/webhook", webhook)
    runner = web.AppRunner(app)
    await runner.setup()
    await web.TCPSite(runner, "127.0.0.1", port).start()
    return runner


def run(coroutine):
    loop = asyncio.new_event_loop()
    try:
        return loop.run_until_complete(coroutine)
    finally:
        loop.close()


def test_calls_reuse_one_connection_and_one_session():
    async def scenario():
        port = free_port()
        runner = await start_server(port)
        endpoint = GuardedActionEndpoint(EndpointConfig(f"http://127.0.0.1:{port}/webhook"))
        try:
            peers = [(await endpoint.request(json={"n": n}, method="post"))["peer"] for n in range(4)]
            return peers, endpoint._client.closed
        finally:
            await runner.cleanup()
            await endpoint._client.close()

    peers, closed = run(scenario())
    assert len(set(peers)) == 1  # Rasa's own session() would connect four times
    assert not closed


def test_a_restarted_action_server_is_reached_on_a_new_connection():
    async def scenario():
        port = free_port()
        endpoint = GuardedActionEndpoint(EndpointConfig(f"http://127.0.0.1:{port}/webhook"))
        runner = await start_server(port)
        first = await endpoint.request(json={}, method="post")
        await runner.cleanup()  # the action server goes away, its connections with it
        runner = await start_server(port)
        try:
            second = await endpoint.request(json={}, method="post")
        finally:
            await runner.cleanup()
            await endpoint._client.close()
        return first, second

    first, second = run(scenario())
    assert first["peer"] != second["peer"]


def test_each_event_loop_gets_its_own_session():
    endpoint = GuardedActionEndpoint(EndpointConfig("http://127.0.0.1:1/webhook"))

    async def client():
        async with endpoint.session() as session:
            return session

    first, second = run(client()), run(client())
    assert first is not second
    assert first.connector._keepalive_timeout == failure_guard.KEEP_CONNECTIONS
