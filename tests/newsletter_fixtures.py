"""Fixtures for the newsletter tests: a real SMTP server, and tasks run on the spot."""

import asyncio
import email
import email.policy
import os
import socket
import threading
from collections.abc import Callable
from dataclasses import dataclass, field

import pytest
from aiosmtpd.controller import Controller
from asgiref.local import Local
from django.tasks import task_backends


@dataclass
class Received:
    sender: str
    recipients: list
    message: email.message.EmailMessage
    raw: bytes

    @property
    def to(self):
        return self.recipients[0]


class SinkController(Controller):
    """aiosmtpd's controller, listening beside the sink's reservation of its port."""

    def _create_server(self):
        return self.loop.create_server(
            self._factory_invoker, host=self.hostname, port=self.port, reuse_port=True
        )


def reserve_port():
    """A port on 127.0.0.1 that stays ours: bound, not listening, so connections are refused.

    A port found free and let go again can be taken by anything else on the machine (another
    test run's server, a connection's own port) before it is used.
    """
    reservation = socket.socket()
    reservation.setsockopt(socket.SOL_SOCKET, socket.SO_REUSEPORT, 1)
    reservation.bind(("127.0.0.1", 0))
    return reservation


def free_port():
    """A port on 127.0.0.1 nothing listens on; TEST_PORTS=9600-9699 keeps to a range."""
    first, _, last = os.environ.get("TEST_PORTS", "").partition("-")
    candidates = range(int(first), int(last) + 1) if last else [0]
    for port in candidates:
        with socket.socket() as probe:
            try:
                probe.bind(("127.0.0.1", port))
            except OSError:
                continue
            return probe.getsockname()[1]
    raise RuntimeError(f"no free port in TEST_PORTS={os.environ['TEST_PORTS']}")


@dataclass
class SmtpSink:
    """An SMTP server on 127.0.0.1 that keeps what it accepts and can refuse on request.

    Its port is reserved from the start: until `start()`, and after the server goes down,
    connections to it are refused, and nothing else can listen there.
    """

    reservation: socket.socket = field(default_factory=reserve_port)
    port: int = 0
    received: list = field(default_factory=list)
    refuse: dict = field(default_factory=dict)  # address → reply, e.g. "550 5.1.1 No such user"
    busy: dict = field(default_factory=dict)  # address → how many times to answer 451 first
    drop: set = field(default_factory=set)  # addresses whose first DATA drops the connection
    # The nth message is taken (as servers take a message once they read its end, whoever
    # is still there to hear the answer) and its answer waits until `release` is set.
    hold_message_number: int | None = None
    release: asyncio.Event | None = None
    held: bool = False
    holding: threading.Event = field(default_factory=threading.Event)  # set once it is held
    on_hold: Callable[[], None] | None = None  # called in the server's thread once it is held
    data_count: int = 0
    down_after: int | None = None  # after this many accepted, the server goes down mid-send
    controller: Controller | None = None
    arrived: threading.Condition = field(default_factory=threading.Condition)

    def __post_init__(self):
        self.port = self.reservation.getsockname()[1]

    async def handle_RCPT(self, server, session, envelope, address, rcpt_options):
        if address in self.refuse:
            return self.refuse[address]
        if self.busy.get(address):
            self.busy[address] -= 1
            return "451 4.7.1 Busy, try again later"
        envelope.rcpt_tos.append(address)
        return "250 OK"

    async def handle_DATA(self, server, session, envelope):
        self.data_count += 1
        if self.down_after is not None and len(self.received) >= self.down_after:
            self.controller.server.close()  # no longer listening: new connections are refused
            server.transport.close()
            return "421 4.3.2 Shutting down"
        address = envelope.rcpt_tos[0]
        if address in self.drop:
            self.drop.discard(address)
            server.transport.close()
            return "421 4.3.2 Closing"
        message = email.message_from_bytes(envelope.content, policy=email.policy.default)
        with self.arrived:
            self.received.append(
                Received(envelope.mail_from, list(envelope.rcpt_tos), message, envelope.content)
            )
            self.arrived.notify_all()
        if self.data_count == self.hold_message_number:
            await self.hold()
        return "250 2.0.0 Accepted"

    async def hold(self):
        """Keep the answer to a message already taken waiting, until `release` is set."""
        self.held = True
        self.release = asyncio.Event()
        self.holding.set()
        if self.on_hold is not None:
            self.on_hold()
        await self.release.wait()

    def recipients(self):
        return [received.to for received in self.received]

    def wait_for(self, count, timeout):
        """Wait until `count` messages have arrived (a bound on a stuck sender only)."""
        with self.arrived:
            return self.arrived.wait_for(lambda: len(self.received) >= count, timeout=timeout)

    def start(self):
        # However busy the machine, starting a server in a thread never takes a minute.
        self.controller = SinkController(
            self, hostname="127.0.0.1", port=self.port, ready_timeout=60
        )
        self.controller.start()
        self.loop = self.controller.loop

    def stop(self):
        if self.release is not None:
            self.loop.call_soon_threadsafe(self.release.set)
        self.controller.stop(no_assert=True)
        self.controller = None

    def close(self):
        """Stop the server if it runs, and give the port back."""
        if self.controller is not None:
            self.stop()
        self.reservation.close()

    def come_back(self):
        """The server is up again, on the same port, accepting everything."""
        self.stop()
        self.down_after = None
        self.start()


@pytest.fixture
def smtp_sink(settings):
    """A running SMTP sink; the default mailer sends to it for the test's duration."""
    sink = SmtpSink()
    sink.start()
    send_to_port(settings, sink.port)
    yield sink
    sink.close()


def send_to_port(settings, port):
    """Send the default mailer's messages to an SMTP server on 127.0.0.1:`port`."""
    settings.MAILERS = {
        "default": {
            "BACKEND": "django.core.mail.backends.smtp.EmailBackend",
            # A bound on a hung server only: answers on a busy machine come far sooner.
            "OPTIONS": {"host": "127.0.0.1", "port": port, "timeout": 60},
        }
    }


def use_task_backend(settings, backend):
    """Switch the tasks backend (Django does not reset its task backends on a settings change)."""
    settings.TASKS = {"default": {"BACKEND": backend}}
    task_backends._settings = task_backends.settings = task_backends.configure_settings(None)
    task_backends._connections = Local(task_backends.thread_critical)


@pytest.fixture(autouse=True)
def tasks_run_at_once(settings):
    """Run background tasks on the spot; the worker itself is tested on its own."""
    use_task_backend(settings, "django.tasks.backends.immediate.ImmediateBackend")
