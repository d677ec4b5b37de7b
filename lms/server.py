"""daphne, closing live sockets with 1012 ("service restart") when the process stops.

Run as `python -m lms.server -b 0.0.0.0 -p 8000 lms.asgi:application` (every daphne option works).
Clients then reconnect with backoff and resume with `?after=<last id>`, so a deploy or restart
loses nothing: the events are in the database.
"""

from __future__ import annotations

import asyncio
import logging

from daphne.cli import CommandLineInterface
from daphne.server import Server
from daphne.ws_protocol import WebSocketProtocol
from twisted.internet import defer, reactor

logger = logging.getLogger(__name__)
SERVICE_RESTART = 1012
CLOSE_GRACE_SECONDS = 1.0


class GracefulServer(Server):
    def kill_all_applications(self) -> defer.Deferred[None]:
        closing = 0
        for protocol in list(self.connections):
            if isinstance(protocol, WebSocketProtocol) and protocol.state == WebSocketProtocol.STATE_OPEN:
                # sendClose() only lets applications use 1000 and 3000-4999; 1012 is the server's own code.
                protocol.sendCloseFrame(code=SERVICE_RESTART, isReply=False)
                closing += 1
        logger.info("Closing %d WebSockets with 1012 before stopping", closing)
        # Give the close frames a moment to leave before the reactor drops every connection.
        pause: defer.Deferred[None] = defer.Deferred()
        # `reactor` is typed as the zope interface IReactorTime, whose methods have no `self`: without the
        # mypy-zope plugin mypy takes the delay for `self` (twisted's typing needs that plugin).
        reactor.callLater(CLOSE_GRACE_SECONDS if closing else 0, pause.callback, None)  # type: ignore[arg-type]
        pause.addCallback(lambda _result: self._cancel_applications())
        return pause

    def _cancel_applications(self) -> defer.Deferred:
        """Daphne's own clean-up, tolerating connections that finished during the pause."""
        running = []
        for details in list(self.connections.values()):
            instance = details.get("application_instance")
            if instance is not None and not instance.done():
                instance.cancel()
                running.append(instance)
        finished = defer.Deferred.fromFuture(asyncio.gather(*running))
        finished.addErrback(lambda _failure: None)
        return finished


class GracefulCommandLineInterface(CommandLineInterface):
    server_class = GracefulServer


def main() -> None:
    GracefulCommandLineInterface.entrypoint()


if __name__ == "__main__":
    main()
